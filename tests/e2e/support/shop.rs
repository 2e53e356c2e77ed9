//! A real Fourflow server, on a free port over a fresh seeded SQLite database, serving the
//! built storefront.

use std::path::PathBuf;

use fourflow_api::db::Db;
use fourflow_api::{demo, Server, Settings};

pub struct Shop {
    pub base: String,
    _dir: TempDir,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Shop {
    pub async fn open() -> Shop {
        let dist = dist_dir();
        let dir = TempDir::new();
        let url = format!("sqlite:{}/shop.db", dir.0.display());
        let db = Db::connect(&url).await.expect("create the test database");
        db.migrate().await.expect("migrate");
        demo::seed(&db).await.expect("seed the demo store");
        db.close().await;

        let mut settings = Settings::for_database(url);
        settings.dist_dir = dist;
        let server = Server::build(&settings).await.expect("start the server");
        let base = format!("http://127.0.0.1:{}", server.port());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(server.run_until(async move {
            let _ = rx.await;
        }));
        Shop {
            base,
            _dir: dir,
            shutdown: Some(tx),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for Shop {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

fn dist_dir() -> PathBuf {
    let dist = std::env::var_os("FOURFLOW_E2E_DIST").map(PathBuf::from).expect(
        "FOURFLOW_E2E_DIST must name a built storefront (run the suite with `cargo xtask test --suite e2e`)",
    );
    assert!(
        dist.join("index.html").is_file(),
        "{} holds no index.html: build it with `cargo xtask test --suite e2e`",
        dist.display()
    );
    dist
}

struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let path =
            std::env::temp_dir().join(format!("fourflow-e2e-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&path).expect("create a temporary folder");
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
