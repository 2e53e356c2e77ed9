//! A test server on its own fresh database, and a client for it.

use std::sync::atomic::{AtomicU32, Ordering};

use fourflow_api::clock::Clock;
use fourflow_api::db::Db;
use fourflow_api::{demo, AppState, Server, Settings};
use serde_json::Value;

/// The time every test server starts at: 2026-11-25T00:00:00Z.
pub const NOW: i64 = 1_795_564_800;

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub state: AppState,
    _database: TestDatabase,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl TestApp {
    /// A server on port 0 over a fresh, migrated and seeded database.
    pub async fn spawn() -> TestApp {
        TestApp::spawn_serving(std::env::temp_dir().join("fourflow-no-dist")).await
    }

    /// The same, serving the storefront files in `dist`.
    pub async fn spawn_serving(dist: std::path::PathBuf) -> TestApp {
        let database = TestDatabase::create().await;
        let db = Db::connect(&database.url).await.expect("connect");
        db.migrate().await.expect("migrate");
        demo::seed(&db).await.expect("seed");
        db.close().await;

        let mut settings = Settings::for_database(database.url.clone());
        settings.dist_dir = dist;
        settings.media_dir =
            std::env::temp_dir().join(format!("fourflow-media-{}", rand::random::<u64>()));
        // Argon2 at its smallest: tests sign in hundreds of times (production: OWASP's 19 MiB).
        settings.accounts.password_hash_memory_kib = 8;
        let server = Server::build_with_clock(&settings, Clock::fixed(NOW))
            .await
            .expect("build server");
        let base = format!("http://127.0.0.1:{}", server.port());
        let state = server.state().clone();
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(server.run_until(async move {
            let _ = rx.await;
        }));
        TestApp {
            base,
            client: reqwest::Client::new(),
            state,
            _database: database,
            shutdown: Some(tx),
        }
    }

    pub async fn get(&self, path: &str) -> (u16, Value) {
        let response = self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("request");
        let status = response.status().as_u16();
        let text = response.text().await.expect("body");
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        (status, body)
    }

    pub async fn post(&self, path: &str, body: &Value) -> (u16, Value) {
        let response = self
            .client
            .post(format!("{}{path}", self.base))
            .json(body)
            .send()
            .await
            .expect("request");
        let status = response.status().as_u16();
        let text = response.text().await.expect("body");
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        (status, body)
    }

    /// GET that must answer 200, as JSON.
    pub async fn ok(&self, path: &str) -> Value {
        let (status, body) = self.get(path).await;
        assert_eq!(status, 200, "GET {path} → {status}: {body}");
        body
    }

    /// Runs SQL against this test's database (to set up a situation the API cannot).
    pub async fn sql(&self, statement: &str) {
        sqlx::query(statement)
            .execute(self.state.db.pool())
            .await
            .expect(statement);
    }

    /// On hand and reserved of `sku`, as the warehouse counts them.
    pub async fn stock(&self, sku: &str) -> (i64, i64) {
        sqlx::query_as("SELECT on_hand, reserved FROM variants WHERE sku = $1")
            .bind(sku)
            .fetch_one(self.state.db.pool())
            .await
            .unwrap()
    }

    /// Places `order` (the body of `POST /api/v1/orders`), which must succeed.
    pub async fn place_order(&self, order: &Value) -> (String, String) {
        let response = self
            .client
            .post(format!("{}/api/v1/orders", self.base))
            .header(
                "idempotency-key",
                format!("order-{}", rand::random::<u64>()),
            )
            .json(order)
            .send()
            .await
            .expect("request");
        let status = response.status().as_u16();
        let placed: Value = response.json().await.unwrap_or(Value::Null);
        assert_eq!(status, 201, "{placed}");
        (
            placed["number"].as_str().unwrap().into(),
            placed["access_token"].as_str().unwrap().into(),
        )
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Slugs of a listing's items, in order.
pub fn slugs(list: &Value) -> Vec<String> {
    list["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|p| p["slug"].as_str().unwrap().to_owned())
        .collect()
}

/// A database that exists for one test: a SQLite file in a temporary folder, or a PostgreSQL
/// database created for the test and dropped after it.
struct TestDatabase {
    url: String,
    postgres: Option<(String, String)>,
    _dir: Option<TempDir>,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

impl TestDatabase {
    async fn create() -> TestDatabase {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let unique = format!("{}_{}_{n}", std::process::id(), nanos());
        match backend() {
            "postgres" => {
                let admin = std::env::var("FOURFLOW_TEST_PG_URL").expect(
                    "FOURFLOW_TEST_BACKEND=postgres needs FOURFLOW_TEST_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)",
                );
                let name = format!("fourflow_test_{unique}");
                let db = Db::connect(&admin).await.expect("connect to PostgreSQL");
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(db.pool())
                    .await
                    .expect("create test database");
                db.close().await;
                let (prefix, _) = admin
                    .rsplit_once('/')
                    .expect("a PostgreSQL URL ends in /dbname");
                TestDatabase {
                    url: format!("{prefix}/{name}"),
                    postgres: Some((admin, name)),
                    _dir: None,
                }
            }
            "sqlite" => {
                let dir = TempDir::new(&unique);
                TestDatabase {
                    url: format!("sqlite:{}/shop.db", dir.0.display()),
                    postgres: None,
                    _dir: Some(dir),
                }
            }
            other => panic!("FOURFLOW_TEST_BACKEND={other}: use sqlite or postgres"),
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some((admin, name)) = self.postgres.take() {
            // Drop runs outside async: drop the database from a runtime of its own.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()?;
                rt.block_on(async {
                    let db = Db::connect(&admin).await?;
                    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .execute(db.pool())
                        .await?;
                    anyhow::Ok(())
                })
            })
            .join();
        }
    }
}

pub fn backend() -> &'static str {
    match std::env::var("FOURFLOW_TEST_BACKEND").as_deref() {
        Ok("postgres") => "postgres",
        Ok("sqlite") | Err(_) => "sqlite",
        Ok(_) => "unknown",
    }
}

fn nanos() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default()
}

struct TempDir(std::path::PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let path = std::env::temp_dir().join(format!("fourflow-test-{name}"));
        std::fs::create_dir_all(&path).expect("create temp dir");
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
