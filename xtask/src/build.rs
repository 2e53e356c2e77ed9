//! Building what ships: the shopper's app (Trunk → `dist/`, then precompressed) and the release
//! server binary. `run`, `test --suite e2e` and `bench` all build the same way, so what is
//! tested and measured is what a user runs.

use std::path::{Path, PathBuf};

use anyhow::{bail, Result};
use fourflow_core::apps::APPS;

use crate::compress;
use crate::process;
use crate::tools::{self, Toolbox};

/// Installs the web tools if missing, builds `dist/` in release mode and precompresses it.
/// Returns the absolute path of `dist/`.
pub fn web_app(toolbox: &Toolbox) -> Result<PathBuf> {
    tools::ensure_web_tools(toolbox)?;
    crate::step(
        "building the shopper's app with Trunk (release, size-optimised wasm; \
         a first build takes several minutes, later ones far less)",
    );
    // The storefront first: its build replaces dist/ as a whole. Then each other app, into
    // its own folder, served at /apps/{name}/ (fourflow_core::apps).
    process::run(
        toolbox
            .command("trunk")
            .args(["build", "--release", "--offline"]),
    )?;
    let dist = dist_dir(toolbox.root());
    for app in APPS {
        // The target goes first: `--offline` takes an optional value and would read it as one.
        process::run(toolbox.command("trunk").args([
            "build",
            &format!("{}.html", app.name),
            "--release",
            "--offline",
            "--dist",
            &format!("dist/apps/{}", app.name),
            "--public-url",
            &format!("/apps/{}/", app.name),
        ]))?;
    }
    crate::step("precompressing dist/ (brotli 11 and gzip 9, once, so the server never has to)");
    let started = std::time::Instant::now();
    let (count, total) = compress::precompress(&dist)?;
    println!(
        "    {count} files: {} raw → {} gzip, {} brotli ({:.1} s)",
        kib(total.raw),
        kib(total.gzip),
        kib(total.brotli),
        started.elapsed().as_secs_f64()
    );
    Ok(dist)
}

/// `cargo build --release -p fourflow-api`; returns the server binary's path.
pub fn server(toolbox: &Toolbox) -> Result<PathBuf> {
    crate::step(
        "building the server (release; a first build takes several minutes, later ones seconds)",
    );
    process::run(
        toolbox
            .cargo()
            .args(["build", "--release", "-p", "fourflow-api"]),
    )?;
    existing_server(toolbox.root())
}

/// The server binary built earlier, for `--skip-build`.
pub fn existing_server(root: &Path) -> Result<PathBuf> {
    let binary = root
        .join("target/release")
        .join(format!("fourflow{}", std::env::consts::EXE_SUFFIX));
    if !binary.is_file() {
        bail!(
            "{} is missing: build it (drop --skip-build, or `cargo build --release -p fourflow-api`)",
            binary.display()
        );
    }
    Ok(binary)
}

/// Where Trunk writes the app (Trunk.toml's `dist`), as an absolute path.
pub fn dist_dir(root: &Path) -> PathBuf {
    root.join("dist")
}

/// Bytes as KiB with one decimal, the unit of the size targets ("200 KB" = 200 × 1024 bytes).
pub fn kib(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}
