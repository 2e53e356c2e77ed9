//! `fourflow`: the shop's server binary.

use clap::{Parser, Subcommand};
use fourflow_api::config::DatabaseSettings;
use fourflow_api::db::{redact, Db};
use fourflow_api::{demo, telemetry, Server, Settings};

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
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    telemetry::init();
    match Cli::parse().command {
        Command::Serve(settings) => {
            let server = Server::build(&settings).await?;
            let url = format!("http://{}:{}", settings.host, server.port());
            tracing::info!(%url, database = %redact(&settings.database.database_url), "Fourflow is open");
            println!("Fourflow is open at {url}");
            server.run_until(shutdown_signal()).await
        }
        Command::Migrate(database) => {
            let db = Db::connect(&database.database_url).await?;
            db.migrate().await?;
            println!("migrated {}", redact(&database.database_url));
            Ok(())
        }
        Command::Seed(database) => {
            let db = Db::connect(&database.database_url).await?;
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
