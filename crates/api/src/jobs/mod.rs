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
                outbox::failed(state.db.pool(), row.id, &format!("{error:#}"), now + 30).await?;
            }
        }
    }
    Ok(succeeded)
}
