//! Building what ships: the shopper's apps (Trunk, one build per page, then the service worker's
//! list of apps and precompression) and the release server binary. `run`, `test` and `bench`
//! build the same way, so that what is tested and measured is what a user runs — each into a
//! folder of its own, so that `cargo xtask test` or `bench` never replaces the files of a shop
//! that `cargo xtask run` is serving (it answered "the storefront is not built" meanwhile).

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Result};
use fourflow_core::apps::APPS;

use crate::pages::{self, Pages};
use crate::tools::Toolbox;
use crate::{compress, process, service_worker};

/// What `cargo xtask run` serves (Trunk.toml's `dist`, and the server's default `--dist-dir`).
pub const RUN_DIST: &str = "dist";
/// What `cargo xtask test` builds, checks against the budget and drives in Chromium.
pub const TEST_DIST: &str = "target/test-dist";
/// What `cargo xtask bench` builds and measures, beside its database in `target/bench/`.
pub const BENCH_DIST: &str = "target/bench/dist";

/// The shopper's apps, built into `dist` as they ship: [`apps`], then [`precompress`]. The
/// tools are the caller's to check first ([`crate::tools::ensure_web_tools`]).
pub fn web_app(toolbox: &Toolbox, dist: &Path) -> Result<()> {
    crate::step(&format!(
        "building the shopper's apps with Trunk into {} (release, size-optimised wasm, as they \
         ship; a first build compiles every dependency for wasm, ~10 minutes on 2 cores; later \
         ones 4 to 6)",
        shown(toolbox.root(), dist)
    ));
    apps(toolbox, dist, Pages::Shipped)?;
    crate::step(
        "precompressing the build (brotli 11 and gzip 9, once, so the server never has to)",
    );
    precompress(dist)
}

/// Each page through Trunk (release, offline), then the service worker's list of apps.
pub fn apps(toolbox: &Toolbox, dist: &Path, pages: Pages) -> Result<()> {
    let count = APPS.len() + 1;
    let started = Instant::now();
    // The storefront first: its build replaces `dist` as a whole. Then each other app, into
    // its own folder, served at /apps/{name}/ (fourflow_core::apps).
    println!("    app 1 of {count}: the storefront (index.html)");
    let index = pages::page(toolbox.root(), pages, "index")?;
    // The page goes first: `--offline` takes an optional value and would read it as one.
    process::run(
        toolbox
            .command("trunk")
            .arg("build")
            .arg(index)
            .args(["--release", "--offline", "--dist"])
            .arg(dist),
    )?;
    for (n, app) in APPS.iter().enumerate() {
        println!(
            "    app {} of {count}: {} ({}.html; {} s so far)",
            n + 2,
            app.name,
            app.name,
            started.elapsed().as_secs()
        );
        let page = pages::page(toolbox.root(), pages, app.name)?;
        process::run(
            toolbox
                .command("trunk")
                .arg("build")
                .arg(page)
                .args(["--release", "--offline", "--public-url"])
                .arg(format!("/apps/{}/", app.name))
                .arg("--dist")
                .arg(dist.join("apps").join(app.name)),
        )?;
    }
    service_worker::write(dist)
}

/// Writes `.br` and `.gz` beside every text and wasm file of `dist`, and says how much.
pub fn precompress(dist: &Path) -> Result<()> {
    let started = Instant::now();
    let (count, total) = compress::precompress(dist)?;
    println!(
        "    {count} files: {} raw → {} gzip, {} brotli ({:.1} s)",
        kib(total.raw),
        kib(total.gzip),
        kib(total.brotli),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// `cargo build --release -p fourflow-api`; returns the server binary's path.
pub fn server(toolbox: &Toolbox) -> Result<PathBuf> {
    process::run(
        toolbox
            .cargo()
            .args(["build", "--release", "-p", "fourflow-api"]),
    )?;
    existing_server(toolbox.root())
}

/// The server binary built earlier, for `--skip-build`.
pub fn existing_server(root: &Path) -> Result<PathBuf> {
    let binary = server_path(root);
    if !binary.is_file() {
        bail!(
            "{} is missing: build it (drop --skip-build, or `cargo build --release -p fourflow-api`)",
            binary.display()
        );
    }
    Ok(binary)
}

/// Where `cargo build --release -p fourflow-api` puts the server.
pub fn server_path(root: &Path) -> PathBuf {
    target_dir(root)
        .join("release")
        .join(format!("fourflow{}", std::env::consts::EXE_SUFFIX))
}

/// Cargo's target folder: `CARGO_TARGET_DIR` when set (relative to the root), else `target/`.
pub fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .filter(|dir| !dir.is_empty())
        .map_or_else(|| root.join("target"), |dir| root.join(dir))
}

/// `dist` relative to the repository root when it is inside it, for messages.
pub fn shown(root: &Path, dist: &Path) -> String {
    dist.strip_prefix(root)
        .unwrap_or(dist)
        .display()
        .to_string()
}

/// Bytes as KiB with one decimal, the unit of the size targets ("200 KB" = 200 × 1024 bytes).
pub fn kib(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `cargo xtask test` and `bench` rebuilt `dist/` in place, and a shop that `cargo xtask
    /// run` was serving from it answered "the storefront is not built" until they were done.
    #[test]
    fn test_and_bench_build_apart_from_the_shop_that_run_serves() {
        let root = Path::new("/repo");
        let dirs = [RUN_DIST, TEST_DIST, BENCH_DIST].map(|d| root.join(d));
        for (i, a) in dirs.iter().enumerate() {
            for b in &dirs[i + 1..] {
                assert!(!a.starts_with(b) && !b.starts_with(a), "{a:?} and {b:?}");
            }
        }
        // Under target/: ignored by git and never served by a default `fourflow serve`.
        assert!(dirs[1].starts_with(root.join("target")));
        assert!(dirs[2].starts_with(root.join("target")));
    }
}
