//! Background work, run by every replica: giving back stock whose hold ran out. Each job is
//! safe to run on several replicas at once — an order's status change is conditional, so only
//! one replica releases it.

use std::time::Duration;

use crate::services::orders;
use crate::startup::AppState;

/// How often holds are checked: a freed unit is back on sale within this long of its expiry.
const HOLDS_EVERY: Duration = Duration::from_secs(15);

pub fn spawn(state: AppState) -> tokio::task::JoinHandle<()> {
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
        }
    })
}
