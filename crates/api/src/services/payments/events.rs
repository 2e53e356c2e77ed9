//! What a payment provider says after the fact, in signed webhooks: checked, recorded by
//! event id so that a replay changes nothing, and applied to the payment and its order. The
//! sandbox provider's own events travel through the outbox like a real provider's would.

use fourflow_core::checkout::PaymentMethod;
use fourflow_core::order::{Actor, OrderStatus};
use fourflow_core::payment::{FailureReason, PaymentStatus};

use fourflow_core::settlement::{capture_at, CaptureAt};
use serde::{Deserialize, Serialize};

use super::{reason_text, settlement};
use crate::clock::rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::jobs::{self, Job};
use crate::payments::webhook;
use crate::secrets;
use crate::startup::AppState;
use crate::store::parsed_word;
use crate::store::settlement as settlement_store;
use crate::store::{orders, payments};

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
    let event: ProviderEvent = crate::json::parse(body)?;
    apply(state, provider, &event).await
}

async fn apply(state: &AppState, provider: &str, event: &ProviderEvent) -> ApiResult<()> {
    let now_text = rfc3339(state.clock.now());
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
    if payment_confirmed(&payment.status) {
        // News of a payment settled already, under another event id (a second click on the
        // sandbox page, a provider's retry): the first confirmation stands.
        tx.commit().await?;
        return Ok(());
    }
    let mut send_after = None;
    match event.kind {
        EventKind::Succeeded if from == OrderStatus::PendingPayment => {
            let to = from
                .transition(OrderStatus::Paid, cod)
                .expect("a pending order can be paid");
            confirmed(&mut tx, &payment, &method, &now_text).await?;
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
            let email = Job::PaymentReceivedEmail {
                order: payment.order_number.clone(),
            };
            jobs::enqueue(&mut tx, &email, state.clock.now()).await?;
            let invoice = Job::SettleInvoice {
                order: payment.order_number.clone(),
            };
            jobs::enqueue(&mut tx, &invoice, state.clock.now()).await?;
        }
        EventKind::Succeeded => {
            // Money for an order that is no longer waiting (its hold ran out): give it back —
            // a void of the card's hold, a refund of money taken — once this has committed.
            let holding = confirmed(&mut tx, &payment, &method, &now_text).await?;
            let amount = crate::services::refunds::money(payment.amount, &payment.currency)?;
            let (operation, how) =
                settlement::give_back(&mut tx, &holding, 0, amount, true, state.clock.now())
                    .await?;
            send_after = operation;
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
                        "payment {} arrived after the order was {status}; given back ({how})",
                        payment.id,
                        status = from.as_str()
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
            // The order keeps waiting so the shopper can try again, its stock held only for
            // the retry window.
            super::hold_for_retry(&mut tx, order_id, state.clock.now()).await?;
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
    if let Some(operation) = send_after {
        settlement::send_all(state, &[operation]).await;
    }
    Ok(())
}

/// Records the provider's confirmation of `payment`, an order's paid by `method`: a card is
/// only held until the parcel ships, the other methods' money is taken
/// (`fourflow_core::settlement::capture_at`). Returns the payment as settling sees it.
async fn confirmed(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    payment: &payments::PaymentRow,
    method: &str,
    now_text: &str,
) -> ApiResult<settlement_store::Holding> {
    let method: PaymentMethod = parsed_word(method, &payment.order_number)?;
    let (status, captured) = match capture_at(method) {
        Some(CaptureAt::HandOver) => (PaymentStatus::Authorised, 0),
        _ => (PaymentStatus::Succeeded, payment.amount),
    };
    // Conditional on the status read in this transaction (not a confirmed one: the caller
    // checked), so two confirmations racing on PostgreSQL apply once; the loser's webhook is
    // answered 409 and, sent again, finds the payment confirmed.
    if !settlement_store::settle(
        tx,
        &payment.id,
        &payment.status,
        status.as_str(),
        captured,
        now_text,
    )
    .await?
    {
        return Err(ApiError::Conflict {
            code: "payment_changed",
            message: format!(
                "payment {} changed meanwhile; send the event again",
                payment.id
            ),
            field: None,
        });
    }
    // The shopper has nothing left to do, and nothing failed.
    payments::set_status(tx, &payment.id, status.as_str(), None, now_text).await?;
    Ok(settlement_store::Holding {
        id: payment.id.clone(),
        status: status.as_str().to_owned(),
        amount: payment.amount,
        currency: payment.currency.clone(),
        captured,
    })
}

/// Whether the provider confirmed the payment before (whatever happened to it since).
fn payment_confirmed(status: &str) -> bool {
    [
        PaymentStatus::Authorised,
        PaymentStatus::Succeeded,
        PaymentStatus::Voided,
        PaymentStatus::Refunded,
    ]
    .iter()
    .any(|s| s.as_str() == status)
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
    if approve {
        // The provider's side first: the bank or the shopper confirmed, so it holds the money.
        crate::payments::sandbox::confirm(&state.db, &payment.id)
            .await
            .map_err(|e| anyhow::anyhow!("sandbox {}: {e}", payment.id))?;
    }
    let event = ProviderEvent {
        id: format!("evt_{}", secrets::random_hex::<12>()),
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
        id: format!("evt_{}", secrets::random_hex::<12>()),
        kind,
        payment_id: payment_id.to_owned(),
        reason,
    };
    jobs::enqueue(tx, &Job::SandboxWebhook(event), run_at).await
}
