//! Orders: stock held and given back, the order and its lines, its history, reading it back.

use fourflow_core::checkout::PaymentMethod;
use fourflow_core::order::{Actor, OrderStatus};
use fourflow_core::Locale;
use sqlx::{Any, AnyPool, FromRow, Transaction};

/// Holds `qty` more units of `sku` if that many can still be bought: one conditional
/// statement, so that no interleaving can sell what is not there (the CHECK constraint on
/// `reserved <= on_hand` backs it). False when there is not enough.
pub async fn reserve(tx: &mut Transaction<'_, Any>, sku: &str, qty: i64) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE variants SET reserved = reserved + $1 WHERE sku = $2 AND on_hand - reserved >= $1",
    )
    .bind(qty)
    .bind(sku)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Gives held units back (payment failed, order cancelled, hold expired).
pub async fn release(tx: &mut Transaction<'_, Any>, sku: &str, qty: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE variants SET reserved = reserved - $1 WHERE sku = $2 AND reserved >= $1")
        .bind(qty)
        .bind(sku)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Counts one use of a coupon if it has uses left; false when it has none.
pub async fn use_coupon(tx: &mut Transaction<'_, Any>, code: &str) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE coupons SET times_used = times_used + 1 \
         WHERE code = $1 AND (usage_limit IS NULL OR times_used < usage_limit)",
    )
    .bind(code)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// An order as written; money in minor units of `currency`.
pub struct NewOrder<'a> {
    pub number: &'a str,
    pub access_hash: &'a str,
    pub email: &'a str,
    pub status: OrderStatus,
    pub payment_method: &'a str,
    pub shipping_method: &'a str,
    pub coupon: Option<&'a str>,
    pub currency: &'a str,
    pub subtotal: i64,
    pub discount_total: i64,
    pub shipping_fee: i64,
    pub total: i64,
    pub vat_included: i64,
    pub contact: String,
    pub delivery: String,
    pub quote: String,
    pub hold_until: Option<i64>,
    pub now: &'a str,
    /// The signed-in shopper who placed it; `None` for a guest.
    pub customer_id: Option<i64>,
    /// The language it was placed in: its emails speak it.
    pub locale: Locale,
    /// How the e-invoice is taken (JSON of `fourflow_core::invoice::InvoiceChoice`).
    pub invoice: String,
}

pub struct NewLine<'a> {
    pub sku: &'a str,
    pub qty: i64,
    pub unit_price: i64,
    pub discount: i64,
    pub total: i64,
}

pub async fn insert(
    tx: &mut Transaction<'_, Any>,
    o: &NewOrder<'_>,
    lines: &[NewLine<'_>],
) -> sqlx::Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO orders (number, access_hash, email, status, payment_method, shipping_method, \
         coupon, currency, subtotal, discount_total, shipping_fee, total, vat_included, contact, \
         delivery, quote, hold_until, created_at, updated_at, customer_id, locale, invoice) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18, $19, $20, $21) \
         RETURNING id",
    )
    .bind(o.number)
    .bind(o.access_hash)
    .bind(o.email)
    .bind(o.status.as_str())
    .bind(o.payment_method)
    .bind(o.shipping_method)
    .bind(o.coupon)
    .bind(o.currency)
    .bind(o.subtotal)
    .bind(o.discount_total)
    .bind(o.shipping_fee)
    .bind(o.total)
    .bind(o.vat_included)
    .bind(&o.contact)
    .bind(&o.delivery)
    .bind(&o.quote)
    .bind(o.hold_until)
    .bind(o.now)
    .bind(o.customer_id)
    .bind(o.locale.tag())
    .bind(&o.invoice)
    .fetch_one(&mut **tx)
    .await?;
    for (position, line) in lines.iter().enumerate() {
        sqlx::query(
            "INSERT INTO order_lines (order_id, position, sku, qty, unit_price, discount, total) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(position as i64)
        .bind(line.sku)
        .bind(line.qty)
        .bind(line.unit_price)
        .bind(line.discount)
        .bind(line.total)
        .execute(&mut **tx)
        .await?;
    }
    Ok(id)
}

pub struct NewEvent<'a> {
    pub order_id: i64,
    pub at: &'a str,
    pub actor: &'a Actor,
    pub kind: &'a str,
    pub from: Option<OrderStatus>,
    pub to: Option<OrderStatus>,
    pub note: Option<&'a str>,
}

pub async fn record(tx: &mut Transaction<'_, Any>, e: &NewEvent<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO order_events (order_id, at, actor, kind, from_status, to_status, note) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(e.order_id)
    .bind(e.at)
    .bind(serde_json::to_string(e.actor).expect("an actor serialises"))
    .bind(e.kind)
    .bind(e.from.map(OrderStatus::as_str))
    .bind(e.to.map(OrderStatus::as_str))
    .bind(e.note)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, FromRow)]
pub struct OrderRow {
    pub id: i64,
    pub number: String,
    pub access_hash: String,
    pub status: String,
    pub payment_method: String,
    pub shipping_method: String,
    pub contact: String,
    pub delivery: String,
    pub quote: String,
    pub hold_until: Option<i64>,
    pub created_at: String,
    /// The account that owns it; `None` for a guest's order.
    pub customer_id: Option<i64>,
}

#[derive(Debug, Clone, FromRow)]
pub struct EventRow {
    pub at: String,
    pub actor: String,
    pub kind: String,
    pub to_status: Option<String>,
    pub note: Option<String>,
}

const ORDER_COLUMNS: &str = "id, number, access_hash, status, payment_method, shipping_method, \
     contact, delivery, quote, hold_until, created_at, customer_id";

pub async fn by_number(
    pool: &AnyPool,
    number: &str,
) -> sqlx::Result<Option<(OrderRow, Vec<EventRow>)>> {
    let order: Option<OrderRow> = sqlx::query_as(&format!(
        "SELECT {ORDER_COLUMNS} FROM orders WHERE number = $1"
    ))
    .bind(number)
    .fetch_optional(pool)
    .await?;
    let Some(order) = order else { return Ok(None) };
    let events = sqlx::query_as(
        "SELECT at, actor, kind, to_status, note FROM order_events WHERE order_id = $1 ORDER BY id",
    )
    .bind(order.id)
    .fetch_all(pool)
    .await?;
    Ok(Some((order, events)))
}

/// Orders whose hold ran out by `now`, oldest first.
pub async fn expired_holds(pool: &AnyPool, now: i64, limit: i64) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar(
        "SELECT number FROM orders WHERE hold_until IS NOT NULL AND hold_until <= $1 \
         ORDER BY hold_until LIMIT $2",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// When the order's hold of its stock ends (unix seconds); `None` when it holds none.
pub async fn hold_until(tx: &mut Transaction<'_, Any>, order_id: i64) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT hold_until FROM orders WHERE id = $1")
        .bind(order_id)
        .fetch_one(&mut **tx)
        .await
}

pub async fn set_hold_until(
    tx: &mut Transaction<'_, Any>,
    order_id: i64,
    until: i64,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE orders SET hold_until = $1 WHERE id = $2")
        .bind(until)
        .bind(order_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The way the order is paid, changed while it waits for its money.
pub async fn set_payment_method(
    tx: &mut Transaction<'_, Any>,
    order_id: i64,
    method: PaymentMethod,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE orders SET payment_method = $1 WHERE id = $2")
        .bind(method.as_str())
        .bind(order_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Moves the order from `from` to `to` if it is still in `from` (another request may have
/// moved it meanwhile); clears the hold when the order no longer holds stock.
pub async fn set_status(
    tx: &mut Transaction<'_, Any>,
    order_id: i64,
    from: OrderStatus,
    to: OrderStatus,
    now: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE orders SET status = $1, updated_at = $2, \
         hold_until = CASE WHEN $3 = 1 THEN hold_until ELSE NULL END \
         WHERE id = $4 AND status = $5",
    )
    .bind(to.as_str())
    .bind(now)
    .bind(i64::from(to.holds_stock()))
    .bind(order_id)
    .bind(from.as_str())
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The order's id and status, read inside a transaction that will change it.
pub async fn status_for_update(
    tx: &mut Transaction<'_, Any>,
    number: &str,
) -> sqlx::Result<Option<(i64, String, String)>> {
    sqlx::query_as("SELECT id, status, payment_method FROM orders WHERE number = $1")
        .bind(number)
        .fetch_optional(&mut **tx)
        .await
}

/// The email address an order's messages go to.
/// Whom the order's emails go to, and in which language.
pub async fn recipient(pool: &AnyPool, number: &str) -> sqlx::Result<Option<(String, Locale)>> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT email, locale FROM orders WHERE number = $1")
            .bind(number)
            .fetch_optional(pool)
            .await?;
    Ok(row.map(|(email, tag)| (email, Locale::from_tag(&tag).unwrap_or_default())))
}

/// The statuses the order moved to and when (RFC 3339), oldest first, read in the transaction
/// that will change it.
pub async fn moves(
    tx: &mut Transaction<'_, Any>,
    order_id: i64,
) -> sqlx::Result<Vec<(String, String)>> {
    sqlx::query_as(
        "SELECT to_status, at FROM order_events \
         WHERE order_id = $1 AND to_status IS NOT NULL ORDER BY id",
    )
    .bind(order_id)
    .fetch_all(&mut **tx)
    .await
}
