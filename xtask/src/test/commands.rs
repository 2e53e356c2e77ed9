//! The command behind each suite. Every `cargo` call keeps the same profile and flags as the
//! others (no RUSTFLAGS, warnings denied through clippy's own arguments), so that no suite
//! invalidates what another compiled.

use std::path::Path;
use std::process::Command;

use crate::tools::Toolbox;

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

pub fn fmt(toolbox: &Toolbox) -> Command {
    let mut command = toolbox.cargo();
    command.args(["fmt", "--all", "--", "--check"]);
    command
}

/// Every crate and target (tests, the e2e suite and xtask included), natively.
pub fn clippy(toolbox: &Toolbox) -> Command {
    let mut command = toolbox.cargo();
    command.args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]);
    command
}

/// What the browser runs, compiled for it: the web library and its apps, and fourflow-core
/// (whose wasm-only paths a native check never sees). Not the tests: the e2e suite drives a
/// browser from outside it and its dependencies (sqlx, chromiumoxide) do not build for wasm.
pub fn clippy_wasm(toolbox: &Toolbox) -> Command {
    let mut command = toolbox.cargo();
    command
        .args(["clippy", "--target", WASM_TARGET])
        .args([
            "-p",
            "fourflow-web",
            "-p",
            "fourflow-core",
            "--lib",
            "--bins",
        ])
        .args(["--", "-D", "warnings"]);
    command
}

pub fn core(toolbox: &Toolbox) -> Command {
    let mut command = toolbox.cargo();
    command.args(["test", "-p", "fourflow-core"]);
    command
}

/// fourflow-web's unit tests, natively (they are plain Rust: the JSON readers against
/// serde_json, the answers' shapes), and `tests/apps.rs`, which checks each app of
/// `fourflow_core::apps` has its page and binary.
pub fn web(toolbox: &Toolbox) -> Command {
    let mut command = toolbox.cargo();
    command.args(["test", "-p", "fourflow-web", "--lib", "--test", "apps"]);
    command
}

/// xtask's own unit tests: the service worker's list, the budget's verdict, the build folders.
pub fn xtask(toolbox: &Toolbox) -> Command {
    let mut command = toolbox.cargo();
    command.args(["test", "-p", "xtask"]);
    command
}

pub fn api(toolbox: &Toolbox) -> Command {
    let mut command = toolbox.cargo();
    command
        .args(["test", "-p", "fourflow-api"])
        .env("FOURFLOW_TEST_BACKEND", "sqlite");
    command
}

/// The same integration suite on PostgreSQL. An unreachable server fails it: a suite that
/// silently skips would report green for code that was never run.
pub fn pg(toolbox: &Toolbox, url: &str) -> Command {
    let mut command = toolbox.cargo();
    command
        .args(["test", "-p", "fourflow-api", "--test", "api"])
        .env("FOURFLOW_TEST_BACKEND", "postgres")
        .env("FOURFLOW_TEST_PG_URL", url);
    command
}

pub fn e2e(toolbox: &Toolbox, dist: &Path, chromium: &Path) -> Command {
    let mut command = toolbox.cargo();
    command
        .args(["test", "-p", "fourflow-web", "--test", "e2e"])
        .env("FOURFLOW_E2E_DIST", dist)
        .env("FOURFLOW_E2E_CHROME", chromium);
    command
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::process::describe;

    fn toolbox() -> Toolbox {
        Toolbox::new(Path::new("/repo"))
    }

    /// `cargo xtask test` never ran fourflow-web's own tests, the JSON readers' parity among
    /// them: only the e2e target of that package was built.
    #[test]
    fn the_web_suite_runs_the_web_librarys_tests_and_the_app_list_check() {
        assert_eq!(
            describe(&web(&toolbox())),
            "cargo test -p fourflow-web --lib --test apps"
        );
    }

    #[test]
    fn checks_deny_warnings_without_touching_rustflags() {
        for command in [clippy(&toolbox()), clippy_wasm(&toolbox())] {
            let line = describe(&command);
            assert!(line.ends_with("-- -D warnings"), "{line}");
            assert!(command.get_envs().all(|(key, _)| key != "RUSTFLAGS"));
        }
        assert!(describe(&clippy_wasm(&toolbox())).contains("--target wasm32-unknown-unknown"));
        assert_eq!(describe(&fmt(&toolbox())), "cargo fmt --all -- --check");
    }
}
