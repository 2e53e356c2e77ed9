//! `cargo xtask …`: Fourflow's only scripts, written in Rust so that they run wherever `cargo`
//! does and read like the rest of the code.
//!
//! - `run`: install what is missing, build the shop in release mode and open it, in numbered
//!   steps with the time left.
//! - `test`: every check and test suite (fmt, the build and its budget, clippy native and wasm,
//!   core, web, xtask, api on SQLite and PostgreSQL, end to end), then a summary.
//! - `bench`: the shopper's bundle size and the server's latency and throughput, against targets.
//! - `size`: where an app's bundle goes, by area and by function (after a build).
//!
//! Each command prints what it does and why before a long step, and streams the output of the
//! tools it runs, so that a first run (which installs Trunk, ~10 minutes) never looks stuck.

mod bench;
mod build;
mod bundle;
mod compress;
mod contention;
mod load;
mod pages;
mod process;
mod progress;
mod run;
mod server;
mod service_worker;
mod size;
mod test;
mod tools;

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "cargo xtask",
    about = "Fourflow's set-up, build, run, test and bench tasks"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Install what is missing, build the shop (release) and serve it with the demo store.
    Run(run::RunArgs),
    /// Run every test suite (or the ones given with --suite) and print a summary.
    Test(test::TestArgs),
    /// Measure the shopper's bundle and the server's latency and throughput against targets.
    Bench(bench::BenchArgs),
    /// Show where an app's wasm goes, by area and by function (reads the last release build).
    Size(size::SizeArgs),
}

fn main() {
    let cli = Cli::parse();
    let root = repo_root();
    let heavy = match &cli.command {
        Command::Run(args) => args.builds(),
        Command::Test(args) => args.builds(),
        Command::Bench(_) => true,
        Command::Size(_) => false,
    };
    if cfg!(debug_assertions) && heavy {
        let error = run_optimised(&root);
        eprintln!("\nxtask: error: {error:#}");
        std::process::exit(1);
    }
    let result = match cli.command {
        Command::Run(args) => run::run(&root, args),
        Command::Test(args) => test::run(&root, args),
        Command::Bench(args) => bench::run(&root, args),
        Command::Size(args) => size::run(&root, args),
    };
    if let Err(error) = result {
        eprintln!("\nxtask: error: {error:#}");
        std::process::exit(1);
    }
}

/// The workspace root: xtask lives one folder below it. Every command runs from there, so that
/// relative paths (`dist`, `data/fourflow.db`, `target/…`) mean the same thing for every tool.
fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits inside the workspace")
        .to_path_buf()
}

/// `cargo xtask` builds xtask in the dev profile (the alias cannot choose a profile, and
/// profiles live in the root manifest). Unoptimised, brotli-11 precompression of `dist/` took
/// 37 s instead of seconds, and the load generator, not the server, capped `/healthz` at a
/// third of its real rate. So the commands that do that work hand over to a release build of
/// xtask (built once, in about a minute; later runs only check it is fresh).
fn run_optimised(root: &Path) -> anyhow::Error {
    step("switching to an optimised build of xtask (compression and load generation need it; first time ~1 minute)");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = std::process::Command::new(cargo);
    command
        .current_dir(root)
        .args(["run", "--release", "--package", "xtask", "--"])
        .args(std::env::args_os().skip(1));
    process::replace(&mut command)
}

/// Announces a step before it starts: what runs and why it may take a while.
pub fn step(what: &str) {
    println!("\n==> {what}");
}
