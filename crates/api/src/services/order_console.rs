//! The orders console: operators find orders, see one whole (timeline, payment and what the
//! payment provider holds for it, parcel, refunds) with the actions the core rules allow now,
//! and act on it — pack, hand over, cancel, refund — each written as an order event with the
//! operator as its actor.

use fourflow_core::admin::orders::{
    self as console, ConsoleOrder, LineRefunds, OrderList, OrderSearch, OrderSummary, StatusCount,
};
use fourflow_core::checkout::{Contact, PaymentMethod};
use fourflow_core::delivery::ParcelStatus;
use fourflow_core::order::{Actor, OrderStatus};
use fourflow_core::refund;

use super::refunds::money;
use crate::clock::rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::startup::AppState;
use crate::store::fulfilment as shipments;
use crate::store::order_search::{self, Filter};
use crate::store::{orders, refunds, settlement};
use crate::store::{parsed, parsed_word};

/// One page of the orders matching `search`, newest first, with counts by status.
pub async fn search(
    state: &AppState,
    search: &OrderSearch,
    page: u32,
    per_page: u32,
) -> ApiResult<OrderList> {
    let (from, until) = search.placed_between();
    let filter = Filter {
        status: search.status.map(OrderStatus::as_str),
        text: search.q.as_ref().map(|q| q.to_lowercase()),
        payment_method: search.payment_method.map(PaymentMethod::as_str),
        shipping_method: search.shipping_method.map(|m| m.as_str()),
        from: from.map(rfc3339),
        until: until.map(rfc3339),
    };
    let offset = i64::from(page - 1) * i64::from(per_page);
    let pool = state.db.pool();
    let (rows, total) = order_search::page(pool, &filter, i64::from(per_page), offset).await?;
    let items = rows
        .into_iter()
        .map(|row| {
            let contact: Contact = parsed(&row.contact, &row.number, "contact")?;
            Ok(OrderSummary {
                status: OrderStatus::parse(&row.status).ok_or_else(|| {
                    anyhow::anyhow!("order {}: status {}", row.number, row.status)
                })?,
                payment_method: parsed_word(&row.payment_method, &row.number)?,
                shipping_method: parsed_word(&row.shipping_method, &row.number)?,
                total: money(row.total, &row.currency)?,
                units: u32::try_from(row.units).unwrap_or(u32::MAX),
                name: contact.name,
                email: row.email,
                created_at: row.created_at,
                number: row.number,
            })
        })
        .collect::<ApiResult<Vec<_>>>()?;
    let mut by_status: Vec<StatusCount> = order_search::count_by_status(pool, &filter)
        .await?
        .into_iter()
        .filter_map(|(status, count)| {
            Some(StatusCount {
                status: OrderStatus::parse(&status)?,
                count: u32::try_from(count).ok()?,
            })
        })
        .collect();
    // In the order of an order's life, as the console's tabs show them.
    by_status.sort_by_key(|c| OrderStatus::ALL.iter().position(|s| *s == c.status));
    Ok(OrderList {
        items,
        total: u32::try_from(total).unwrap_or(u32::MAX),
        page,
        per_page,
        by_status,
    })
}

/// The order as the console shows it: what its shopper sees, refunds by line, and what the
/// operator may do now.
pub async fn detail(state: &AppState, number: &str) -> ApiResult<ConsoleOrder> {
    let pool = state.db.pool();
    let (row, events) = orders::by_number(pool, number)
        .await?
        .ok_or(ApiError::not_found("order"))?;
    let (order_id, customer_id) = (row.id, row.customer_id);
    let shipment = shipments::by_order(pool, order_id).await?;
    let order = super::orders::view(state, row, events).await?;
    let charged = refunds::read(pool, order_id).await?;
    let total = money(charged.total, &charged.currency)?;
    let refunded = money(charged.refunded, &charged.currency)?;
    let cod = order.payment_method == PaymentMethod::CashOnDelivery;
    let refundable = refund::refundable(order.status, cod, total, refunded);
    let parcel = shipment.as_ref().map(|s| s.parcel()).transpose()?;
    let stage = ParcelStatus::stage(order.status, parcel);
    let lines = charged
        .lines
        .iter()
        .map(|l| {
            Ok(LineRefunds {
                position: u32::try_from(l.position).unwrap_or(u32::MAX),
                refunded_qty: u32::try_from(l.refunded_qty).unwrap_or(u32::MAX),
                refunded: money(l.refunded, &charged.currency)?,
            })
        })
        .collect::<ApiResult<Vec<_>>>()?;
    // The provider's own books beside the shop's: a refusal or a lost instruction shows here.
    let provider_ledger = match settlement::holding(pool, order_id).await? {
        Some(holding) => match state.payments.status(&holding.id).await {
            Ok(ledger) => ledger,
            Err(error) => {
                tracing::warn!(payment = %holding.id, ?error, "the payment provider's status is unknown");
                None
            }
        },
        None => None,
    };
    let print = |document: &str| format!("/admin/print/{document}?orders={number}");
    Ok(ConsoleOrder {
        actions: console::actions(order.status, cod, stage, refundable),
        pick_list_url: print("pick-lists"),
        shipping_slip_url: print("shipping-slips"),
        order,
        lines,
        refunded,
        refundable,
        customer_id,
        provider_ledger,
    })
}

/// Cancels the order for the operator `staff_id`, stock and money going back.
pub async fn cancel(state: &AppState, number: &str, staff_id: i64, reason: &str) -> ApiResult<()> {
    let shown = detail(state, number).await?;
    if !shown.actions.contains(&console::OrderAction::Cancel) {
        return Err(not_allowed(&shown, "cancelled"));
    }
    if !super::orders::cancel(state, number, &Actor::Staff(staff_id), reason.trim()).await? {
        return Err(ApiError::Conflict {
            code: "order_changed",
            message: format!("order {number} changed meanwhile; reload it and try again"),
            field: None,
        });
    }
    Ok(())
}

/// Why an action the console does not offer for this order is refused.
fn not_allowed(shown: &ConsoleOrder, what: &str) -> ApiError {
    ApiError::Conflict {
        code: "invalid_transition",
        message: format!(
            "order {} is {} and cannot be {what} now",
            shown.order.number,
            shown.order.status.as_str()
        ),
        field: None,
    }
}
