//! The shop under test, started the one way both test suites start it: a fresh database of
//! its own, migrated and seeded with the demo store, and the real server on a free port,
//! stopped when dropped. The API suite's `TestApp` is built on it, and so is the end-to-end
//! suite's `Shop`, which includes this very file (`tests/e2e/support/mod.rs`): keep it to
//! `fourflow_api`, `sqlx`, `tokio` and std, which both suites have.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use fourflow_api::clock::Clock;
use fourflow_api::db::Db;
use fourflow_api::{demo, AppState, Server, Settings};

/// A database that exists for one test: a SQLite file in a temporary folder, or a PostgreSQL
/// database created for the test and dropped after it. The folder exists either way, for
/// whatever else the test's shop keeps on disk (its media).
pub struct TestDatabase {
    pub url: String,
    postgres: Option<(String, String)>,
    folder: TempDir,
}

impl TestDatabase {
    /// On `engine` (`sqlite`, or `postgres` at `FOURFLOW_TEST_PG_URL`), migrated and seeded.
    /// The API suite runs on the engine [`backend`] names; the end-to-end suite on SQLite.
    pub async fn seeded_on(engine: &str) -> TestDatabase {
        let database = match engine {
            "postgres" => TestDatabase::postgres().await,
            "sqlite" => TestDatabase::sqlite(),
            other => panic!("FOURFLOW_TEST_BACKEND={other}: use sqlite or postgres"),
        };
        database.seed().await;
        database
    }

    /// A folder that lives as long as the database.
    pub fn folder(&self) -> &Path {
        &self.folder.path
    }

    fn sqlite() -> TestDatabase {
        let folder = TempDir::new();
        TestDatabase {
            url: format!("sqlite:{}/shop.db", folder.path.display()),
            postgres: None,
            folder,
        }
    }

    async fn postgres() -> TestDatabase {
        let admin = std::env::var("FOURFLOW_TEST_PG_URL").expect(
            "FOURFLOW_TEST_BACKEND=postgres needs FOURFLOW_TEST_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)",
        );
        let folder = TempDir::new();
        let name = format!("fourflow_test_{}", folder.unique);
        let db = Db::connect(&admin).await.expect("connect to PostgreSQL");
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(db.pool())
            .await
            .expect("create the test database");
        db.close().await;
        let (prefix, _) = admin
            .rsplit_once('/')
            .expect("a PostgreSQL URL ends in /dbname");
        TestDatabase {
            url: format!("{prefix}/{name}"),
            postgres: Some((admin, name)),
            folder,
        }
    }

    async fn seed(&self) {
        let db = Db::connect(&self.url).await.expect("connect");
        db.migrate().await.expect("migrate");
        demo::seed(&db).await.expect("seed the demo store");
        db.close().await;
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let Some((admin, name)) = self.postgres.take() else {
            return;
        };
        // Drop runs outside async: the database is dropped from a runtime of its own.
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| e.to_string())?;
            runtime.block_on(async {
                let db = Db::connect(&admin).await.map_err(|e| e.to_string())?;
                sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .execute(db.pool())
                    .await
                    .map_err(|e| e.to_string())?;
                db.close().await;
                Ok::<(), String>(())
            })
        })
        .join();
        if let Ok(Err(error)) = dropped {
            eprintln!("leaving a test database behind: {error}");
        }
    }
}

/// The database engine the suite runs on, from `FOURFLOW_TEST_BACKEND`.
pub fn backend() -> &'static str {
    match std::env::var("FOURFLOW_TEST_BACKEND").as_deref() {
        Ok("postgres") => "postgres",
        Ok("sqlite") | Err(_) => "sqlite",
        Ok(_) => "unknown",
    }
}

/// The real server, serving until it is stopped or dropped.
pub struct RunningServer {
    pub port: u16,
    pub state: AppState,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl RunningServer {
    /// Builds the server for `settings` on `clock` and starts serving (port 0: a free port).
    pub async fn start(settings: &Settings, clock: Clock) -> RunningServer {
        let server = Server::build_with_clock(settings, clock)
            .await
            .expect("start the server");
        let port = server.port();
        let state = server.state().clone();
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(server.run_until(async move {
            let _ = rx.await;
        }));
        RunningServer {
            port,
            state,
            shutdown: Some(tx),
        }
    }

    pub fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Asks the server to stop; it finishes the requests in flight.
    pub fn stop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A temporary folder, removed when dropped, named so that tests started at the same moment
/// (in one process or several) never share one.
struct TempDir {
    path: PathBuf,
    unique: String,
}

impl TempDir {
    fn new() -> TempDir {
        static MADE: AtomicU32 = AtomicU32::new(0);
        let n = MADE.fetch_add(1, Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let unique = format!("{}_{nanos}_{n}", std::process::id());
        let path = std::env::temp_dir().join(format!("fourflow-test-{unique}"));
        std::fs::create_dir_all(&path).expect("create a temporary folder");
        TempDir { path, unique }
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}
