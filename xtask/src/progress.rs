//! Numbered steps with a rough time left: a first `cargo xtask run` took 37 minutes here, and
//! a long step that says neither where it is nor how long it has left looks stuck. Estimates
//! come from what was measured on a 2-core machine (see `run.rs`), chosen per step by what is
//! already installed or built, so a warm run says it is quick; after each step the time it
//! really took is printed beside its estimate.

use std::time::{Duration, Instant};

/// One step as planned: what it does, how long it should take, and why (when it is slow).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub what: String,
    pub estimate: Duration,
    pub why: Option<String>,
}

impl Planned {
    pub fn new(what: impl Into<String>, estimate: Duration) -> Planned {
        Planned {
            what: what.into(),
            estimate,
            why: None,
        }
    }

    pub fn because(mut self, why: impl Into<String>) -> Planned {
        self.why = Some(why.into());
        self
    }
}

pub struct Progress {
    steps: Vec<Planned>,
    /// The step running now (1-based); 0 before the first.
    current: usize,
    step_started: Instant,
}

impl Progress {
    /// Prints the plan's total, then waits for [`Progress::next`].
    pub fn new(title: &str, steps: Vec<Planned>) -> Progress {
        let total: Duration = steps.iter().map(|s| s.estimate).sum();
        println!(
            "\n==> {title}: {} steps, {} in all",
            steps.len(),
            roughly(total)
        );
        Progress {
            steps,
            current: 0,
            step_started: Instant::now(),
        }
    }

    /// Ends the running step (saying how long it took) and announces the next one.
    pub fn next(&mut self) {
        self.finish_current();
        self.current += 1;
        self.step_started = Instant::now();
        if let Some(line) = self.announcement() {
            println!("\n{line}");
        }
    }

    /// Ends the last step: say how long it took.
    pub fn finish_current(&self) {
        if self.current == 0 {
            return;
        }
        let took = self.step_started.elapsed();
        let planned = self.steps[self.current - 1].estimate;
        println!(
            "    (step {} took {}; planned {})",
            self.current,
            clock(took),
            roughly(planned)
        );
    }

    /// "==> step 2 of 5: building the apps — about 8 min (why); about 20 min left in all".
    fn announcement(&self) -> Option<String> {
        let step = self.steps.get(self.current - 1)?;
        let left: Duration = self.steps[self.current - 1..]
            .iter()
            .map(|s| s.estimate)
            .sum();
        let why = step
            .why
            .as_deref()
            .map(|why| format!(" ({why})"))
            .unwrap_or_default();
        Some(format!(
            "==> step {} of {}: {} — {}{why}; {} left in all",
            self.current,
            self.steps.len(),
            step.what,
            roughly(step.estimate),
            roughly(left)
        ))
    }
}

/// An estimate as a person says it: "a few seconds", "about 40 s", "about 12 min".
pub fn roughly(estimate: Duration) -> String {
    let seconds = estimate.as_secs();
    match seconds {
        0..=9 => "a few seconds".to_owned(),
        10..=89 => format!("about {} s", (seconds + 5) / 10 * 10),
        _ => format!("about {} min", (seconds + 30) / 60),
    }
}

/// A measured time: "42 s", "9 min 05 s".
pub fn clock(took: Duration) -> String {
    let seconds = took.as_secs();
    if seconds < 60 {
        format!("{seconds} s")
    } else {
        format!("{} min {:02} s", seconds / 60, seconds % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minutes(n: u64) -> Duration {
        Duration::from_secs(n * 60)
    }

    #[test]
    fn estimates_read_as_a_person_says_them() {
        assert_eq!(roughly(Duration::from_secs(3)), "a few seconds");
        assert_eq!(roughly(Duration::from_secs(42)), "about 40 s");
        assert_eq!(roughly(Duration::from_secs(85)), "about 90 s");
        assert_eq!(roughly(Duration::from_secs(95)), "about 2 min");
        assert_eq!(roughly(minutes(12)), "about 12 min");
        assert_eq!(clock(Duration::from_secs(545)), "9 min 05 s");
        assert_eq!(clock(Duration::from_secs(42)), "42 s");
    }

    #[test]
    fn each_step_says_its_number_and_the_time_left() {
        let mut progress = Progress::new(
            "cargo xtask run",
            vec![
                Planned::new("installing", minutes(13)).because("Trunk is compiled"),
                Planned::new("building", minutes(8)),
                Planned::new("serving", Duration::from_secs(5)),
            ],
        );
        progress.current = 1;
        assert_eq!(
            progress.announcement().unwrap(),
            "==> step 1 of 3: installing — about 13 min (Trunk is compiled); about 21 min left in all"
        );
        progress.current = 3;
        assert_eq!(
            progress.announcement().unwrap(),
            "==> step 3 of 3: serving — a few seconds; a few seconds left in all"
        );
        progress.current = 4;
        assert_eq!(progress.announcement(), None);
    }
}
