//! `cargo xtask run`: from a fresh clone to an open shop in one command — install what is
//! missing, build the apps and the server in release mode, seed the demo store, serve — in
//! numbered steps, each saying how long it should take (a first run and a run with nothing to
//! build differ by some 25 minutes: see [`plan`]).

mod plan;

use std::path::Path;

use anyhow::Result;
use clap::Args;

use crate::build::{self, RUN_DIST};
use crate::pages::Pages;
use crate::process;
use crate::progress::Progress;
use crate::tools::{self, Toolbox};

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Port to serve on (0 picks a free one).
    #[arg(long, env = "FOURFLOW_PORT", default_value_t = 8080)]
    port: u16,
    /// Database to seed and serve; a relative SQLite path is relative to the repository root.
    #[arg(
        long,
        env = "FOURFLOW_DATABASE_URL",
        default_value = "sqlite:data/fourflow.db"
    )]
    database_url: String,
    /// Serve what was built last (dist/ and target/release/fourflow) without building again.
    #[arg(long)]
    skip_build: bool,
}

impl RunArgs {
    /// Whether this run builds (and so precompresses the app).
    pub fn builds(&self) -> bool {
        !self.skip_build
    }
}

pub fn run(root: &Path, args: RunArgs) -> Result<()> {
    let toolbox = Toolbox::new(root);
    let dist = root.join(RUN_DIST);
    let mut progress;
    let server = if args.skip_build {
        progress = Progress::new("cargo xtask run --skip-build", plan::serve_only());
        if !dist.join("index.html").is_file() {
            println!(
                "warning: {} has no index.html: the API will answer but the shop will not show \
                 (drop --skip-build to build it)",
                dist.display()
            );
        }
        build::existing_server(root)?
    } else {
        let machine = plan::Machine::look(&toolbox);
        progress = Progress::new("cargo xtask run", plan::plan(&machine));
        progress.next();
        tools::ensure_web_tools(&toolbox)?;
        progress.next();
        build::apps(&toolbox, &dist, Pages::Quick)?;
        progress.next();
        build::precompress(&dist)?;
        progress.next();
        build::server(&toolbox)?
    };

    progress.next();
    println!("    the demo store: migrates first; safe to repeat, existing data is kept");
    process::run(
        toolbox
            .command(&server)
            .args(["seed", "--database-url", &args.database_url]),
    )?;
    progress.finish_current();

    let host = std::env::var("FOURFLOW_HOST").unwrap_or_else(|_| "127.0.0.1".into());
    let place = match args.port {
        0 => format!("{host}, on a free port"),
        port => format!("http://{host}:{port}"),
    };
    crate::step(&format!(
        "starting Fourflow on {place} with {} (it prints its address when open; Ctrl-C stops it)",
        args.database_url
    ));
    let mut serve = toolbox.command(&server);
    serve
        .args(["serve", "--port", &args.port.to_string()])
        .args(["--database-url", &args.database_url])
        .arg("--dist-dir")
        .arg(&dist)
        // A local shop for trying things: its emails (sign-up and reset links) are readable at
        // /dev/mailbox. A production server leaves this flag off.
        .arg("--dev-mailbox");
    if std::env::var_os("FOURFLOW_LOG_FORMAT").is_none() {
        // Someone is watching this terminal: readable lines, not the JSON meant for collectors.
        serve.env("FOURFLOW_LOG_FORMAT", "pretty");
    }
    // Become the server: Ctrl-C and its exit code then reach it and come from it directly.
    Err(process::replace(&mut serve))
}
