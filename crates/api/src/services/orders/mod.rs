//! An order's life after it is placed (`place`): reading it, and giving back stock that was
//! held too long or is cancelled; and the helpers every order service shares.

mod place;

pub use place::{place, Placed};

use fourflow_core::order::{Actor, OrderEventView, OrderStatus, OrderView};

use crate::clock::rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::secrets;
use crate::startup::AppState;
use crate::store::{self, orders};

/// The order with this number, for its owner or whoever holds its access token. Any mismatch
/// is a 404: someone else's order number reveals nothing, not even that it exists.
///
/// `viewer` is the signed-in customer, if any. An order that belongs to an account is never
/// shown to another signed-in customer, token or not (the IDOR rule: one account, its own
/// orders); its token still opens it in a signed-out browser, where the emailed guest link
/// lands. A guest's order is shown to whoever holds its token.
pub async fn get(
    state: &AppState,
    number: &str,
    token: Option<&str>,
    viewer: Option<i64>,
) -> ApiResult<OrderView> {
    let (order, events) = visible(state, number, token, viewer).await?;
    view(state, order, events).await
}

/// The order and its history, if `get` would show it to this token and viewer; otherwise
/// the same 404. Whatever a shopper does to their order starts here.
pub(crate) async fn visible(
    state: &AppState,
    number: &str,
    token: Option<&str>,
    viewer: Option<i64>,
) -> ApiResult<(orders::OrderRow, Vec<orders::EventRow>)> {
    let not_found = || ApiError::not_found("order");
    let (order, events) = orders::by_number(state.db.pool(), number)
        .await?
        .ok_or_else(not_found)?;
    let token_opens = token.is_some_and(|token| {
        let hash = secrets::sha256_hex(token.as_bytes());
        secrets::same(hash.as_bytes(), order.access_hash.as_bytes())
    });
    let visible = match (order.customer_id, viewer) {
        (Some(owner), Some(viewer)) => owner == viewer,
        _ => token_opens,
    };
    if !visible {
        return Err(not_found());
    }
    Ok((order, events))
}

/// The order as its shopper sees it, whoever asks (the caller checked they may).
pub(crate) async fn view(
    state: &AppState,
    order: orders::OrderRow,
    events: Vec<orders::EventRow>,
) -> ApiResult<OrderView> {
    let number = order.number.clone();
    let corrupt = |what: &str| {
        ApiError::Internal(anyhow::anyhow!(
            "order {number}: stored {what} does not read back"
        ))
    };
    let events = events
        .into_iter()
        .map(|e| {
            Ok(OrderEventView {
                at: e.at,
                kind: e.kind,
                actor: serde_json::from_str(&e.actor).map_err(|_| corrupt("actor"))?,
                to_status: e.to_status.as_deref().and_then(OrderStatus::parse),
                note: e.note,
            })
        })
        .collect::<ApiResult<Vec<_>>>()?;
    let status = OrderStatus::parse(&order.status).ok_or_else(|| corrupt("status"))?;
    let (shipment, estimated_delivery) = super::tracking::for_order(state, &order, status).await?;
    let payment = super::payments::of_order(state, order.id)
        .await?
        .into_iter()
        .next();
    Ok(OrderView {
        status,
        payment_method: serde_json::from_value(serde_json::Value::String(order.payment_method))
            .map_err(|_| corrupt("payment method"))?,
        shipping_method: serde_json::from_value(serde_json::Value::String(order.shipping_method))
            .map_err(|_| corrupt("shipping method"))?,
        contact: serde_json::from_str(&order.contact).map_err(|_| corrupt("contact"))?,
        delivery: serde_json::from_str(&order.delivery).map_err(|_| corrupt("delivery"))?,
        quote: serde_json::from_str(&order.quote).map_err(|_| corrupt("quote"))?,
        hold_until: order.hold_until.map(rfc3339),
        created_at: order.created_at,
        events,
        number: order.number,
        access_token: None,
        payment,
        shipment,
        estimated_delivery,
        invoice: Some(super::invoices::view(state, order.id).await?),
    })
}

/// The order and its history, if `token` is its access token; otherwise a 404 (the same
/// answer as for a number that does not exist).
pub async fn authorised(
    state: &AppState,
    number: &str,
    token: &str,
) -> ApiResult<(orders::OrderRow, Vec<orders::EventRow>)> {
    let not_found = || ApiError::not_found("order");
    let (order, events) = orders::by_number(state.db.pool(), number)
        .await?
        .ok_or_else(not_found)?;
    let hash = secrets::sha256_hex(token.as_bytes());
    if !secrets::same(hash.as_bytes(), order.access_hash.as_bytes()) {
        return Err(not_found());
    }
    Ok((order, events))
}

/// Cancels orders whose payment did not arrive in time and gives their stock back; returns how
/// many. Run by the job runner; safe to run on several replicas at once (the status change is
/// conditional, so each order is released once).
pub async fn expire_holds(state: &AppState) -> ApiResult<usize> {
    let now = state.clock.now();
    let numbers = orders::expired_holds(state.db.pool(), now, 100).await?;
    let mut expired = 0;
    for number in numbers {
        if cancel(
            state,
            &number,
            &Actor::System,
            "payment not received in time",
        )
        .await?
        {
            expired += 1;
        }
    }
    Ok(expired)
}

/// Cancels an order: units still in the warehouse go back on the shelf (released if held,
/// restocked if sold); a card payment only held is voided, money taken is refunded through
/// the provider (told once this has committed). False when another request moved the order
/// first.
pub async fn cancel(state: &AppState, number: &str, actor: &Actor, note: &str) -> ApiResult<bool> {
    use super::payments::settlement;
    use super::refunds::{self, order_in};
    use fourflow_core::payment::PaymentStatus;
    use fourflow_core::refund::{self as rule, RefundRequest};

    let now_text = rfc3339(state.clock.now());
    let mut tx = state.db.begin_write().await?;
    let (id, from, cod) = order_in(&mut tx, number).await?;
    let to = from
        .transition(OrderStatus::Cancelled, cod)
        .map_err(|e| ApiError::Conflict {
            code: "invalid_transition",
            message: e.to_string(),
            field: None,
        })?;
    let charged = store::refunds::of_order(&mut tx, id).await?;
    // Only the request that moves the order gives its stock and money back.
    if !orders::set_status(&mut tx, id, from, to, &now_text).await? {
        return Ok(false);
    }
    for line in &charged.lines {
        let units = line.qty - line.refunded_qty;
        if units > 0 {
            refunds::shelve(&mut tx, from.warehouse_stock(cod), &line.sku, units).await?;
        }
    }
    refunds::record_status(&mut tx, id, actor, from, to, note, &now_text).await?;
    let total = refunds::money(charged.total, &charged.currency)?;
    let refunded = refunds::money(charged.refunded, &charged.currency)?;
    let mut operation = None;
    let holding = store::settlement::holding(&mut *tx, id).await?;
    let held = holding
        .as_ref()
        .filter(|h| h.status == PaymentStatus::Authorised.as_str());
    if let Some(holding) = held {
        // A card only held: its hold is let go, no money moved and none to give back.
        let (void, how) = settlement::give_back(
            &mut tx,
            holding,
            charged.refunded,
            total,
            true,
            state.clock.now(),
        )
        .await?;
        operation = void;
        orders::record(
            &mut tx,
            &orders::NewEvent {
                order_id: id,
                at: &now_text,
                actor,
                kind: "payment_voided",
                from: None,
                to: None,
                note: Some(&how),
            },
        )
        .await?;
    } else if rule::refundable(from, cod, total, refunded).amount > 0 {
        let whole = RefundRequest {
            lines: Vec::new(),
            reason: note.to_owned(),
        };
        let plan = rule::plan(total, refunded, &refunds::charged_lines(&charged)?, &whole)?;
        operation = refunds::give_back(
            state, &mut tx, id, &charged, &plan, cod, actor, note, &now_text,
        )
        .await?;
    }
    tx.commit().await?;
    settlement::send_all(state, operation.as_slice()).await;
    Ok(true)
}

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("order data always serialises")
}
