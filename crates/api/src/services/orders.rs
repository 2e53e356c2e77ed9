//! Placing an order, reading it, and giving back stock that was held too long.
//!
//! Placing is one transaction: the idempotency key is checked, the cart is priced by the core
//! engine from the server's own data, every SKU's units are held by a conditional update (no
//! interleaving can oversell), the coupon use is counted, the order, its lines, its first
//! event and its outbox rows are written, and the answer is stored with the key. Any failure
//! rolls all of it back.

use std::collections::HashMap;

use fourflow_core::cart::CartLine;
use fourflow_core::checkout::{PaymentMethod, PlaceOrder};
use fourflow_core::order::{hold_seconds, Actor, OrderEventView, OrderStatus, OrderView};
use fourflow_core::payment::check_method;
use fourflow_core::pricing::{Coupon, Pricing, QuoteError, QuoteErrorCode};
use sha2::{Digest, Sha256};
use time::format_description::well_known::Rfc3339;

use crate::error::{ApiError, ApiResult};
use crate::startup::AppState;
use crate::store::{self, now_text, orders, outbox};

const SCOPE: &str = "orders";

/// The answer to `POST /api/v1/orders`: a status and its JSON body.
pub struct Placed {
    pub status: u16,
    pub body: String,
}

/// Places `order`, or replays the first answer given to `key`.
pub async fn place(
    state: &AppState,
    key: &str,
    body: &[u8],
    order: &PlaceOrder,
    customer_id: Option<i64>,
) -> ApiResult<Placed> {
    order.check()?;
    crate::fulfilment::stores::check_delivery(&order.delivery)?;
    let request_hash = hex(&Sha256::digest(body));
    let now = state.clock.now();
    let now_text = now_text_at(now);
    let snapshot = state.catalog.snapshot();

    let mut tx = state.db.begin_write().await?;
    if let Some((status, body)) =
        super::idempotency::replay(&mut tx, SCOPE, key, &request_hash, "order").await?
    {
        return Ok(Placed { status, body });
    }

    // Price from the server's data: stock as it is inside this transaction.
    let skus: Vec<&str> = order.lines.iter().map(|l| l.sku.as_str()).collect();
    let stock: HashMap<String, i64> = store::catalog::load_skus_stock(&mut *tx, &skus)
        .await?
        .into_iter()
        .collect();
    let priced: Vec<_> = skus
        .iter()
        .filter_map(|sku| {
            let available = stock
                .get(*sku)
                .map(|n| u32::try_from((*n).max(0)).unwrap_or(u32::MAX));
            snapshot.priced_sku(sku, available)
        })
        .collect();
    let coupon = match order.coupon.as_deref().map(Coupon::normalize_code) {
        Some(code) if !code.is_empty() => Some(super::cart::coupon(&mut *tx, &code).await?),
        _ => None,
    };
    if order.lines.is_empty() {
        return Err(
            fourflow_core::FieldError::new("lines", "an order needs at least one line").into(),
        );
    }
    let quote = Pricing {
        skus: &priced,
        promotions: &snapshot.pricing.promotions,
        rates: &snapshot.pricing.shipping_rates,
        now,
        enforce_stock: true,
    }
    .quote(&order.lines, coupon.as_ref(), order.shipping_method)?;
    check_method(order.payment_method, quote.total)?;
    let quote = quote.paid_by(order.payment_method);

    // Hold the stock: a conditional decrement per SKU (the engine allows one line per SKU, so
    // a line is the SKU's whole demand). SKUs are locked in one order, by code, whatever the
    // cart's: two checkouts of [A, B] and [B, A] would otherwise wait on each other.
    let mut by_sku: Vec<(usize, &CartLine)> = order.lines.iter().enumerate().collect();
    by_sku.sort_by(|a, b| a.1.sku.cmp(&b.1.sku));
    for (i, line) in by_sku {
        if !orders::reserve(&mut tx, line.sku.as_str(), i64::from(line.qty)).await? {
            return Err(QuoteError::new(
                QuoteErrorCode::OutOfStock,
                format!("lines[{i}].qty"),
                format!("{} sold out while you were checking out", line.sku),
            )
            .into());
        }
    }
    if let Some(coupon) = &coupon {
        if !orders::use_coupon(&mut tx, &coupon.code).await? {
            return Err(QuoteError::new(
                QuoteErrorCode::CouponUsedUp,
                "coupon",
                format!("{} has been used up", coupon.code),
            )
            .into());
        }
    }

    let number = order_number(now);
    let token = secret();
    let status = OrderStatus::PendingPayment;
    let hold_until = hold_seconds(order.payment_method).map(|s| now + s);
    let id = orders::insert(
        &mut tx,
        &orders::NewOrder {
            number: &number,
            access_hash: &hex(&Sha256::digest(token.as_bytes())),
            email: order.contact.email.trim(),
            status,
            payment_method: order.payment_method.as_str(),
            shipping_method: order.shipping_method.as_str(),
            coupon: coupon.as_ref().map(|c| c.code.as_str()),
            currency: quote.total.currency.code(),
            subtotal: quote.subtotal.amount,
            discount_total: quote.discount_total.amount,
            shipping_fee: quote.shipping.fee.amount,
            total: quote.total.amount,
            vat_included: quote.vat_included.amount,
            contact: to_json(&order.contact),
            delivery: to_json(&order.delivery),
            quote: to_json(&quote),
            hold_until,
            now: &now_text,
            customer_id,
        },
        &quote
            .lines
            .iter()
            .map(|l| orders::NewLine {
                sku: l.sku.as_str(),
                qty: i64::from(l.qty),
                unit_price: l.unit_price.amount,
                discount: l.discount.amount,
                total: l.total.amount,
            })
            .collect::<Vec<_>>(),
    )
    .await?;
    let mut status_now = status;
    orders::record(
        &mut tx,
        &orders::NewEvent {
            order_id: id,
            at: &now_text,
            actor: &Actor::Shopper,
            kind: "placed",
            from: None,
            to: Some(status),
            note: None,
        },
    )
    .await?;
    if order.payment_method == PaymentMethod::CashOnDelivery {
        // Paid at the door: straight to the warehouse.
        let next = status
            .transition(OrderStatus::Processing, true)
            .expect("cash on delivery is processed at once");
        orders::set_status(&mut tx, id, status, next, &now_text).await?;
        orders::record(
            &mut tx,
            &orders::NewEvent {
                order_id: id,
                at: &now_text,
                actor: &Actor::System,
                kind: "status_changed",
                from: Some(status),
                to: Some(next),
                note: Some("cash on delivery"),
            },
        )
        .await?;
        status_now = next;
        super::fulfilment::enqueue_open(&mut tx, &number, now).await?;
    }
    outbox::enqueue(
        &mut tx,
        "email.order_placed",
        // The access link goes with it: a guest on another device opens the order by it.
        &serde_json::json!({ "order": number, "to": order.contact.email.trim(), "token": token }),
        now,
    )
    .await?;

    let view = OrderView {
        number: number.clone(),
        status: status_now,
        payment_method: order.payment_method,
        shipping_method: order.shipping_method,
        contact: order.contact.clone(),
        delivery: order.delivery.clone(),
        quote,
        hold_until: hold_until
            .filter(|_| status_now.holds_stock())
            .map(now_text_at),
        created_at: now_text.clone(),
        events: Vec::new(),
        access_token: Some(token),
        payment: None,
        shipment: None,
        estimated_delivery: Some(fourflow_core::delivery::estimate(
            order.shipping_method,
            now,
        )),
    };
    let (status, body) = super::idempotency::commit_with_answer(
        &state.db,
        tx,
        SCOPE,
        key,
        request_hash,
        to_json(&view),
        &now_text,
    )
    .await?;
    Ok(Placed { status, body })
}

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
        let hash = hex(&Sha256::digest(token.as_bytes()));
        constant_time_eq(hash.as_bytes(), order.access_hash.as_bytes())
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
        hold_until: order.hold_until.map(now_text_at),
        created_at: order.created_at,
        events,
        number: order.number,
        access_token: None,
        payment,
        shipment,
        estimated_delivery,
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
    let hash = hex(&Sha256::digest(token.as_bytes()));
    if !constant_time_eq(hash.as_bytes(), order.access_hash.as_bytes()) {
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

    let now_text = now_text_at(state.clock.now());
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

/// `FF` + date + 6 characters: readable over the phone, not guessable in sequence (and not
/// the secret: the access token is).
fn order_number(now: i64) -> String {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    let date = time::OffsetDateTime::from_unix_timestamp(now)
        .map(|t| format!("{:04}{:02}{:02}", t.year(), u8::from(t.month()), t.day()))
        .unwrap_or_default();
    let suffix: String = (0..6)
        .map(|_| ALPHABET[rand::random_range(0..ALPHABET.len())] as char)
        .collect();
    format!("FF{date}-{suffix}")
}

/// 256 random bits, URL-safe.
fn secret() -> String {
    hex(&rand::random::<[u8; 32]>())
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("order data always serialises")
}

pub(crate) fn now_text_at(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_else(now_text)
}
