//! What was given back of an order, line by line, and stock going back on the shelf. Every
//! change is conditional on the amounts read before it (`WHERE refunded = …`), so two refunds
//! of the same order at once cannot both count: the second finds the row changed and fails.

use sqlx::{Any, AnyConnection, AnyPool, FromRow, Transaction};

#[derive(Debug, Clone, FromRow)]
pub struct LineRow {
    pub position: i64,
    pub sku: String,
    pub qty: i64,
    pub total: i64,
    pub refunded_qty: i64,
    pub refunded: i64,
}

/// The order's total, what was refunded of it and its currency, and its lines.
pub struct Refundable {
    pub total: i64,
    pub refunded: i64,
    pub currency: String,
    pub lines: Vec<LineRow>,
}

/// [`Refundable`] inside a transaction that will change it.
pub async fn of_order(tx: &mut Transaction<'_, Any>, order_id: i64) -> sqlx::Result<Refundable> {
    load(tx, order_id).await
}

/// [`Refundable`] as it stands, for reading.
pub async fn read(pool: &AnyPool, order_id: i64) -> sqlx::Result<Refundable> {
    load(&mut *pool.acquire().await?, order_id).await
}

async fn load(conn: &mut AnyConnection, order_id: i64) -> sqlx::Result<Refundable> {
    let (total, refunded, currency): (i64, i64, String) =
        sqlx::query_as("SELECT total, refunded, currency FROM orders WHERE id = $1")
            .bind(order_id)
            .fetch_one(&mut *conn)
            .await?;
    let lines = sqlx::query_as(
        "SELECT position, sku, qty, total, refunded_qty, refunded FROM order_lines \
         WHERE order_id = $1 ORDER BY position",
    )
    .bind(order_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(Refundable {
        total,
        refunded,
        currency,
        lines,
    })
}

/// Counts `amount` more as refunded of the order if it still shows `before`; false otherwise.
pub async fn add_to_order(
    tx: &mut Transaction<'_, Any>,
    order_id: i64,
    before: i64,
    amount: i64,
    now: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE orders SET refunded = refunded + $1, updated_at = $2 \
         WHERE id = $3 AND refunded = $4",
    )
    .bind(amount)
    .bind(now)
    .bind(order_id)
    .bind(before)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Counts `qty` units and `amount` more as refunded of one line if it still shows
/// `before_qty`; false otherwise.
pub async fn add_to_line(
    tx: &mut Transaction<'_, Any>,
    order_id: i64,
    position: i64,
    before_qty: i64,
    qty: i64,
    amount: i64,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE order_lines SET refunded_qty = refunded_qty + $1, refunded = refunded + $2 \
         WHERE order_id = $3 AND position = $4 AND refunded_qty = $5",
    )
    .bind(qty)
    .bind(amount)
    .bind(order_id)
    .bind(position)
    .bind(before_qty)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Sold units back on the shelf (a paid order cancelled or refunded before it shipped).
pub async fn restock(tx: &mut Transaction<'_, Any>, sku: &str, qty: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE variants SET on_hand = on_hand + $1 WHERE sku = $2")
        .bind(qty)
        .bind(sku)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
