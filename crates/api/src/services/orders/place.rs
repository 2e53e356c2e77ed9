//! Placing an order in one transaction: the idempotency key is checked, the cart is priced by
//! the core engine from the server's own data, every SKU's units are held by a conditional
//! update (no interleaving can oversell), the coupon use is counted, the order, its lines, its
//! first event and its outbox rows are written, and the answer is stored with the key. Any
//! failure rolls all of it back.

use std::collections::HashMap;

use fourflow_core::cart::CartLine;
use fourflow_core::checkout::{PaymentMethod, PlaceOrder};
use fourflow_core::invoice::InvoiceView;
use fourflow_core::order::{hold_seconds, Actor, OrderStatus, OrderView};
use fourflow_core::payment::check_method;
use fourflow_core::pricing::{Coupon, Pricing, QuoteError, QuoteErrorCode};

use super::to_json;
use crate::clock::rfc3339;
use crate::error::ApiResult;
use crate::jobs::{self, Job};
use crate::secrets;
use crate::startup::AppState;
use crate::store::{self, orders};

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
    let request_hash = secrets::sha256_hex(body);
    let now = state.clock.now();
    let now_text = rfc3339(now);
    let snapshot = state.catalog.snapshot();

    let mut tx = state.db.begin_write().await?;
    if let Some((status, body)) =
        crate::services::idempotency::replay(&mut tx, SCOPE, key, &request_hash, "order").await?
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
        Some(code) if !code.is_empty() => {
            Some(crate::services::cart::coupon(&mut *tx, &code).await?)
        }
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
    let invoice = order.invoice.normalized();
    let invoice_json = to_json(&invoice);
    let status = OrderStatus::PendingPayment;
    let hold_until = hold_seconds(order.payment_method).map(|s| now + s);
    let id = orders::insert(
        &mut tx,
        &orders::NewOrder {
            number: &number,
            access_hash: &secrets::sha256_hex(token.as_bytes()),
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
            locale: crate::language::customer(),
            invoice: invoice_json.clone(),
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
        crate::services::fulfilment::enqueue_open(&mut tx, &number, now).await?;
    }
    // The access link goes with it: a guest on another device opens the order by it.
    let email = Job::OrderPlacedEmail {
        order: number.clone(),
        to: order.contact.email.trim().to_owned(),
        token: token.clone(),
    };
    jobs::enqueue(&mut tx, &email, now).await?;
    if let Some(customer) = customer_id {
        // Offered again at the shopper's next checkout.
        store::invoices::remember(&mut tx, customer, &invoice_json).await?;
    }

    let view = OrderView {
        number: number.clone(),
        status: status_now,
        payment_method: order.payment_method,
        shipping_method: order.shipping_method,
        contact: order.contact.clone(),
        delivery: order.delivery.clone(),
        quote,
        hold_until: hold_until.filter(|_| status_now.holds_stock()).map(rfc3339),
        created_at: now_text.clone(),
        events: Vec::new(),
        access_token: Some(token),
        payment: None,
        shipment: None,
        estimated_delivery: Some(fourflow_core::delivery::estimate(
            order.shipping_method,
            now,
        )),
        invoice: Some(InvoiceView::chosen(invoice)),
    };
    let (status, body) = crate::services::idempotency::commit_with_answer(
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
    secrets::random_hex::<32>()
}
