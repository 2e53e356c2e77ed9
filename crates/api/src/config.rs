//! Settings, from flags or `FOURFLOW_*` environment variables (see `fourflow --help`).

use std::path::PathBuf;

use clap::Args;

/// The default database: an embedded SQLite file next to where the shop is started.
pub const DEFAULT_DATABASE_URL: &str = "sqlite:data/fourflow.db";

#[derive(Debug, Clone, Args)]
pub struct DatabaseSettings {
    /// `sqlite:path/to/file.db` (created if missing) or `postgres://user@host/db`.
    #[arg(long, env = "FOURFLOW_DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
    pub database_url: String,
}

#[derive(Debug, Clone, Args)]
pub struct Settings {
    #[command(flatten)]
    pub database: DatabaseSettings,

    /// Address to listen on.
    #[arg(long, env = "FOURFLOW_HOST", default_value = "127.0.0.1")]
    pub host: String,

    /// Port to listen on; 0 picks a free one.
    #[arg(long, env = "FOURFLOW_PORT", default_value_t = 8080)]
    pub port: u16,

    /// The built storefront (Trunk's output) to serve at `/`.
    #[arg(long, env = "FOURFLOW_DIST_DIR", default_value = "dist")]
    pub dist_dir: PathBuf,

    /// Where uploaded images are kept (named by their SHA-256). Several replicas must share
    /// it (a mounted volume): the files are write-once, so sharing is safe.
    #[arg(long, env = "FOURFLOW_MEDIA_DIR", default_value = "data/media")]
    pub media_dir: PathBuf,

    /// The secret the sandbox payment provider signs its webhooks with.
    #[arg(
        long,
        env = "FOURFLOW_SANDBOX_WEBHOOK_SECRET",
        default_value = "whsec_fourflow_sandbox"
    )]
    pub sandbox_webhook_secret: String,

    /// How often, in milliseconds, a replica re-reads catalog changes made by other replicas.
    #[arg(long, env = "FOURFLOW_CATALOG_REFRESH_MS", default_value_t = 1000)]
    pub catalog_refresh_ms: u64,

    #[command(flatten)]
    pub accounts: AccountSettings,

    #[command(flatten)]
    pub fulfilment: crate::fulfilment::FulfilmentSettings,

    #[command(flatten)]
    pub mail: MailSettings,
}

/// How the shop's emails leave it.
#[derive(Clone, Args)]
pub struct MailSettings {
    /// The SMTP server emails leave through: `smtps://user:pass@host:465` (TLS) or
    /// `smtp://user:pass@host:587` (STARTTLS required, except to this machine's own relay).
    /// Unset: emails are kept in the development mailbox (shown at `/dev/mailbox` with
    /// `--dev-mailbox`) and never leave the shop.
    #[arg(long, env = "FOURFLOW_SMTP_URL")]
    pub smtp_url: Option<String>,

    /// Whom the shop's emails are from (and where replies go).
    #[arg(
        long,
        env = "FOURFLOW_MAIL_FROM",
        default_value = "四流選物 Fourflow <shop@fourflow.localhost>"
    )]
    pub mail_from: String,
}

/// Without the SMTP password: settings may be logged.
impl std::fmt::Debug for MailSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailSettings")
            .field("smtp_url", &self.smtp_url.as_deref().map(crate::db::redact))
            .field("mail_from", &self.mail_from)
            .finish()
    }
}

/// Accounts: cookies, the origin CSRF checks compare with, client addresses, the dev mailbox.
#[derive(Debug, Clone, Args)]
pub struct AccountSettings {
    /// The shop's own origin as browsers see it (`https://shop.example.tw`): links in emails
    /// start with it, and a mutation's `Origin` must equal it. Unset: links start with the
    /// address the server listens on, and `Origin` is compared with the request's `Host`.
    #[arg(long, env = "FOURFLOW_PUBLIC_ORIGIN")]
    pub public_origin: Option<String>,

    /// Mark the session cookie `Secure` (on by itself when the public origin is https).
    #[arg(long, env = "FOURFLOW_SECURE_COOKIES")]
    pub secure_cookies: bool,

    /// Take the client's address for rate limits from the last `X-Forwarded-For` entry: only
    /// behind a proxy that sets it, or any client could pick its own address.
    #[arg(long, env = "FOURFLOW_TRUST_FORWARDED_FOR")]
    pub trust_forwarded_for: bool,

    /// Serve sent emails at `/dev/mailbox` and `/api/v1/dev/mailbox` (development and tests
    /// only: the emails hold sign-in links).
    #[arg(long, env = "FOURFLOW_DEV_MAILBOX")]
    pub dev_mailbox: bool,

    /// Argon2id memory cost in KiB. OWASP's 19456 unless tests lower it to stay fast.
    #[arg(
        long,
        env = "FOURFLOW_PASSWORD_HASH_MEMORY_KIB",
        default_value_t = 19_456,
        hide = true
    )]
    pub password_hash_memory_kib: u32,
}

impl Settings {
    /// Settings for a test or a tool: the given database, a free port, no SPA.
    pub fn for_database(database_url: impl Into<String>) -> Self {
        Settings {
            database: DatabaseSettings {
                database_url: database_url.into(),
            },
            host: "127.0.0.1".into(),
            port: 0,
            dist_dir: PathBuf::from("dist"),
            media_dir: PathBuf::from("data/media"),
            catalog_refresh_ms: 1000,
            sandbox_webhook_secret: "whsec_fourflow_sandbox".into(),
            accounts: AccountSettings {
                public_origin: None,
                secure_cookies: false,
                trust_forwarded_for: false,
                dev_mailbox: true,
                password_hash_memory_kib: 19_456,
            },
            // Orders stay in processing unless a test turns `auto_fulfil` on.
            fulfilment: crate::fulfilment::FulfilmentSettings::manual(),
            mail: MailSettings {
                smtp_url: None,
                mail_from: "四流選物 Fourflow <shop@fourflow.localhost>".into(),
            },
        }
    }
}
