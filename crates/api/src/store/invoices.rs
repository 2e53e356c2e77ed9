//! The shop's record of its orders' e-invoices: the choice each order was placed with
//! (`orders.invoice`, and the one a signed-in shopper chose last), and what the issuer gave.
//! Changes are conditional on what was read, so two runners never count one void or
//! allowance twice.

use sqlx::{Any, AnyPool, FromRow, Transaction};

#[derive(Debug, Clone, FromRow)]
pub struct InvoiceRow {
    pub number: String,
    /// `2026-6`.
    pub period: String,
    pub amount: i64,
    pub currency: String,
    pub voided_at: Option<String>,
    pub allowance: i64,
}

pub async fn of_order<'c, E>(db: E, order_id: i64) -> sqlx::Result<Option<InvoiceRow>>
where
    E: sqlx::Executor<'c, Database = Any>,
{
    sqlx::query_as(
        "SELECT number, period, amount, currency, voided_at, allowance FROM invoices \
         WHERE order_id = $1",
    )
    .bind(order_id)
    .fetch_optional(db)
    .await
}

/// The choice the order was placed with (JSON of `fourflow_core::invoice::InvoiceChoice`).
pub async fn choice_of(pool: &AnyPool, order_id: i64) -> sqlx::Result<String> {
    sqlx::query_scalar("SELECT invoice FROM orders WHERE id = $1")
        .bind(order_id)
        .fetch_one(pool)
        .await
}

pub struct NewInvoice<'a> {
    pub order_id: i64,
    pub number: &'a str,
    pub period: &'a str,
    pub amount: i64,
    pub currency: &'a str,
    pub issued_at: &'a str,
}

/// Records the issued invoice; false if another runner recorded it first.
pub async fn insert(tx: &mut Transaction<'_, Any>, i: &NewInvoice<'_>) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO invoices (order_id, number, period, amount, currency, issued_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (order_id) DO NOTHING",
    )
    .bind(i.order_id)
    .bind(i.number)
    .bind(i.period)
    .bind(i.amount)
    .bind(i.currency)
    .bind(i.issued_at)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn void(tx: &mut Transaction<'_, Any>, order_id: i64, at: &str) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE invoices SET voided_at = $1 WHERE order_id = $2 AND voided_at IS NULL \
         AND allowance = 0",
    )
    .bind(at)
    .bind(order_id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Moves the allowance from `from` to `to`, if it is still `from`.
pub async fn allow(
    tx: &mut Transaction<'_, Any>,
    order_id: i64,
    from: i64,
    to: i64,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE invoices SET allowance = $1 WHERE order_id = $2 AND allowance = $3 \
         AND voided_at IS NULL",
    )
    .bind(to)
    .bind(order_id)
    .bind(from)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Keeps the choice a signed-in shopper made, for their next checkout.
pub async fn remember(
    tx: &mut Transaction<'_, Any>,
    customer_id: i64,
    choice: &str,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE customers SET invoice = $1 WHERE id = $2")
        .bind(choice)
        .bind(customer_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
