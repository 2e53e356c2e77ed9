//! Paying for an order: starting a payment with the provider (here), applying what the
//! provider later says in its signed webhooks (`events`) — each event once, whatever arrives
//! twice — and settling it afterwards: capture, void, refund (`settlement`).

pub mod events;
pub mod settlement;

use fourflow_core::checkout::PaymentMethod;
use fourflow_core::order::{hold_after_failure, Actor, OrderStatus};
use fourflow_core::payment::{
    can_switch, check_card, FailureReason, NextAction, PaymentStatus, PaymentView, StartPayment,
};
use fourflow_core::pricing::Quote;
use fourflow_core::settlement::capture_at;
use fourflow_core::{FieldError, Money};

use super::orders::{authorised, to_json};
use crate::clock::rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::payments::{Authorise, Authorised, Instruction, Method};
use crate::secrets;
use crate::startup::AppState;
use crate::store::parsed_word;
use crate::store::{self, orders, payments};
use events::enqueue_sandbox_event;
pub use events::{deliver, receive_webhook, sandbox_outcome, EventKind, ProviderEvent};

/// Starts paying for the order `number` (whose access `token` the shopper holds).
pub async fn start(
    state: &AppState,
    number: &str,
    token: &str,
    key: &str,
    body: &[u8],
    payment: &StartPayment,
) -> ApiResult<(u16, String)> {
    let (order, _) = authorised(state, number, token).await?;
    let quote: Quote = serde_json::from_str(&order.quote)
        .map_err(|e| anyhow::anyhow!("order {number}: quote: {e}"))?;
    let today = time::OffsetDateTime::from_unix_timestamp(state.clock.now())
        .map_err(anyhow::Error::from)?;
    let this_month = (today.year(), u32::from(u8::from(today.month())));
    let order_method: PaymentMethod = parsed_word(&order.payment_method, number)?;
    let (chosen, method) = checked_method(payment, order_method, quote.total, this_month)?;
    let now = state.clock.now();
    let now_text = rfc3339(now);
    let scope = format!("payments:{number}");
    let request_hash = secrets::sha256_hex(body);

    // Checked before the provider is asked, and again in the transaction that records its
    // answer: the provider is a remote call, never made while the write lock is held.
    {
        let mut read = state.db.pool().begin().await?;
        if let Some(stored) = recheck(&mut read, &scope, key, &request_hash, number).await? {
            return Ok(stored);
        }
    }
    let capture = capture_at(chosen)
        .ok_or_else(|| anyhow::anyhow!("order {number}: no provider takes {}", chosen.as_str()))?;
    let id = format!("pay_{}", secrets::random_hex::<12>());
    let provider = &state.payments;
    let answer = provider
        .authorise(&Authorise {
            payment_id: id.clone(),
            amount: quote.total,
            method: method.clone(),
            expires_at: order.hold_until.unwrap_or(now + 30 * 60),
            capture,
        })
        .await
        .map_err(|e| anyhow::anyhow!("authorising {id}: {e}"))?;

    let mut tx = state.db.begin_write().await?;
    if let Some(first) = recheck(&mut tx, &scope, key, &request_hash, number)
        .await
        .transpose()
    {
        // The same request, or the end of the order's hold, got there first: let go of what
        // this one made the provider hold. (Should the shop fail between the two, the
        // provider lets an authorisation nobody captures lapse, as gateways do.)
        drop(tx);
        if answer == Authorised::Accepted {
            let release = format!("{id}_release");
            let instruction = Instruction {
                request_id: &release,
                payment_id: &id,
            };
            if let Err(error) = provider.void(instruction).await {
                tracing::warn!(payment = %id, ?error, "an unrecorded hold was not voided");
            }
        }
        return first;
    }
    let order_id = order.id;
    let (status, next_action, failure) = match &answer {
        Authorised::Accepted => (PaymentStatus::Pending, None, None),
        Authorised::RequiresAction(action) => {
            (PaymentStatus::RequiresAction, Some(action.clone()), None)
        }
        Authorised::Refused(reason) => (PaymentStatus::Failed, None, Some(*reason)),
    };
    let (instalments, card_last4) = match &method {
        Method::Card {
            number,
            instalments,
        } => {
            let digits: String = number.chars().filter(char::is_ascii_digit).collect();
            (*instalments, Some(digits[digits.len() - 4..].to_owned()))
        }
        _ => (1, None),
    };
    payments::insert(
        &mut tx,
        &payments::NewPayment {
            id: &id,
            order_id,
            provider: provider.name(),
            method: chosen.as_str(),
            status: status.as_str(),
            amount: quote.total.amount,
            currency: quote.total.currency.code(),
            instalments: i64::from(instalments),
            card_last4: card_last4.as_deref(),
            next_action: next_action.as_ref().map(to_json),
            failure: failure.map(reason_text),
            return_path: &format!("/orders/{number}?token={token}"),
            now: &now_text,
        },
    )
    .await?;
    if chosen != order_method {
        switch_method(&mut tx, order_id, order_method, chosen, &now_text).await?;
    }
    let note = match failure {
        Some(reason) => format!("payment {id} refused: {}", reason_text(reason)),
        None => format!("payment {id} started"),
    };
    if failure.is_some() {
        hold_for_retry(&mut tx, order_id, now).await?;
    }
    orders::record(
        &mut tx,
        &orders::NewEvent {
            order_id,
            at: &now_text,
            actor: &Actor::Shopper,
            kind: "payment_started",
            from: None,
            to: None,
            note: Some(&note),
        },
    )
    .await?;
    if answer == Authorised::Accepted {
        // The sandbox confirms a moment later, as real providers do, through its webhook.
        enqueue_sandbox_event(&mut tx, &id, EventKind::Succeeded, None, now + 1).await?;
    }
    let view = PaymentView {
        id,
        status,
        amount: quote.total,
        instalments,
        card_last4,
        next_action,
        failure,
    };
    let response = to_json(&view);
    super::idempotency::commit_with_answer(
        &state.db,
        tx,
        &scope,
        key,
        request_hash,
        response,
        &now_text,
    )
    .await
}

/// The order is paid another way from now on, said on its history.
async fn switch_method(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    order_id: i64,
    from: PaymentMethod,
    to: PaymentMethod,
    now: &str,
) -> ApiResult<()> {
    orders::set_payment_method(tx, order_id, to).await?;
    let note = format!("{} → {}", from.as_str(), to.as_str());
    let event = orders::NewEvent {
        order_id,
        at: now,
        actor: &Actor::Shopper,
        kind: "payment_method_changed",
        from: None,
        to: None,
        note: Some(&note),
    };
    orders::record(tx, &event).await?;
    Ok(())
}

/// After a failed payment, the order's stock stays held only for another try
/// (`fourflow_core::order::hold_after_failure`); then the expiry job gives it back.
async fn hold_for_retry(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    order_id: i64,
    now: i64,
) -> ApiResult<()> {
    if let Some(until) = orders::hold_until(tx, order_id).await? {
        orders::set_hold_until(tx, order_id, hold_after_failure(until, now)).await?;
    }
    Ok(())
}

pub async fn view(state: &AppState, payment_id: &str) -> ApiResult<PaymentView> {
    let p = payments::by_id(state.db.pool(), payment_id)
        .await?
        .ok_or(ApiError::not_found("payment"))?;
    Ok(PaymentView {
        id: p.id,
        status: PaymentStatus::parse(&p.status)
            .ok_or_else(|| anyhow::anyhow!("payment status {}", p.status))?,
        amount: Money::twd(p.amount),
        instalments: u32::try_from(p.instalments).unwrap_or(1),
        card_last4: p.card_last4,
        next_action: p
            .next_action
            .as_deref()
            .and_then(|a| serde_json::from_str::<NextAction>(a).ok()),
        failure: p
            .failure
            .as_deref()
            .and_then(|f| serde_json::from_value(serde_json::Value::String(f.to_owned())).ok()),
    })
}

/// How the payment `payment_id` is made.
pub async fn method(state: &AppState, payment_id: &str) -> ApiResult<PaymentMethod> {
    let p = payments::by_id(state.db.pool(), payment_id)
        .await?
        .ok_or(ApiError::not_found("payment"))?;
    parsed_word(&p.method, payment_id)
}

/// The order's payments, newest first.
pub async fn of_order(state: &AppState, order_id: i64) -> ApiResult<Vec<PaymentView>> {
    let mut out = Vec::new();
    for p in store::payments::for_order(state.db.pool(), order_id).await? {
        out.push(view(state, &p.id).await?);
    }
    Ok(out)
}

/// The way `payment` pays and the provider's method for it, once it is checked against the
/// order's (another way of paying ahead may take over: `fourflow_core::payment::can_switch`).
/// A card's expiry is compared with `this_month` (year, month).
fn checked_method(
    payment: &StartPayment,
    order_method: PaymentMethod,
    total: Money,
    this_month: (i32, u32),
) -> ApiResult<(PaymentMethod, Method)> {
    let chosen = match payment {
        StartPayment::Card { .. } => PaymentMethod::Card,
        StartPayment::AtmTransfer => PaymentMethod::AtmTransfer,
        StartPayment::StoreCode => PaymentMethod::StoreCode,
        StartPayment::EWallet => PaymentMethod::EWallet,
    };
    if !can_switch(order_method, chosen) {
        return Err(FieldError::new(
            "type",
            format!("this order is paid by {}", order_method.as_str()),
        )
        .into());
    }
    let method = match payment {
        StartPayment::Card {
            number,
            expiry,
            cvc,
            instalments,
        } => {
            check_card(number, expiry, cvc, *instalments, total, this_month)?;
            Method::Card {
                number: number.clone(),
                instalments: *instalments,
            }
        }
        StartPayment::AtmTransfer => Method::AtmTransfer,
        StartPayment::StoreCode => Method::StoreCode,
        StartPayment::EWallet => Method::EWallet,
    };
    Ok((chosen, method))
}

/// The stored answer if the same request was made before, else a 404 or 409 unless the
/// order still waits for a payment.
async fn recheck(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    scope: &str,
    key: &str,
    request_hash: &str,
    number: &str,
) -> ApiResult<Option<(u16, String)>> {
    if let Some(stored) =
        super::idempotency::replay(tx, scope, key, request_hash, "payment").await?
    {
        return Ok(Some(stored));
    }
    let Some((_, status, _)) = orders::status_for_update(tx, number).await? else {
        return Err(ApiError::not_found("order"));
    };
    if OrderStatus::parse(&status) != Some(OrderStatus::PendingPayment) {
        return Err(ApiError::Conflict {
            code: "not_awaiting_payment",
            message: format!("order {number} is {status}: it is not waiting for a payment"),
            field: None,
        });
    }
    Ok(None)
}

fn reason_text(reason: FailureReason) -> &'static str {
    match reason {
        FailureReason::Declined => "declined",
        FailureReason::InsufficientFunds => "insufficient_funds",
        FailureReason::AuthenticationFailed => "authentication_failed",
        FailureReason::Expired => "expired",
    }
}
