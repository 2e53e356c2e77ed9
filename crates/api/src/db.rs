//! The database handle: one pool over SQLite (embedded, the default) or PostgreSQL (for scale).
//!
//! Both engines are reached through sqlx's `Any` driver, so the store is written once with
//! `$1`-style parameters that both understand; where the dialects differ, the store asks
//! [`Db::backend`]. Each engine has its own migration set, kept in step by the test suite,
//! which runs unchanged against both.

use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::postgres::{PgConnectOptions, PgConnection};
use sqlx::{AnyPool, Connection, Executor};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Debug, Clone)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
}

impl Db {
    /// Connects (creating a SQLite file and its folder if missing) without migrating.
    pub async fn connect(url: &str) -> anyhow::Result<Db> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if is_postgres(url) {
            Backend::Postgres
        } else {
            anyhow::bail!("unsupported database URL {url:?}: use sqlite:… or postgres://…");
        };
        let url = match backend {
            Backend::Sqlite => sqlite_url(url)?,
            Backend::Postgres => url.to_owned(),
        };
        let options = AnyConnectOptions::from_str(&url)
            .with_context(|| format!("reading database URL {url:?}"))?;
        let pool = AnyPoolOptions::new()
            .max_connections(match backend {
                // One writer at a time either way; readers run in parallel under WAL.
                Backend::Sqlite => 8,
                Backend::Postgres => 16,
            })
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers run beside the writer; the busy timeout makes a
                        // writer wait for the lock instead of failing at once.
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; \
                             PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await
            .with_context(|| format!("connecting to {}", redact(&url)))?;
        Ok(Db { pool, backend })
    }

    /// As [`Db::connect`], but a PostgreSQL database that does not exist yet is created first
    /// (through the server's `postgres` database). Returns the name of the database it
    /// created, if it did, so that the caller can say so. For the commands that set a shop up
    /// (`serve`, `migrate`, `seed`); tests and tools that expect a database use `connect`.
    pub async fn connect_creating(url: &str) -> anyhow::Result<(Db, Option<String>)> {
        match Db::connect(url).await {
            Ok(db) => Ok((db, None)),
            Err(error) if is_missing_database(&error) => {
                let name = create_database(url).await?;
                Ok((Db::connect(url).await?, Some(name)))
            }
            Err(error) => Err(error),
        }
    }

    /// Drops the PostgreSQL database `url` names, closing its other sessions first (`WITH
    /// (FORCE)`); false when there was none. Refuses SQLite URLs and the server's own
    /// `postgres` database.
    pub async fn drop_database(url: &str) -> anyhow::Result<bool> {
        if !is_postgres(url) {
            anyhow::bail!(
                "only a PostgreSQL database can be dropped this way (for SQLite, delete the file)"
            );
        }
        let (options, name) = postgres_target(url)?;
        if name == MAINTENANCE_DATABASE {
            anyhow::bail!("refusing to drop the server's own `{MAINTENANCE_DATABASE}` database");
        }
        let mut server = connect_maintenance(&options, url).await?;
        let existed: bool =
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
                .bind(&name)
                .fetch_one(&mut server)
                .await
                .context("looking the database up")?;
        server
            .execute(
                format!(
                    "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                    quote_identifier(&name)
                )
                .as_str(),
            )
            .await
            .with_context(|| format!("dropping database {name:?}"))?;
        let _ = server.close().await;
        Ok(existed)
    }

    /// Brings the schema up to date; safe to run on every start.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        match self.backend {
            Backend::Sqlite => sqlx::migrate!("./migrations/sqlite").run(&self.pool).await,
            Backend::Postgres => {
                sqlx::migrate!("./migrations/postgres")
                    .run(&self.pool)
                    .await
            }
        }
        .context("running migrations")
    }

    /// A transaction that will write. On SQLite it takes the write lock at once (`BEGIN
    /// IMMEDIATE`), so that two writers queue on the busy timeout instead of one failing when
    /// it tries to upgrade a read lock; on PostgreSQL, row locks do the queueing.
    pub async fn begin_write(&self) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Any>> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// `sqlite:data/fourflow.db` → create `data/` and open read-write-create.
fn sqlite_url(url: &str) -> anyhow::Result<String> {
    let path = url
        .trim_start_matches("sqlite:")
        .trim_start_matches("//")
        .split('?')
        .next()
        .unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        anyhow::bail!("use a file for SQLite (sqlite:path/to/shop.db): every connection of the pool must see the same database");
    }
    if let Some(dir) = std::path::Path::new(path).parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
    }
    Ok(if url.contains('?') {
        url.to_owned()
    } else {
        format!("{url}?mode=rwc")
    })
}

fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres:") || url.starts_with("postgresql:")
}

/// The database every PostgreSQL server has, reached to create or drop the others.
const MAINTENANCE_DATABASE: &str = "postgres";

/// PostgreSQL's "database … does not exist" (SQLSTATE 3D000 `invalid_catalog_name`).
fn is_missing_database(error: &anyhow::Error) -> bool {
    error
        .downcast_ref::<sqlx::Error>()
        .and_then(sqlx::Error::as_database_error)
        .and_then(|e| e.code())
        .is_some_and(|code| code == "3D000")
}

/// `CREATE DATABASE` for the database `url` names, from the server's `postgres` database; a
/// database created meanwhile by another process (a second replica starting) is fine.
async fn create_database(url: &str) -> anyhow::Result<String> {
    let (options, name) = postgres_target(url)?;
    let mut server = connect_maintenance(&options, url).await?;
    let created = server
        .execute(format!("CREATE DATABASE {}", quote_identifier(&name)).as_str())
        .await;
    let _ = server.close().await;
    match created {
        Ok(_) => Ok(name),
        // 42P04 duplicate_database: someone else created it first.
        Err(error)
            if error
                .as_database_error()
                .and_then(|e| e.code())
                .is_some_and(|code| code == "42P04") =>
        {
            Ok(name)
        }
        Err(error) => Err(anyhow::Error::new(error).context(format!("creating database {name:?}"))),
    }
}

/// The connect options of a PostgreSQL URL and the name of the database it names.
fn postgres_target(url: &str) -> anyhow::Result<(PgConnectOptions, String)> {
    let options = PgConnectOptions::from_str(url)
        .with_context(|| format!("reading database URL {:?}", redact(url)))?;
    let name = options
        .get_database()
        .map(str::to_owned)
        .with_context(|| format!("{} names no database (…/name)", redact(url)))?;
    Ok((options, name))
}

async fn connect_maintenance(
    options: &PgConnectOptions,
    url: &str,
) -> anyhow::Result<PgConnection> {
    PgConnection::connect_with(&options.clone().database(MAINTENANCE_DATABASE))
        .await
        .with_context(|| {
            format!(
                "connecting to the `{MAINTENANCE_DATABASE}` database of {}",
                redact(url)
            )
        })
}

/// A name as a PostgreSQL identifier: in double quotes, inner quotes doubled.
fn quote_identifier(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            let user = userinfo.split(':').next().unwrap_or_default();
            format!("{}://{}@{}", &url[..scheme], user, &url[at + 1..])
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_passwords() {
        assert_eq!(
            redact("postgres://shop:secret@db/shop"),
            "postgres://shop@db/shop"
        );
        assert_eq!(redact("sqlite:data/fourflow.db"), "sqlite:data/fourflow.db");
    }

    #[test]
    fn quotes_identifiers() {
        assert_eq!(quote_identifier("fourflow_bench"), "\"fourflow_bench\"");
        assert_eq!(quote_identifier("odd\"name"), "\"odd\"\"name\"");
    }

    #[test]
    fn reads_the_database_a_postgres_url_names() {
        let (_, name) = postgres_target("postgres://shop:secret@db:5432/fourflow_bench").unwrap();
        assert_eq!(name, "fourflow_bench");
        let (_, name) = postgres_target("postgresql://db/My-Shop?sslmode=disable").unwrap();
        assert_eq!(name, "My-Shop");
    }

    #[test]
    fn refuses_in_memory_sqlite() {
        assert!(sqlite_url("sqlite::memory:").is_err());
    }
}
