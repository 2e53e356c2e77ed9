//! The table `cargo xtask test` ends with: one row per suite or check, so that the last lines
//! of a CI log say what passed, what failed and what did not run.

use std::time::Duration;

pub enum Outcome {
    Passed,
    Failed(String),
    NotRun(String),
}

pub struct Report {
    pub name: &'static str,
    pub outcome: Outcome,
    pub took: Option<Duration>,
}

/// One row per suite: name, time, result — the result last, since a failure's reason is long.
pub fn print(reports: &[Report]) {
    println!("\n==> summary");
    for line in lines(reports) {
        println!("    {line}");
    }
}

fn lines(reports: &[Report]) -> Vec<String> {
    let rows: Vec<[String; 3]> = reports
        .iter()
        .map(|report| {
            let took = report.took.map_or_else(|| "-".to_owned(), duration_text);
            let result = match &report.outcome {
                Outcome::Passed => "passed".to_owned(),
                Outcome::Failed(why) => format!("FAILED ({why})"),
                Outcome::NotRun(why) => format!("not run ({why})"),
            };
            [report.name.to_owned(), took, result]
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
    [&header]
        .into_iter()
        .chain(&rows)
        .map(|row| format!("{:<w0$}  {:>w1$}  {}", row[0], row[1], row[2]))
        .collect()
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

    #[test]
    fn one_aligned_row_per_suite() {
        let reports = [
            Report {
                name: "fmt",
                outcome: Outcome::Failed("exit code 1".into()),
                took: Some(Duration::from_millis(900)),
            },
            Report {
                name: "clippy-wasm",
                outcome: Outcome::Passed,
                took: Some(Duration::from_secs(75)),
            },
            Report {
                name: "pg",
                outcome: Outcome::NotRun("FOURFLOW_TEST_PG_URL not set".into()),
                took: None,
            },
        ];
        assert_eq!(
            lines(&reports),
            [
                "suite              time  result",
                "fmt               0.9 s  FAILED (exit code 1)",
                "clippy-wasm  1 min 15 s  passed",
                "pg                    -  not run (FOURFLOW_TEST_PG_URL not set)",
            ]
        );
    }
}
