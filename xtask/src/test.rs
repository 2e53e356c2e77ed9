//! `cargo xtask test`: every suite, one after another, each run even when an earlier one
//! failed, then one table that says what passed, what failed and what did not run — so a CI log
//! answers "is it green, and if not, where" in its last lines.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{bail, Result};
use clap::{Args, ValueEnum};

use crate::build;
use crate::process;
use crate::tools::{self, Toolbox};

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
enum Suite {
    /// fourflow-core's unit tests and properties.
    Core,
    /// fourflow-api's tests on SQLite.
    Api,
    /// fourflow-api's integration suite on PostgreSQL (needs FOURFLOW_TEST_PG_URL).
    Pg,
    /// The built app, the real server and headless Chromium.
    E2e,
}

impl TestArgs {
    /// Whether the end-to-end suite runs (and so the app is built and precompressed).
    pub fn builds(&self) -> bool {
        self.suites.is_empty() || self.suites.contains(&Suite::E2e)
    }
}

impl Suite {
    fn name(self) -> &'static str {
        match self {
            Suite::Core => "core",
            Suite::Api => "api",
            Suite::Pg => "pg",
            Suite::E2e => "e2e",
        }
    }
}

enum Outcome {
    Passed,
    Failed(String),
    NotRun(String),
}

struct Report {
    suite: Suite,
    outcome: Outcome,
    took: Option<Duration>,
}

/// What the end-to-end suite needs before it can start; building it is part of its time.
struct E2eSetup {
    dist: PathBuf,
    chromium: PathBuf,
}

pub fn run(root: &Path, args: TestArgs) -> Result<()> {
    let toolbox = Toolbox::new(root);
    let explicit = !args.suites.is_empty();
    let mut suites = if explicit {
        args.suites.clone()
    } else {
        vec![Suite::Core, Suite::Api, Suite::Pg, Suite::E2e]
    };
    suites.sort();
    suites.dedup();

    // Install and build first, so that a missing browser or a broken app build shows up in the
    // first minutes rather than after every other suite.
    let mut e2e_setup = None;
    if suites.contains(&Suite::E2e) {
        let started = Instant::now();
        let setup = prepare_e2e(&toolbox);
        if let Err(error) = &setup {
            eprintln!("\nxtask: the end-to-end suite cannot run: {error:#}");
        }
        e2e_setup = Some((setup, started.elapsed()));
    }

    let mut reports = Vec::new();
    for suite in suites {
        let extra = &args.cargo_test_args;
        let report = match suite {
            Suite::Core => run_suite(suite, core_command(&toolbox), extra, Duration::ZERO),
            Suite::Api => run_suite(suite, api_command(&toolbox), extra, Duration::ZERO),
            Suite::Pg => match pg_url() {
                Some(url) => run_suite(suite, pg_command(&toolbox, &url), extra, Duration::ZERO),
                None => Report {
                    suite,
                    outcome: Outcome::NotRun("FOURFLOW_TEST_PG_URL not set".into()),
                    took: None,
                },
            },
            Suite::E2e => match e2e_setup.take().expect("prepared above") {
                (Ok(setup), took) => run_suite(suite, e2e_command(&toolbox, &setup), extra, took),
                (Err(error), took) => Report {
                    suite,
                    outcome: Outcome::Failed(format!("set-up failed: {}", first_line(&error))),
                    took: Some(took),
                },
            },
        };
        reports.push(report);
    }

    print_summary(&reports);
    let failed: Vec<&str> = reports
        .iter()
        .filter(|r| match r.outcome {
            Outcome::Failed(_) => true,
            // Asked for by name and not run is a failure: the caller expected a result.
            Outcome::NotRun(_) => explicit,
            Outcome::Passed => false,
        })
        .map(|r| r.suite.name())
        .collect();
    if !failed.is_empty() {
        bail!("failed: {}", failed.join(", "));
    }
    Ok(())
}

/// Runs one suite's `cargo test`; its time includes its set-up (building the app for e2e).
fn run_suite(suite: Suite, mut command: Command, extra: &[String], setup: Duration) -> Report {
    command.args(extra);
    crate::step(&format!("test suite {}", suite.name()));
    let started = Instant::now();
    let outcome = match process::status(&mut command) {
        Ok(status) if status.success() => Outcome::Passed,
        Ok(status) => Outcome::Failed(process::exit_text(status)),
        Err(error) => Outcome::Failed(first_line(&error)),
    };
    Report {
        suite,
        outcome,
        took: Some(setup + started.elapsed()),
    }
}

fn core_command(toolbox: &Toolbox) -> Command {
    let mut command = toolbox.cargo();
    command.args(["test", "-p", "fourflow-core"]);
    command
}

fn api_command(toolbox: &Toolbox) -> Command {
    let mut command = toolbox.cargo();
    command
        .args(["test", "-p", "fourflow-api"])
        .env("FOURFLOW_TEST_BACKEND", "sqlite");
    command
}

/// The same integration suite on PostgreSQL. An unreachable server fails it: a suite that
/// silently skips would report green for code that was never run.
fn pg_command(toolbox: &Toolbox, url: &str) -> Command {
    let mut command = toolbox.cargo();
    command
        .args(["test", "-p", "fourflow-api", "--test", "api"])
        .env("FOURFLOW_TEST_BACKEND", "postgres")
        .env("FOURFLOW_TEST_PG_URL", url);
    command
}

fn e2e_command(toolbox: &Toolbox, setup: &E2eSetup) -> Command {
    let mut command = toolbox.cargo();
    command
        .args(["test", "-p", "fourflow-web", "--test", "e2e"])
        .env("FOURFLOW_E2E_DIST", &setup.dist)
        .env("FOURFLOW_E2E_CHROME", &setup.chromium);
    command
}

fn prepare_e2e(toolbox: &Toolbox) -> Result<E2eSetup> {
    let chromium = tools::ensure_browser(toolbox)?;
    let dist = build::web_app(toolbox)?;
    Ok(E2eSetup { dist, chromium })
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

/// One row per suite: name, time, result — the result last, since a failure's reason is long.
fn print_summary(reports: &[Report]) {
    let rows: Vec<[String; 3]> = reports
        .iter()
        .map(|report| {
            let took = report.took.map_or_else(|| "-".to_owned(), duration_text);
            let result = match &report.outcome {
                Outcome::Passed => "passed".to_owned(),
                Outcome::Failed(why) => format!("FAILED ({why})"),
                Outcome::NotRun(why) => format!("not run ({why})"),
            };
            [report.suite.name().to_owned(), took, result]
        })
        .collect();
    let header = ["suite", "time", "result"].map(str::to_owned);
    let width = |i: usize| {
        rows.iter()
            .chain([&header])
            .map(|row| row[i].chars().count())
            .max()
            .unwrap_or(0)
    };
    let (w0, w1) = (width(0), width(1));
    println!("\n==> summary");
    for row in [&header].into_iter().chain(&rows) {
        println!("    {:<w0$}  {:>w1$}  {}", row[0], row[1], row[2]);
    }
}

/// "8.2 s", "3 min 05 s": readable at a glance, precise enough to spot a slow suite.
fn duration_text(duration: Duration) -> String {
    let seconds = duration.as_secs_f64();
    if seconds < 60.0 {
        format!("{seconds:.1} s")
    } else {
        let whole = duration.as_secs();
        format!("{} min {:02} s", whole / 60, whole % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_at_a_glance() {
        assert_eq!(duration_text(Duration::from_millis(8_240)), "8.2 s");
        assert_eq!(duration_text(Duration::from_secs(185)), "3 min 05 s");
    }
}
