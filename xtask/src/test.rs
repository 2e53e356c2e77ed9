//! `cargo xtask test`: every suite and check, one after another, each run even when an earlier
//! one failed, then one table that says what passed, what failed and what did not run — so a
//! CI log answers "is it green, and if not, where" in its last lines.
//!
//! The shopper's apps are built once, as they ship, into `target/test-dist` (never `dist/`,
//! which a shop started by `cargo xtask run` may be serving); the budget is measured on that
//! build and the end-to-end suite drives it.

mod commands;
mod summary;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{bail, Result};
use clap::{Args, ValueEnum};

use crate::build::{self, TEST_DIST};
use crate::bundle;
use crate::process;
use crate::tools::{self, Toolbox};
use summary::{Outcome, Report};

#[derive(Debug, Args)]
pub struct TestArgs {
    /// A suite to run (repeat for several); all of them when none is given.
    #[arg(long = "suite", value_enum)]
    suites: Vec<Suite>,
    /// Passed on to every `cargo test`, e.g. a test-name filter (`-- catalog`); a second `--`
    /// reaches the test binaries (`-- catalog -- --nocapture`).
    #[arg(last = true)]
    cargo_test_args: Vec<String>,
}

/// In the order they run: the quick check first, then the build (so that a broken build or a
/// missing tool shows in the first minutes), the budget on it, the static checks, the tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
enum Suite {
    /// `cargo fmt --check` on the whole workspace.
    Fmt,
    /// The shopper's apps built as they ship, into target/test-dist (for budget and e2e).
    Build,
    /// Each shopper app's wasm + JS within 200 KB of brotli, measured on that build.
    Budget,
    /// clippy on every crate and target, natively, warnings denied.
    Clippy,
    /// clippy for wasm32 on what the browser runs: fourflow-web's apps and fourflow-core.
    ClippyWasm,
    /// fourflow-core's unit tests and properties.
    Core,
    /// fourflow-web's unit tests (natively) and the check that every app has its page and binary.
    Web,
    /// xtask's own unit tests.
    Xtask,
    /// fourflow-api's tests on SQLite.
    Api,
    /// fourflow-api's integration suite on PostgreSQL (needs FOURFLOW_TEST_PG_URL).
    Pg,
    /// The built apps, the real server and headless Chromium.
    E2e,
}

impl Suite {
    fn name(self) -> &'static str {
        match self {
            Suite::Fmt => "fmt",
            Suite::Build => "build",
            Suite::Budget => "budget",
            Suite::Clippy => "clippy",
            Suite::ClippyWasm => "clippy-wasm",
            Suite::Core => "core",
            Suite::Web => "web",
            Suite::Xtask => "xtask",
            Suite::Api => "api",
            Suite::Pg => "pg",
            Suite::E2e => "e2e",
        }
    }

    /// Whether it needs the apps built.
    fn needs_build(self) -> bool {
        matches!(self, Suite::Build | Suite::Budget | Suite::E2e)
    }
}

impl TestArgs {
    /// Whether the apps are built (and so precompressed: xtask hands over to its release build).
    pub fn builds(&self) -> bool {
        self.suites.is_empty() || self.suites.iter().any(|s| s.needs_build())
    }
}

/// The suites to run, in order: all when none is named; the build whenever a suite needs it.
fn chosen(named: &[Suite]) -> Vec<Suite> {
    let mut suites = if named.is_empty() {
        Suite::value_variants().to_vec()
    } else {
        named.to_vec()
    };
    if suites.iter().any(|s| s.needs_build()) {
        suites.push(Suite::Build);
    }
    suites.sort();
    suites.dedup();
    suites
}

pub fn run(root: &Path, args: TestArgs) -> Result<()> {
    let toolbox = Toolbox::new(root);
    let explicit = !args.suites.is_empty();
    let suites = chosen(&args.suites);
    let dist = root.join(TEST_DIST);
    let extra = &args.cargo_test_args;

    // The browser first, as the build: a machine that cannot run the e2e suite says so in the
    // first minutes rather than after every other suite.
    let mut browser = None;
    if suites.contains(&Suite::E2e) {
        let started = Instant::now();
        let chromium = tools::ensure_browser(&toolbox);
        if let Err(error) = &chromium {
            eprintln!("\nxtask: the end-to-end suite cannot run: {error:#}");
        }
        browser = Some((chromium, started.elapsed()));
    }

    let mut reports: Vec<Report> = Vec::new();
    let mut built = false;
    for suite in suites {
        let started = Instant::now();
        // Time spent for this suite before its turn (installing the browser).
        let mut setup = Duration::ZERO;
        let outcome = match suite {
            Suite::Fmt => check(suite, &mut commands::fmt(&toolbox)),
            Suite::Build => {
                crate::step("the web build's tools (installing only what is missing)");
                let result = tools::ensure_web_tools(&toolbox)
                    .and_then(|()| build::web_app(&toolbox, &dist));
                built = result.is_ok();
                failed_on(result)
            }
            Suite::Budget if !built => Outcome::Failed("the build failed".into()),
            Suite::Budget => budget(&dist),
            Suite::Clippy => check(suite, &mut commands::clippy(&toolbox)),
            Suite::ClippyWasm => match tools::ensure_wasm_target(&toolbox) {
                Ok(()) => check(suite, &mut commands::clippy_wasm(&toolbox)),
                Err(error) => Outcome::Failed(first_line(&error)),
            },
            Suite::Core => tests(suite, commands::core(&toolbox), extra),
            Suite::Web => tests(suite, commands::web(&toolbox), extra),
            Suite::Xtask => tests(suite, commands::xtask(&toolbox), extra),
            Suite::Api => tests(suite, commands::api(&toolbox), extra),
            Suite::Pg => match pg_url() {
                Some(url) => tests(suite, commands::pg(&toolbox, &url), extra),
                None => Outcome::NotRun("FOURFLOW_TEST_PG_URL not set".into()),
            },
            Suite::E2e => {
                let (chromium, took) = browser.take().expect("looked for above");
                setup = took;
                match chromium {
                    Err(error) => Outcome::Failed(format!("set-up: {}", first_line(&error))),
                    Ok(_) if !built => Outcome::Failed("the build failed".into()),
                    Ok(chromium) => tests(suite, commands::e2e(&toolbox, &dist, &chromium), extra),
                }
            }
        };
        let took = match outcome {
            Outcome::NotRun(_) => None,
            _ => Some(setup + started.elapsed()),
        };
        reports.push(Report {
            name: suite.name(),
            outcome,
            took,
        });
    }

    summary::print(&reports);
    let failed: Vec<&str> = reports
        .iter()
        .filter(|r| match r.outcome {
            Outcome::Failed(_) => true,
            // Asked for by name and not run is a failure: the caller expected a result.
            Outcome::NotRun(_) => explicit,
            Outcome::Passed => false,
        })
        .map(|r| r.name)
        .collect();
    if !failed.is_empty() {
        bail!("failed: {}", failed.join(", "));
    }
    Ok(())
}

/// A check: passes when the command exits with 0.
fn check(suite: Suite, command: &mut Command) -> Outcome {
    crate::step(&format!("check {}", suite.name()));
    exit_outcome(command)
}

/// A test suite: `cargo test …` with the caller's extra arguments.
fn tests(suite: Suite, mut command: Command, extra: &[String]) -> Outcome {
    command.args(extra);
    crate::step(&format!("test suite {}", suite.name()));
    exit_outcome(&mut command)
}

fn exit_outcome(command: &mut Command) -> Outcome {
    match process::status(command) {
        Ok(status) if status.success() => Outcome::Passed,
        Ok(status) => Outcome::Failed(process::exit_text(status)),
        Err(error) => Outcome::Failed(first_line(&error)),
    }
}

/// The shopper's apps against the budget, on the build the e2e suite drives — what ships.
fn budget(dist: &Path) -> Outcome {
    crate::step(&format!(
        "check budget: each shopper app's wasm + JS ≤ {} brotli",
        build::kib(bundle::BUDGET_BROTLI)
    ));
    match bundle::report(dist) {
        Err(error) => Outcome::Failed(first_line(&error)),
        Ok(bundles) => {
            let over = bundle::over_budget(&bundles);
            if over.is_empty() {
                Outcome::Passed
            } else {
                Outcome::Failed(format!(
                    "over {}: {}",
                    build::kib(bundle::BUDGET_BROTLI),
                    over.join(", ")
                ))
            }
        }
    }
}

fn failed_on(result: Result<()>) -> Outcome {
    match result {
        Ok(()) => Outcome::Passed,
        Err(error) => {
            eprintln!("\nxtask: {error:#}");
            Outcome::Failed(first_line(&error))
        }
    }
}

fn pg_url() -> Option<String> {
    std::env::var("FOURFLOW_TEST_PG_URL")
        .ok()
        .filter(|url| !url.trim().is_empty())
}

fn first_line(error: &anyhow::Error) -> String {
    format!("{error:#}")
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// fmt, clippy (native and wasm), fourflow-web's tests and the budget were never run.
    #[test]
    fn every_check_runs_by_default_in_its_own_row() {
        let names: Vec<&str> = chosen(&[]).into_iter().map(Suite::name).collect();
        assert_eq!(
            names,
            [
                "fmt",
                "build",
                "budget",
                "clippy",
                "clippy-wasm",
                "core",
                "web",
                "xtask",
                "api",
                "pg",
                "e2e"
            ]
        );
    }

    #[test]
    fn a_suite_that_needs_the_apps_brings_their_build() {
        assert_eq!(chosen(&[Suite::E2e]), [Suite::Build, Suite::E2e]);
        assert_eq!(chosen(&[Suite::Budget]), [Suite::Build, Suite::Budget]);
        assert_eq!(chosen(&[Suite::Web, Suite::Fmt]), [Suite::Fmt, Suite::Web]);
    }
}
