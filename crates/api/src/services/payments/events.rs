//! What a payment provider says after the fact, in signed webhooks: checked, recorded by
//! event id so that a replay changes nothing, and applied to the payment and its order. The
//! sandbox provider's own events travel through the outbox like a real provider's would.

use fourflow_core::checkout::PaymentMethod;
use fourflow_core::order::{Actor, OrderStatus};
use fourflow_core::payment::{FailureReason, PaymentStatus};

use fourflow_core::Money;
use serde::{Deserialize, Serialize};

use super::reason_text;
use crate::error::{ApiError, ApiResult};
use crate::payments::webhook;
use crate::services::orders::{hex, now_text_at};
use crate::startup::AppState;
use crate::store::{orders, outbox, payments};

/// What a provider says about a payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderEvent {
    /// Unique per event: the same id twice is the same event.
    pub id: String,
    #[serde(rename = "type")]
    pub kind: EventKind,
    pub payment_id: String,
    #[serde(default)]
    pub reason: Option<FailureReason>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventKind {
    #[serde(rename = "payment.succeeded")]
    Succeeded,
    #[serde(rename = "payment.failed")]
    Failed,
}

pub async fn receive_webhook(
    state: &AppState,
    provider: &str,
    signature: Option<&str>,
    body: &[u8],
) -> ApiResult<()> {
    if provider != state.payments.name() {
        return Err(ApiError::not_found("payment provider"));
    }
    let signature = signature.ok_or(ApiError::Unauthorised("the webhook is not signed"))?;
    match webhook::verify(
        state.payments.webhook_secret(),
        signature,
        body,
        state.clock.now(),
    ) {
        Ok(()) => {}
        Err(webhook::SignatureError::Stale) => {
            return Err(ApiError::BadRequest(
                "the webhook's signature is too old".into(),
            ))
        }
        Err(_) => {
            return Err(ApiError::Unauthorised(
                "the webhook's signature does not match",
            ))
        }
    }
    let event: ProviderEvent = crate::routes::json_body(body)?;
    apply(state, provider, &event).await
}

async fn apply(state: &AppState, provider: &str, event: &ProviderEvent) -> ApiResult<()> {
    let now_text = now_text_at(state.clock.now());
    let mut tx = state.db.begin_write().await?;
    let kind = match event.kind {
        EventKind::Succeeded => "payment.succeeded",
        EventKind::Failed => "payment.failed",
    };
    if !payments::note_event(
        &mut tx,
        provider,
        &event.id,
        &event.payment_id,
        kind,
        &now_text,
    )
    .await?
    {
        return Ok(()); // already applied
    }
    let payment = payments::by_id(&mut *tx, &event.payment_id)
        .await?
        .ok_or(ApiError::not_found("payment"))?;
    let Some((order_id, status, method)) =
        orders::status_for_update(&mut tx, &payment.order_number).await?
    else {
        return Err(ApiError::not_found("order"));
    };
    let from = OrderStatus::parse(&status)
        .ok_or_else(|| anyhow::anyhow!("order {} has status {status}", payment.order_number))?;
    let cod = method == PaymentMethod::CashOnDelivery.as_str();
    match event.kind {
        EventKind::Succeeded if from == OrderStatus::PendingPayment => {
            let to = from
                .transition(OrderStatus::Paid, cod)
                .expect("a pending order can be paid");
            payments::set_status(
                &mut tx,
                &payment.id,
                PaymentStatus::Succeeded.as_str(),
                None,
                &now_text,
            )
            .await?;
            orders::set_status(&mut tx, order_id, from, to, &now_text).await?;
            payments::sell_held(&mut tx, order_id).await?;
            crate::services::fulfilment::enqueue_open(
                &mut tx,
                &payment.order_number,
                state.clock.now(),
            )
            .await?;
            orders::record(
                &mut tx,
                &orders::NewEvent {
                    order_id,
                    at: &now_text,
                    actor: &Actor::PaymentProvider,
                    kind: "status_changed",
                    from: Some(from),
                    to: Some(to),
                    note: Some(&format!("payment {} received", payment.id)),
                },
            )
            .await?;
            outbox::enqueue(
                &mut tx,
                "email.payment_received",
                &serde_json::json!({ "order": payment.order_number }),
                state.clock.now(),
            )
            .await?;
        }
        EventKind::Succeeded => {
            // Money for an order that is no longer waiting (its hold ran out): give it back.
            let amount = Money::twd(payment.amount);
            state
                .payments
                .refund(&payment.id, amount)
                .map_err(|e| anyhow::anyhow!("refund of {}: {e}", payment.id))?;
            payments::set_status(
                &mut tx,
                &payment.id,
                PaymentStatus::Refunded.as_str(),
                None,
                &now_text,
            )
            .await?;
            orders::record(
                &mut tx,
                &orders::NewEvent {
                    order_id,
                    at: &now_text,
                    actor: &Actor::System,
                    kind: "payment_refunded",
                    from: None,
                    to: None,
                    note: Some(&format!(
                        "payment {} arrived after the order was {status}; refunded",
                        payment.id
                    )),
                },
            )
            .await?;
        }
        EventKind::Failed => {
            let reason = event.reason.unwrap_or(FailureReason::Declined);
            payments::set_status(
                &mut tx,
                &payment.id,
                PaymentStatus::Failed.as_str(),
                Some(reason_text(reason)),
                &now_text,
            )
            .await?;
            // The order keeps waiting (and its stock held) so the shopper can try again.
            orders::record(
                &mut tx,
                &orders::NewEvent {
                    order_id,
                    at: &now_text,
                    actor: &Actor::PaymentProvider,
                    kind: "payment_failed",
                    from: None,
                    to: None,
                    note: Some(reason_text(reason)),
                },
            )
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// The shopper's answer on a sandbox page (challenge, wallet, transfer): the sandbox turns it
/// into a signed webhook, delivered through the same door as any provider's.
pub async fn sandbox_outcome(
    state: &AppState,
    payment_id: &str,
    approve: bool,
) -> ApiResult<String> {
    let payment = payments::by_id(state.db.pool(), payment_id)
        .await?
        .ok_or(ApiError::not_found("payment"))?;
    let (kind, reason) = if approve {
        (EventKind::Succeeded, None)
    } else {
        (
            EventKind::Failed,
            Some(if payment.method == PaymentMethod::Card.as_str() {
                FailureReason::AuthenticationFailed
            } else {
                FailureReason::Declined
            }),
        )
    };
    let event = ProviderEvent {
        id: format!("evt_{}", hex(&rand::random::<[u8; 12]>())),
        kind,
        payment_id: payment.id.clone(),
        reason,
    };
    deliver(state, &event).await?;
    Ok(payment.return_path)
}

/// Signs `event` as the sandbox provider would and receives it.
pub async fn deliver(state: &AppState, event: &ProviderEvent) -> ApiResult<()> {
    let body = serde_json::to_vec(event).map_err(anyhow::Error::from)?;
    let signature = webhook::sign(state.payments.webhook_secret(), state.clock.now(), &body);
    receive_webhook(state, state.payments.name(), Some(&signature), &body).await
}

pub(super) async fn enqueue_sandbox_event(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    payment_id: &str,
    kind: EventKind,
    reason: Option<FailureReason>,
    run_at: i64,
) -> sqlx::Result<()> {
    let event = ProviderEvent {
        id: format!("evt_{}", hex(&rand::random::<[u8; 12]>())),
        kind,
        payment_id: payment_id.to_owned(),
        reason,
    };
    outbox::enqueue(
        tx,
        "sandbox.webhook",
        &serde_json::to_value(&event).expect("an event serialises"),
        run_at,
    )
    .await
}
