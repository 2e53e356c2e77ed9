//! A real Fourflow server, on a free port over a fresh seeded SQLite database, serving the
//! built storefront.

use std::path::PathBuf;

use fourflow_api::clock::Clock;
use fourflow_api::db::Db;
use fourflow_api::Settings;

use super::server::{RunningServer, TestDatabase};

pub struct Shop {
    pub base: String,
    pub database_url: String,
    /// The shop's time: real time, which a test can push ahead for parcels to travel.
    pub clock: Clock,
    settings: Settings,
    // Declared before the database: the server stops before its database goes.
    server: Option<RunningServer>,
    _database: TestDatabase,
}

impl Shop {
    /// The shop as `cargo xtask run` serves it: paid orders go to the carrier by themselves.
    pub async fn open() -> Shop {
        Shop::open_with(true).await
    }

    /// The shop with its warehouse run by hand, from the orders console.
    pub async fn open_manual() -> Shop {
        Shop::open_with(false).await
    }

    async fn open_with(auto_fulfil: bool) -> Shop {
        let dist = dist_dir();
        // On SQLite, as `cargo xtask run` keeps the shop.
        let database = TestDatabase::seeded_on("sqlite").await;
        let mut settings = Settings::for_database(database.url.clone());
        settings.dist_dir = dist;
        settings.media_dir = database.folder().join("media");
        settings.fulfilment.auto_fulfil = auto_fulfil;
        settings.fulfilment.auto_fulfil_delay_seconds = 60;
        let mut shop = Shop {
            base: String::new(),
            database_url: database.url.clone(),
            clock: Clock::shifted(),
            settings,
            server: None,
            _database: database,
        };
        shop.start().await;
        shop
    }

    /// Starts the server (again, on the same port once it has one).
    pub async fn start(&mut self) {
        let server = RunningServer::start(&self.settings, self.clock.clone()).await;
        self.settings.port = server.port;
        self.base = server.base();
        self.server = Some(server);
    }

    /// Stops the server: a real outage, whatever the browser believes.
    pub async fn stop(&mut self) {
        if let Some(mut server) = self.server.take() {
            server.stop();
        }
        // Until the port refuses connections.
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", self.settings.port))
                .await
                .is_err()
            {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("the server did not stop");
    }

    /// Runs SQL on the shop's database (for what no API does yet).
    pub async fn sql(&self, statement: &str) {
        let db = Db::connect(&self.database_url).await.expect("connect");
        sqlx::query(statement)
            .execute(db.pool())
            .await
            .expect(statement);
        db.close().await;
    }

    /// Waits until the warehouse has scheduled the hand-over of every order it was sent.
    /// The job runner opens fulfilment on its own tick, and the hand-over is due a delay after
    /// *that*: a test that moved the clock first would wait for a time that never comes.
    pub async fn wait_for_the_warehouse(&self) {
        let db = Db::connect(&self.database_url).await.expect("connect");
        let start = std::time::Instant::now();
        loop {
            let (opening, scheduled): (i64, i64) = sqlx::query_as(
                "SELECT \
                   (SELECT COUNT(*) FROM outbox WHERE kind = 'fulfilment.open' AND done_at IS NULL), \
                   (SELECT COUNT(*) FROM outbox WHERE kind = 'fulfilment.auto')",
            )
            .fetch_one(db.pool())
            .await
            .expect("read the outbox");
            if opening == 0 && scheduled > 0 {
                break;
            }
            assert!(
                start.elapsed() < std::time::Duration::from_secs(20),
                "the warehouse never took the order"
            );
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        db.close().await;
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
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
