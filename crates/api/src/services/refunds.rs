//! Refunds: money back through the provider that took it, whole or by line, as the core rule
//! (`fourflow_core::refund`) values them. Units that never left the warehouse go back on the
//! shelf; a refund that settles the order moves it to refunded. The shop's side is one
//! transaction, replayed for the same `Idempotency-Key`; the provider is told after it
//! commits (`payments::settlement`): a refund of money taken, or, for a card still only held,
//! a smaller capture or a void.

use fourflow_core::checkout::PaymentMethod;
use fourflow_core::delivery::ParcelStatus;
use fourflow_core::order::{Actor, OrderStatus, WarehouseStock};
use fourflow_core::refund::{
    self, ChargedLine, RefundLine, RefundPlan, RefundReceipt, RefundRequest,
};
use fourflow_core::{Currency, Money};
use sqlx::{Any, Transaction};

use super::orders::to_json;
use crate::clock::rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::jobs::{self, Job};
use crate::secrets;
use crate::services::notifications::OrderUpdate;
use crate::services::payments::settlement;
use crate::startup::AppState;
use crate::store::orders;
use crate::store::refunds::{self, Refundable};
use crate::store::settlement as settlement_store;

/// Refunds `request` of order `number`; the answer's status and JSON body (a
/// [`RefundReceipt`]), replayed for the same key.
pub async fn refund(
    state: &AppState,
    number: &str,
    actor: &Actor,
    key: &str,
    body: &[u8],
    request: &RefundRequest,
) -> ApiResult<(u16, String)> {
    let now_text = rfc3339(state.clock.now());
    let scope = format!("refunds:{number}");
    let request_hash = secrets::sha256_hex(body);
    let mut tx = state.db.begin_write().await?;
    if let Some(stored) =
        super::idempotency::replay(&mut tx, &scope, key, &request_hash, "refund").await?
    {
        return Ok(stored);
    }
    let (order_id, status, cod) = order_in(&mut tx, number).await?;
    let shipment = crate::store::fulfilment::by_order(&mut *tx, order_id).await?;
    if status == OrderStatus::Processing
        && shipment
            .map(|s| s.parcel())
            .transpose()?
            .is_some_and(ParcelStatus::with_carrier)
    {
        return Err(ApiError::conflict(
            "with_carrier",
            format!("order {number} is with the carrier: refund it once it is delivered"),
        ));
    }
    let charged = refunds::of_order(&mut tx, order_id).await?;
    let total = money(charged.total, &charged.currency)?;
    let refunded = money(charged.refunded, &charged.currency)?;
    if refund::refundable(status, cod, total, refunded).amount <= 0 {
        return Err(ApiError::Conflict {
            code: "nothing_to_refund",
            message: format!(
                "order {number} is {}: there is no money received to give back",
                status.as_str()
            ),
            field: None,
        });
    }
    let plan = refund::plan(total, refunded, &charged_lines(&charged)?, request)?;
    let mut status_after = status;
    if plan.settles_order {
        status_after = status
            .transition(OrderStatus::Refunded, cod)
            .map_err(|e| ApiError::conflict("invalid_transition", e.to_string()))?;
        if !orders::set_status(&mut tx, order_id, status, status_after, &now_text).await? {
            return Err(changed_meanwhile(number));
        }
    }
    // Units refunded before they shipped are not going anywhere: back on the shelf.
    for &(position, qty, _) in &plan.lines {
        let sku = &charged.lines[position as usize].sku;
        shelve(&mut tx, status.warehouse_stock(cod), sku, i64::from(qty)).await?;
    }
    let operation = give_back(
        state,
        &mut tx,
        order_id,
        &charged,
        &plan,
        cod,
        actor,
        &request.reason,
        &now_text,
    )
    .await?;
    if status_after != status {
        record_status(
            &mut tx,
            order_id,
            actor,
            status,
            status_after,
            &request.reason,
            &now_text,
        )
        .await?;
    }
    let email = Job::OrderUpdateEmail {
        order: number.to_owned(),
        update: OrderUpdate::Refunded {
            amount: plan.amount,
        },
    };
    jobs::enqueue(&mut tx, &email, state.clock.now()).await?;
    let invoice = Job::SettleInvoice {
        order: number.to_owned(),
    };
    jobs::enqueue(&mut tx, &invoice, state.clock.now()).await?;
    let receipt = RefundReceipt {
        amount: plan.amount,
        lines: plan
            .lines
            .iter()
            .map(|&(position, qty, _)| RefundLine { position, qty })
            .collect(),
        status: status_after,
    };
    let response = to_json(&receipt);
    let answer = super::idempotency::commit_with_answer(
        &state.db,
        tx,
        &scope,
        key,
        request_hash,
        response,
        &now_text,
    )
    .await?;
    settlement::send_all(state, operation.as_slice()).await;
    Ok(answer)
}

/// Counts `plan` as given back, line by line and on the order — each conditional on what was
/// read, so a concurrent refund makes this one fail rather than both count — then decides
/// how the provider gives the money back (`settlement::give_back`) and writes the order's
/// `refunded` event. Returns the instruction to send the provider once `tx` has committed.
/// Cash on delivery took no provider payment: the shop pays it back itself, as the event says.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn give_back(
    state: &AppState,
    tx: &mut Transaction<'_, Any>,
    order_id: i64,
    charged: &Refundable,
    plan: &RefundPlan,
    cod: bool,
    actor: &Actor,
    reason: &str,
    now_text: &str,
) -> ApiResult<Option<String>> {
    let number = || format!("order {order_id}");
    for &(position, qty, amount) in &plan.lines {
        let line = &charged.lines[position as usize];
        let counted = refunds::add_to_line(
            tx,
            order_id,
            line.position,
            line.refunded_qty,
            i64::from(qty),
            amount.amount,
        )
        .await?;
        if !counted {
            return Err(changed_meanwhile(&number()));
        }
    }
    if !refunds::add_to_order(tx, order_id, charged.refunded, plan.amount.amount, now_text).await? {
        return Err(changed_meanwhile(&number()));
    }
    let (operation, how) = if cod {
        (None, "cash on delivery: paid back by the shop".to_owned())
    } else {
        let holding = settlement_store::holding(&mut **tx, order_id)
            .await?
            .ok_or_else(|| {
                ApiError::conflict("no_payment", "no payment took money for this order".into())
            })?;
        settlement::give_back(
            tx,
            &holding,
            charged.refunded,
            plan.amount,
            plan.settles_order,
            state.clock.now(),
        )
        .await?
    };
    let units: u32 = plan.lines.iter().map(|(_, qty, _)| qty).sum();
    orders::record(
        tx,
        &orders::NewEvent {
            order_id,
            at: now_text,
            actor,
            kind: "refunded",
            from: None,
            to: None,
            note: Some(&format!(
                "{} for {units} unit(s), {how}: {}",
                fourflow_core::Money::format(&plan.amount, fourflow_core::Locale::ZhTw),
                reason.trim()
            )),
        },
    )
    .await?;
    Ok(operation)
}

/// Units of an order that never left the warehouse go back: held ones are released, sold
/// ones return to what is on hand.
pub(crate) async fn shelve(
    tx: &mut Transaction<'_, Any>,
    stock: Option<WarehouseStock>,
    sku: &str,
    qty: i64,
) -> ApiResult<()> {
    match stock {
        Some(WarehouseStock::Held) => orders::release(tx, sku, qty).await?,
        Some(WarehouseStock::Sold) => refunds::restock(tx, sku, qty).await?,
        None => {}
    }
    Ok(())
}

/// The order's id, status and whether it is paid at the door, read in the transaction that
/// will change it.
pub(crate) async fn order_in(
    tx: &mut Transaction<'_, Any>,
    number: &str,
) -> ApiResult<(i64, OrderStatus, bool)> {
    let (id, status, method) = orders::status_for_update(tx, number)
        .await?
        .ok_or(ApiError::not_found("order"))?;
    let status = OrderStatus::parse(&status)
        .ok_or_else(|| anyhow::anyhow!("order {number} has an unknown status {status}"))?;
    Ok((id, status, method == PaymentMethod::CashOnDelivery.as_str()))
}

pub(crate) fn charged_lines(charged: &Refundable) -> ApiResult<Vec<ChargedLine>> {
    charged
        .lines
        .iter()
        .map(|l| {
            Ok(ChargedLine {
                qty: count(l.qty)?,
                total: money(l.total, &charged.currency)?,
                refunded_qty: count(l.refunded_qty)?,
                refunded: money(l.refunded, &charged.currency)?,
            })
        })
        .collect()
}

pub(crate) fn money(amount: i64, currency: &str) -> ApiResult<Money> {
    let currency = Currency::parse(currency)
        .ok_or_else(|| anyhow::anyhow!("unknown stored currency {currency}"))?;
    Ok(Money { amount, currency })
}

fn count(n: i64) -> ApiResult<u32> {
    u32::try_from(n).map_err(|_| anyhow::anyhow!("stored quantity {n} out of range").into())
}

pub(crate) async fn record_status(
    tx: &mut Transaction<'_, Any>,
    order_id: i64,
    actor: &Actor,
    from: OrderStatus,
    to: OrderStatus,
    note: &str,
    now_text: &str,
) -> ApiResult<()> {
    orders::record(
        tx,
        &orders::NewEvent {
            order_id,
            at: now_text,
            actor,
            kind: "status_changed",
            from: Some(from),
            to: Some(to),
            note: Some(note.trim()),
        },
    )
    .await?;
    Ok(())
}

/// Order `number` moved on between being read and being changed (another staff member,
/// the carrier, a job).
pub(super) fn changed_meanwhile(number: &str) -> ApiError {
    ApiError::conflict(
        "order_changed",
        format!("{number} changed while this was being done; reload it and try again"),
    )
}
