//! Background work, run by every replica: the outbox's jobs ([`Job`]: provider webhooks,
//! instructions to the payment provider that were not sent at once, emails, the warehouse and
//! the carrier), giving back stock whose hold ran out, and content published or unpublished on
//! schedule. Safe on several replicas at once: outbox rows are claimed (SKIP LOCKED on
//! PostgreSQL), and an order's status change is conditional, so each order is released once.

use std::time::Duration;

mod job;

pub use job::{enqueue, Job};

use crate::error::ApiResult;
use crate::services::{content, orders};
use crate::startup::AppState;
use crate::store::outbox;

/// How often the outbox is read: a sandbox payment is confirmed about this long after it is
/// made.
const OUTBOX_EVERY: Duration = Duration::from_millis(500);
/// How often holds and the content schedule are checked: a freed unit is back on sale, and a
/// scheduled page live, within this long of its time.
const HOLDS_EVERY: Duration = Duration::from_secs(15);
/// A job taken but not finished within this long is taken again.
const LEASE_SECONDS: i64 = 60;

/// Seconds before a failed job is tried again: 30 s, doubling with each failure up to an
/// hour. Never given up: a capture or a refund must reach the provider in the end, and an
/// operator reads `last_error` meanwhile.
fn retry_after(attempts: i64) -> i64 {
    let doublings = u32::try_from(attempts.saturating_sub(1).max(0))
        .unwrap_or(u32::MAX)
        .min(7);
    (30 << doublings).min(3600)
}

pub fn spawn(state: AppState) {
    let outbox_state = state.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(OUTBOX_EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(error) = run_due(&outbox_state).await {
                tracing::warn!(?error, "running the outbox failed");
            }
        }
    });
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(HOLDS_EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match orders::expire_holds(&state).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(orders = n, "released the stock of unpaid orders"),
                Err(error) => tracing::warn!(?error, "releasing expired holds failed"),
            }
            match content::run_schedule(&state).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(documents = n, "published or unpublished on schedule"),
                Err(error) => tracing::warn!(?error, "running the content schedule failed"),
            }
        }
    });
}

/// Runs the outbox jobs that are due; returns how many succeeded. Tests call it directly.
pub async fn run_due(state: &AppState) -> ApiResult<usize> {
    let now = state.clock.now();
    let jobs = outbox::claim(&state.db, now, LEASE_SECONDS, 20).await?;
    let mut succeeded = 0;
    for row in jobs {
        let ran = match Job::from_row(&row.kind, &row.payload) {
            Ok(job) => job::run(state, job).await,
            // Kept and retried, not dropped: a newer replica may know a kind this one does not.
            Err(error) => Err(anyhow::Error::from(error).context("reading the job")),
        };
        match ran {
            Ok(()) => {
                outbox::done(state.db.pool(), row.id, now).await?;
                succeeded += 1;
            }
            Err(error) => {
                tracing::warn!(
                    job = row.id,
                    kind = row.kind,
                    ?error,
                    "an outbox job failed; retrying later"
                );
                let retry_at = now + retry_after(row.attempts);
                outbox::failed(state.db.pool(), row.id, &format!("{error:#}"), retry_at).await?;
            }
        }
    }
    Ok(succeeded)
}

#[cfg(test)]
mod tests {
    use super::retry_after;

    #[test]
    fn a_failing_job_is_tried_less_and_less_often_but_at_least_hourly() {
        let waits: Vec<i64> = (1..=10).map(retry_after).collect();
        assert_eq!(waits, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]);
        assert_eq!(retry_after(0), 30);
        assert_eq!(retry_after(i64::MAX), 3600);
    }
}
