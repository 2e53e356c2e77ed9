//! Returns in the appraisal period (`fourflow_core::returns`): the shopper asks for a delivered
//! order to be taken back, an operator declines the request (or refunds the order, which
//! `refunds` does from `refund_requested` as from delivered). Each is one transaction: the
//! rule checked against the order as it is in it, a conditional status move, and an order
//! event with who did it and why.

use fourflow_core::order::{Actor, OrderStatus, OrderView};
use fourflow_core::returns::{self, DeclineReturn, RefundRequestInput};
use serde_json::json;
use sqlx::{Any, Transaction};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use super::refunds::{changed_meanwhile, order_in};
use crate::clock::rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::jobs::{self, Job};
use crate::services::notifications::OrderUpdate;
use crate::startup::AppState;
use crate::store::orders;

/// The audit log's name for an operator declining a return.
pub const RETURN_DECLINED: &str = "order.return_declined";

/// The shopper's request to send order `number` back, if `token` or `viewer` may see the
/// order (otherwise the same 404 as reading it); answers the order as it now stands.
pub async fn request(
    state: &AppState,
    number: &str,
    token: Option<&str>,
    viewer: Option<i64>,
    input: &RefundRequestInput,
) -> ApiResult<OrderView> {
    super::orders::visible(state, number, token, viewer).await?;
    input.check()?;
    let now = state.clock.now();
    let now_text = rfc3339(now);
    let mut tx = state.db.begin_write().await?;
    let (id, from, cod) = order_in(&mut tx, number).await?;
    let delivered_at = delivered_at(&mut tx, id).await?;
    returns::may_request(from, delivered_at, now).map_err(|refusal| {
        ApiError::conflict(refusal.code(), format!("order {number}: {refusal}"))
    })?;
    let to = from
        .transition(OrderStatus::RefundRequested, cod)
        .map_err(|e| ApiError::conflict("invalid_transition", e.to_string()))?;
    move_order(
        &mut tx,
        id,
        number,
        (from, to),
        &Actor::Shopper,
        "return_requested",
        &input.reason,
        &now_text,
    )
    .await?;
    let email = Job::OrderUpdateEmail {
        order: number.to_owned(),
        update: OrderUpdate::ReturnRequested,
    };
    jobs::enqueue(&mut tx, &email, now).await?;
    tx.commit().await?;
    super::orders::get(state, number, token, viewer).await
}

/// Operator `staff_id` declines the return requested for order `number`: it is delivered
/// again, with the reason on its history for the shopper to read, and in the audit log.
pub async fn decline(
    state: &AppState,
    number: &str,
    staff_id: i64,
    input: &DeclineReturn,
) -> ApiResult<()> {
    input.check()?;
    let now_text = rfc3339(state.clock.now());
    let mut tx = state.db.begin_write().await?;
    let (id, from, cod) = order_in(&mut tx, number).await?;
    if !returns::declinable(from) {
        return Err(ApiError::conflict(
            "no_return_request",
            format!(
                "order {number} is {}: no return is waiting for an answer",
                from.as_str()
            ),
        ));
    }
    let to = from
        .transition(OrderStatus::Delivered, cod)
        .map_err(|e| ApiError::conflict("invalid_transition", e.to_string()))?;
    move_order(
        &mut tx,
        id,
        number,
        (from, to),
        &Actor::Staff(staff_id),
        "return_declined",
        &input.reason,
        &now_text,
    )
    .await?;
    super::staff::audit(
        &mut tx,
        &now_text,
        staff_id,
        RETURN_DECLINED,
        &format!("order:{number}"),
        Some(&json!({ "status": from.as_str() })),
        &json!({ "status": to.as_str(), "reason": input.reason.trim() }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Moves the order if it is still where it was read (a concurrent request makes this one a
/// 409, not a second move) and writes why on its history.
#[allow(clippy::too_many_arguments)]
async fn move_order(
    tx: &mut Transaction<'_, Any>,
    order_id: i64,
    number: &str,
    (from, to): (OrderStatus, OrderStatus),
    actor: &Actor,
    kind: &str,
    reason: &str,
    now_text: &str,
) -> ApiResult<()> {
    if !orders::set_status(tx, order_id, from, to, now_text).await? {
        return Err(changed_meanwhile(number));
    }
    orders::record(
        tx,
        &orders::NewEvent {
            order_id,
            at: now_text,
            actor,
            kind,
            from: Some(from),
            to: Some(to),
            note: Some(reason.trim()),
        },
    )
    .await?;
    Ok(())
}

/// When the order was delivered, in Unix seconds, as its history says.
async fn delivered_at(tx: &mut Transaction<'_, Any>, order_id: i64) -> ApiResult<Option<i64>> {
    let moves = orders::moves(tx, order_id).await?;
    let at = returns::delivered_at(
        moves
            .iter()
            .map(|(to, at)| (OrderStatus::parse(to), at.as_str())),
    );
    at.map(|at| {
        OffsetDateTime::parse(at, &Rfc3339)
            .map(OffsetDateTime::unix_timestamp)
            .map_err(|_| {
                anyhow::anyhow!("order {order_id}: stored time {at} is not RFC 3339").into()
            })
    })
    .transpose()
}
