//! Every kind of background job, with what each needs to run. A job is written to the outbox
//! in the same transaction as the change that calls for it ([`enqueue`]) and run later by
//! [`run`], on whichever replica claims it. Adding a side effect is one variant here and one
//! arm in [`run`]; a payload that lacks a field fails to read, loudly, rather than running on
//! an empty order number.
//!
//! The names (`"fulfilment.open"`) and field names are what the outbox table holds: jobs
//! written by the previous release are still read by this one, so rename neither.

use serde::{Deserialize, Serialize};
use sqlx::{Any, Transaction};

use crate::services::notifications::OrderUpdate;
use crate::services::payments::events::ProviderEvent;
use crate::services::{fulfilment, invoices, notifications, payments, tracking};
use crate::startup::AppState;
use crate::store::outbox;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", content = "payload")]
pub enum Job {
    /// The sandbox payment provider calls the shop's webhook, a moment after a payment, as a
    /// real provider would.
    #[serde(rename = "sandbox.webhook")]
    SandboxWebhook(ProviderEvent),
    /// An instruction to the payment provider (capture, void, refund), sent until it lands.
    #[serde(rename = "payment.operation")]
    PaymentOperation { operation: String },
    /// The order is placed: tell the shopper, with the link that opens it anywhere.
    #[serde(rename = "email.order_placed")]
    OrderPlacedEmail {
        order: String,
        to: String,
        token: String,
    },
    #[serde(rename = "email.payment_received")]
    PaymentReceivedEmail { order: String },
    /// The shopper hears of a step of the order's life (shipped, at the store, delivered, a
    /// return asked for, a refund).
    #[serde(rename = "email.order_update")]
    OrderUpdateEmail { order: String, update: OrderUpdate },
    #[serde(rename = "email.verify")]
    VerifyEmail { to: String, token: String },
    #[serde(rename = "email.password_reset")]
    PasswordResetEmail { to: String, token: String },
    /// Someone signed up with an email that has an account: tell its owner, not the form.
    #[serde(rename = "email.account_exists")]
    AccountExistsEmail { to: String },
    /// The order's e-invoice is brought in line with what it owes: issued once paid (cash on
    /// delivery: delivered), voided or allowed after a refund.
    #[serde(rename = "invoice.settle")]
    SettleInvoice { order: String },
    /// A paid (or cash-on-delivery) order goes to the warehouse.
    #[serde(rename = "fulfilment.open")]
    OpenFulfilment { order: String },
    /// `--auto-fulfil`: the demo's warehouse packs and hands over by itself.
    #[serde(rename = "fulfilment.auto")]
    AutoFulfil { order: String },
    /// The parcel is handed to the carrier, which gives its tracking number.
    #[serde(rename = "carrier.hand_over")]
    HandOver { order: String },
    /// Ask the carrier where the parcel is.
    #[serde(rename = "carrier.track")]
    Track { order: String },
}

impl Job {
    /// The job's name, as the outbox keeps it and logs say it.
    pub fn kind(&self) -> String {
        self.to_row().0
    }

    /// `(kind, payload)`, the outbox's two columns.
    fn to_row(&self) -> (String, String) {
        let serde_json::Value::Object(mut tagged) =
            serde_json::to_value(self).expect("a job always serialises")
        else {
            unreachable!("an adjacently tagged enum serialises as an object")
        };
        let kind = tagged["kind"].as_str().unwrap_or_default().to_owned();
        let payload = tagged.remove("payload").unwrap_or_default();
        (kind, payload.to_string())
    }

    /// Reads a job back from its outbox row.
    pub fn from_row(kind: &str, payload: &str) -> serde_json::Result<Job> {
        let payload: serde_json::Value = serde_json::from_str(payload)?;
        serde_json::from_value(serde_json::json!({ "kind": kind, "payload": payload }))
    }
}

/// Writes `job` to the outbox, to run at `run_at` (Unix seconds), within the caller's
/// transaction: it happens if and only if the change that called for it commits.
pub async fn enqueue(tx: &mut Transaction<'_, Any>, job: &Job, run_at: i64) -> sqlx::Result<()> {
    let (kind, payload) = job.to_row();
    outbox::insert(tx, &kind, &payload, run_at).await
}

pub async fn run(state: &AppState, job: Job) -> anyhow::Result<()> {
    match job {
        Job::SandboxWebhook(event) => payments::deliver(state, &event).await?,
        Job::PaymentOperation { operation } => {
            payments::settlement::send(state, &operation).await?
        }
        Job::OrderPlacedEmail { order, to, token } => {
            notifications::order_placed(state, &order, &to, &token).await?
        }
        Job::PaymentReceivedEmail { order } => {
            notifications::payment_received(state, &order).await?
        }
        Job::OrderUpdateEmail { order, update } => {
            notifications::order_update(state, &order, &update).await?
        }
        Job::VerifyEmail { to, token } => notifications::verify_email(state, &to, &token).await?,
        Job::PasswordResetEmail { to, token } => {
            notifications::password_reset(state, &to, &token).await?
        }
        Job::AccountExistsEmail { to } => notifications::account_exists(state, &to).await?,
        Job::SettleInvoice { order } => invoices::settle(state, &order).await?,
        Job::OpenFulfilment { order } => fulfilment::open(state, &order).await?,
        Job::AutoFulfil { order } => fulfilment::auto(state, &order).await?,
        Job::HandOver { order } => tracking::hand_over(state, &order).await?,
        Job::Track { order } => tracking::follow(state, &order).await?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_reads_back_as_written() {
        let job = Job::OrderPlacedEmail {
            order: "FF20261125-ABC123".into(),
            to: "mei@example.tw".into(),
            token: "t0k".into(),
        };
        let (kind, payload) = job.to_row();
        assert_eq!(kind, "email.order_placed");
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&payload).unwrap(),
            serde_json::json!({"order": "FF20261125-ABC123", "to": "mei@example.tw", "token": "t0k"})
        );
        let back = Job::from_row(&kind, &payload).unwrap();
        assert_eq!(back.to_row(), job.to_row());
    }

    #[test]
    fn a_payload_missing_a_field_or_an_unknown_kind_is_an_error() {
        assert!(Job::from_row("fulfilment.open", "{}").is_err());
        assert!(Job::from_row("fulfilment.open", r#"{"order": 7}"#).is_err());
        assert!(Job::from_row("carrier.teleport", r#"{"order": "A"}"#).is_err());
        assert!(Job::from_row("fulfilment.open", "not json").is_err());
        assert!(matches!(
            Job::from_row("fulfilment.open", r#"{"order": "FF1"}"#),
            Ok(Job::OpenFulfilment { order }) if order == "FF1"
        ));
    }

    #[test]
    fn rows_written_by_the_previous_release_still_read() {
        // As `outbox::enqueue` wrote them before jobs were typed.
        for (kind, payload) in [
            (
                "sandbox.webhook",
                r#"{"id":"evt_1","type":"payment.succeeded","payment_id":"pay_1","reason":null}"#,
            ),
            ("payment.operation", r#"{"operation":"op_1"}"#),
            ("email.payment_received", r#"{"order":"FF1"}"#),
            ("email.verify", r#"{"to":"a@b.tw","token":"t"}"#),
            ("email.account_exists", r#"{"to":"a@b.tw"}"#),
            ("carrier.track", r#"{"order":"FF1"}"#),
        ] {
            let job = Job::from_row(kind, payload).unwrap_or_else(|e| panic!("{kind}: {e}"));
            assert_eq!(job.kind(), kind);
        }
    }
}
