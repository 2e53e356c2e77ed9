//! `fourflow`: the shop's server binary.

use anyhow::bail;
use clap::{Args, Parser, Subcommand};
use fourflow_api::config::DatabaseSettings;
use fourflow_api::db::{redact, Db};
use fourflow_api::{demo, services, store, telemetry, Server, Settings};
use fourflow_core::account::normalize_email;
use fourflow_core::catalog::Sku;
use fourflow_core::staff::Role;

/// Fourflow, an open-source storefront: serves the shop's JSON API and its web app.
#[derive(Debug, Parser)]
#[command(name = "fourflow", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Migrate the database, then serve the API and the storefront until Ctrl-C.
    Serve(Settings),
    /// Bring the database schema up to date.
    Migrate(DatabaseSettings),
    /// Migrate, then write the demo store (idempotent: safe to run again).
    Seed(DatabaseSettings),
    /// Set a SKU's units on hand and clear what orders hold of it (a stock count).
    SetStock(SetStock),
    /// Give an account a role (`--role admin` makes the first admin); written to the audit log.
    GrantRole(GrantRole),
    /// Drop a PostgreSQL database, closing its sessions (benches start afresh with it).
    DropDatabase(DropDatabase),
}

#[derive(Debug, Args)]
struct SetStock {
    #[command(flatten)]
    database: DatabaseSettings,
    /// The variant's SKU.
    #[arg(long)]
    sku: String,
    /// Units on hand from now on; nothing is held any more.
    #[arg(long)]
    on_hand: u32,
}

#[derive(Debug, Args)]
struct GrantRole {
    #[command(flatten)]
    database: DatabaseSettings,
    /// The account's email (it must have signed up).
    #[arg(long)]
    email: String,
    /// customer, marketer, operator or admin.
    #[arg(long)]
    role: String,
}

#[derive(Debug, Args)]
struct DropDatabase {
    /// `postgres://user@host/name`: the database to drop. Given on the command line only
    /// (never read from FOURFLOW_DATABASE_URL), so that the shop's own database is not
    /// dropped by a stray environment variable.
    #[arg(long)]
    database_url: String,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    telemetry::init();
    match Cli::parse().command {
        Command::Serve(settings) => {
            // Created here, if missing, so that the server starts on a new PostgreSQL database.
            let (db, created) = Db::connect_creating(&settings.database.database_url).await?;
            db.close().await;
            say_created(created, &settings.database.database_url);
            let server = Server::build(&settings).await?;
            let url = format!("http://{}:{}", settings.host, server.port());
            tracing::info!(%url, database = %redact(&settings.database.database_url), "Fourflow is open");
            println!("Fourflow is open at {url}");
            server.run_until(shutdown_signal()).await
        }
        Command::Migrate(database) => {
            let (db, created) = Db::connect_creating(&database.database_url).await?;
            say_created(created, &database.database_url);
            db.migrate().await?;
            println!("migrated {}", redact(&database.database_url));
            Ok(())
        }
        Command::Seed(database) => {
            let (db, created) = Db::connect_creating(&database.database_url).await?;
            say_created(created, &database.database_url);
            db.migrate().await?;
            let report = demo::seed(&db).await?;
            println!(
                "seeded {}: {} categories, {} products, {} variants",
                redact(&database.database_url),
                report.categories,
                report.products,
                report.variants
            );
            Ok(())
        }
        Command::SetStock(args) => {
            let url = &args.database.database_url;
            let sku = Sku::parse("sku", &args.sku)?;
            let db = Db::connect(url).await?;
            let mut tx = db.begin_write().await?;
            if !store::catalog::set_on_hand(&mut tx, sku.as_str(), i64::from(args.on_hand)).await? {
                bail!(
                    "no variant has SKU {} in {}; nothing changed",
                    sku.as_str(),
                    redact(url)
                );
            }
            tx.commit().await?;
            println!(
                "set {} in {} to {} on hand, none held; servers pick it up within their \
                 catalog refresh interval",
                sku.as_str(),
                redact(url),
                args.on_hand
            );
            Ok(())
        }
        Command::GrantRole(args) => {
            let url = &args.database.database_url;
            let role = Role::parse("role", &args.role)?;
            let db = Db::connect(url).await?;
            let now = time::OffsetDateTime::now_utc().unix_timestamp();
            let email = normalize_email(&args.email);
            match services::staff::grant_role_by_email(&db, now, None, &email, role).await {
                Ok(member) => println!(
                    "{} (account {}) is now {} in {}",
                    member.email,
                    member.customer_id,
                    role.as_str(),
                    redact(url)
                ),
                Err(e) => bail!("{e}; nothing changed in {}", redact(url)),
            }
            Ok(())
        }
        Command::DropDatabase(args) => {
            let url = &args.database_url;
            if Db::drop_database(url).await? {
                println!("dropped {}", redact(url));
            } else {
                println!("{} did not exist: nothing to drop", redact(url));
            }
            Ok(())
        }
    }
}

/// Says that `connect_creating` had to create the database.
fn say_created(created: Option<String>, url: &str) {
    if let Some(name) = created {
        println!(
            "created database {name:?} ({} did not exist yet)",
            redact(url)
        );
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
}
