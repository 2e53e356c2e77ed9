//! The sandbox invoice issuer's own books (`sandbox_invoices`, `sandbox_invoice_tracks`): the
//! invoices it issued and the next number of each period. Only `invoices::sandbox` uses this.

use sqlx::{Any, FromRow, Transaction};

#[derive(Debug, Clone, FromRow)]
pub struct Entry {
    pub number: String,
    pub order_number: String,
    pub period: String,
    pub amount: i64,
    pub voided_at: Option<i64>,
    pub allowance: i64,
}

const COLUMNS: &str = "number, order_number, period, amount, voided_at, allowance";

pub async fn by_order(
    tx: &mut Transaction<'_, Any>,
    order_number: &str,
) -> sqlx::Result<Option<Entry>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM sandbox_invoices WHERE order_number = $1"
    ))
    .bind(order_number)
    .fetch_optional(&mut **tx)
    .await
}

pub async fn by_number(tx: &mut Transaction<'_, Any>, number: &str) -> sqlx::Result<Option<Entry>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM sandbox_invoices WHERE number = $1"
    ))
    .bind(number)
    .fetch_optional(&mut **tx)
    .await
}

/// The next number of `period`'s track, opening the track at `track` and 1 if it is new.
pub async fn take_number(
    tx: &mut Transaction<'_, Any>,
    period: &str,
    track: &str,
) -> sqlx::Result<(String, i64)> {
    sqlx::query(
        "INSERT INTO sandbox_invoice_tracks (period, track, next) VALUES ($1, $2, 1) \
         ON CONFLICT (period) DO NOTHING",
    )
    .bind(period)
    .bind(track)
    .execute(&mut **tx)
    .await?;
    sqlx::query_as(
        "UPDATE sandbox_invoice_tracks SET next = next + 1 WHERE period = $1 \
         RETURNING track, next - 1",
    )
    .bind(period)
    .fetch_one(&mut **tx)
    .await
}

pub async fn insert(
    tx: &mut Transaction<'_, Any>,
    entry: &Entry,
    issued_at: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO sandbox_invoices (number, order_number, period, amount, issued_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&entry.number)
    .bind(&entry.order_number)
    .bind(&entry.period)
    .bind(entry.amount)
    .bind(issued_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn void(tx: &mut Transaction<'_, Any>, number: &str, at: i64) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE sandbox_invoices SET voided_at = $1 WHERE number = $2 AND voided_at IS NULL",
    )
    .bind(at)
    .bind(number)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn set_allowance(
    tx: &mut Transaction<'_, Any>,
    number: &str,
    total: i64,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE sandbox_invoices SET allowance = $1 WHERE number = $2")
        .bind(total)
        .bind(number)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
