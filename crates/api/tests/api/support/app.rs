//! A test's shop: the server on its own fresh database, at a fixed time, and the client that
//! speaks to it. Requests go through [`Browser`], the suite's one HTTP client; the plain
//! `get`/`post`/`ok` here are an anonymous browser's.

use std::sync::Arc;

use fourflow_api::clock::Clock;
use fourflow_api::{AppState, Settings};
use serde_json::Value;

use super::browser::Browser;
use super::server::{backend, RunningServer, TestDatabase};
use super::smtp::SmtpSink;

/// The time every test server starts at: 2026-11-25T00:00:00Z.
pub const NOW: i64 = 1_795_564_800;

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub state: AppState,
    /// The SMTP server the shop sends its email to; `None` for a shop that keeps its email in
    /// the development mailbox instead.
    pub mail: Option<Arc<SmtpSink>>,
    settings: Settings,
    // Declared before the database: the server stops before its database goes.
    _server: RunningServer,
    // Shared with the shop's replicas ([`TestApp::replica`]); dropped with the last.
    database: Arc<TestDatabase>,
}

impl TestApp {
    /// A server on port 0 over a fresh, migrated and seeded database.
    pub async fn spawn() -> TestApp {
        TestApp::spawn_serving(std::env::temp_dir().join("fourflow-no-dist")).await
    }

    /// The same, serving the storefront files in `dist`.
    pub async fn spawn_serving(dist: std::path::PathBuf) -> TestApp {
        let mail = SmtpSink::start().await;
        TestApp::start(dist, Some(mail)).await
    }

    /// A shop without an SMTP server, which keeps its email in the development mailbox (as
    /// `cargo xtask run` does).
    pub async fn spawn_with_dev_mailbox() -> TestApp {
        TestApp::start(std::env::temp_dir().join("fourflow-no-dist"), None).await
    }

    async fn start(dist: std::path::PathBuf, mail: Option<SmtpSink>) -> TestApp {
        let database = TestDatabase::seeded_on(backend()).await;
        let mut settings = Settings::for_database(database.url.clone());
        settings.mail.smtp_url = mail.as_ref().map(SmtpSink::url);
        settings.dist_dir = dist;
        settings.media_dir = database.folder().join("media");
        // Argon2 at its smallest: tests sign in hundreds of times (production: OWASP's 19 MiB).
        settings.accounts.password_hash_memory_kib = 8;
        TestApp::serve(settings, Arc::new(database), mail.map(Arc::new)).await
    }

    /// A second server of this shop, as another replica behind a load balancer: a process of
    /// its own (its own caches, job runner and clock) on the same database, media folder and
    /// mail server, and nothing else shared.
    pub async fn replica(&self) -> TestApp {
        TestApp::serve(
            self.settings.clone(),
            self.database.clone(),
            self.mail.clone(),
        )
        .await
    }

    async fn serve(
        settings: Settings,
        database: Arc<TestDatabase>,
        mail: Option<Arc<SmtpSink>>,
    ) -> TestApp {
        let server = RunningServer::start(&settings, Clock::fixed(NOW)).await;
        TestApp {
            base: server.base(),
            client: reqwest::Client::new(),
            state: server.state.clone(),
            mail,
            settings,
            _server: server,
            database,
        }
    }

    /// A request to `path` on this shop, for what the JSON helpers cannot say (raw bodies,
    /// headers, bytes).
    pub fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.client.request(method, format!("{}{path}", self.base))
    }

    /// GET as an anonymous shopper: the status and the body (JSON, or the text as a string).
    pub async fn get(&self, path: &str) -> (u16, Value) {
        let answer = Browser::new(self).get(path).await;
        (answer.status, answer.body)
    }

    /// POST as an anonymous shopper.
    pub async fn post(&self, path: &str, body: &Value) -> (u16, Value) {
        let answer = Browser::new(self).post(path, body).await;
        (answer.status, answer.body)
    }

    /// GET that must answer 200, as JSON.
    pub async fn ok(&self, path: &str) -> Value {
        let (status, body) = self.get(path).await;
        assert_eq!(status, 200, "GET {path} → {status}: {body}");
        body
    }

    /// Places `order` (the body of `POST /api/v1/orders`) as a guest, which must succeed: its
    /// number and access token.
    pub async fn place_order(&self, order: &Value) -> (String, String) {
        let placed = Browser::new(self).place_order(order).await;
        (placed.number, placed.token)
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
            .unwrap_or_else(|e| panic!("no SKU {sku}: {e}"))
    }
}
