//! Background work, run by every replica: the outbox (provider webhooks, instructions to the
//! payment provider that were not sent at once, emails), giving
//! back stock whose hold ran out, and content published or unpublished on schedule. Safe on several replicas at once: outbox rows are claimed
//! (SKIP LOCKED on PostgreSQL), and an order's status change is conditional, so each order is
//! released once.

use std::time::Duration;

use crate::error::ApiResult;
use crate::services::{content, orders, payments};
use crate::startup::AppState;
use crate::store::{self, outbox};

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
    for job in jobs {
        match run(state, &job).await {
            Ok(()) => {
                outbox::done(state.db.pool(), job.id, now).await?;
                succeeded += 1;
            }
            Err(error) => {
                tracing::warn!(
                    job = job.id,
                    kind = job.kind,
                    ?error,
                    "an outbox job failed; retrying later"
                );
                outbox::failed(state.db.pool(), job.id, &error.to_string(), now + 30).await?;
            }
        }
    }
    Ok(succeeded)
}

async fn run(state: &AppState, job: &outbox::Job) -> anyhow::Result<()> {
    let payload: serde_json::Value = serde_json::from_str(&job.payload)?;
    match job.kind.as_str() {
        "sandbox.webhook" => {
            let event = serde_json::from_value(payload)?;
            payments::deliver(state, &event).await?;
        }
        "payment.operation" => {
            let id = payload["operation"].as_str().unwrap_or_default();
            payments::settlement::send(state, id).await?;
        }
        "email.order_placed" | "email.payment_received" => {
            let number = payload["order"].as_str().unwrap_or_default();
            let Some(to) = store::orders::email_of(state.db.pool(), number).await? else {
                return Ok(()); // the order is gone: nothing to say
            };
            let (subject, body) = if job.kind == "email.order_placed" {
                let token = payload["token"].as_str().unwrap_or_default();
                let link = state
                    .accounts
                    .link(&format!("/orders/{number}?token={token}"));
                (
                    format!("四流選物：訂單 {number} 已成立 / Order {number} placed"),
                    format!(
                        "謝謝您的訂購！訂單編號 {number}。隨時開啟以下連結查看訂單與配送進度：\n\
                         Thank you for your order {number}. Follow it any time at this link:\n\n{link}\n"
                    ),
                )
            } else {
                (
                    format!("四流選物：訂單 {number} 已收到款項 / Payment received"),
                    format!("訂單 {number} 已付款，我們將盡快出貨。\nWe have received the payment for order {number}."),
                )
            };
            let now = crate::services::orders::now_text_at(state.clock.now());
            let mut tx = state.db.begin_write().await?;
            store::payments::send_mail(&mut tx, &to, &subject, &body, &now).await?;
            tx.commit().await?;
        }
        "email.verify" | "email.password_reset" | "email.account_exists" => {
            crate::services::accounts::send_email(state, &job.kind, &payload).await?;
        }
        "fulfilment.open" | "fulfilment.auto" | "carrier.hand_over" | "carrier.track" => {
            use crate::services::{fulfilment, tracking};
            let number = payload["order"].as_str().unwrap_or_default();
            match job.kind.as_str() {
                "fulfilment.open" => fulfilment::open(state, number).await?,
                "fulfilment.auto" => fulfilment::auto(state, number).await?,
                "carrier.hand_over" => tracking::hand_over(state, number).await?,
                _ => tracking::follow(state, number).await?,
            }
        }
        other => anyhow::bail!("no runner for outbox jobs of kind {other}"),
    }
    Ok(())
}
