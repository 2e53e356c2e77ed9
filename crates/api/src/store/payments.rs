//! Payments, the provider events already applied, and stock sold at payment.

use sqlx::{Any, AnyPool, FromRow, Transaction};

pub struct NewPayment<'a> {
    pub id: &'a str,
    pub order_id: i64,
    pub provider: &'a str,
    pub method: &'a str,
    pub status: &'a str,
    pub amount: i64,
    pub currency: &'a str,
    pub instalments: i64,
    pub card_last4: Option<&'a str>,
    pub next_action: Option<String>,
    pub failure: Option<&'a str>,
    pub return_path: &'a str,
    pub now: &'a str,
}

pub async fn insert(tx: &mut Transaction<'_, Any>, p: &NewPayment<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO payments (id, order_id, provider, method, status, amount, currency, \
         instalments, card_last4, next_action, failure, return_path, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)",
    )
    .bind(p.id)
    .bind(p.order_id)
    .bind(p.provider)
    .bind(p.method)
    .bind(p.status)
    .bind(p.amount)
    .bind(p.currency)
    .bind(p.instalments)
    .bind(p.card_last4)
    .bind(p.next_action.as_deref())
    .bind(p.failure)
    .bind(p.return_path)
    .bind(p.now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, FromRow)]
pub struct PaymentRow {
    pub id: String,
    pub order_id: i64,
    pub order_number: String,
    pub method: String,
    pub status: String,
    pub amount: i64,
    pub currency: String,
    pub instalments: i64,
    pub card_last4: Option<String>,
    pub next_action: Option<String>,
    pub failure: Option<String>,
    pub return_path: String,
}

const COLUMNS: &str = "p.id, p.order_id, o.number AS order_number, p.method, p.status, p.amount, \
     p.currency, p.instalments, p.card_last4, p.next_action, p.failure, p.return_path";

pub async fn by_id<'c, E>(db: E, id: &str) -> sqlx::Result<Option<PaymentRow>>
where
    E: sqlx::Executor<'c, Database = Any>,
{
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM payments p JOIN orders o ON o.id = p.order_id WHERE p.id = $1"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

/// The order's payments, newest first.
pub async fn for_order(pool: &AnyPool, order_id: i64) -> sqlx::Result<Vec<PaymentRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM payments p JOIN orders o ON o.id = p.order_id \
         WHERE p.order_id = $1 ORDER BY p.created_at DESC, p.id DESC"
    ))
    .bind(order_id)
    .fetch_all(pool)
    .await
}

pub async fn set_status(
    tx: &mut Transaction<'_, Any>,
    id: &str,
    status: &str,
    failure: Option<&str>,
    now: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE payments SET status = $1, failure = $2, next_action = NULL, updated_at = $3 \
         WHERE id = $4",
    )
    .bind(status)
    .bind(failure)
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Records a provider event; false when it was recorded before (a replay: apply nothing).
pub async fn note_event(
    tx: &mut Transaction<'_, Any>,
    provider: &str,
    event_id: &str,
    payment_id: &str,
    kind: &str,
    now: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO payment_events (provider, event_id, payment_id, kind, received_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (provider, event_id) DO NOTHING",
    )
    .bind(provider)
    .bind(event_id)
    .bind(payment_id)
    .bind(kind)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The held units of a paid order become sold: out of stock on hand and out of the hold.
pub async fn sell_held(tx: &mut Transaction<'_, Any>, order_id: i64) -> sqlx::Result<()> {
    let lines: Vec<(String, i64)> =
        sqlx::query_as("SELECT sku, qty FROM order_lines WHERE order_id = $1")
            .bind(order_id)
            .fetch_all(&mut **tx)
            .await?;
    for (sku, qty) in lines {
        sqlx::query(
            "UPDATE variants SET on_hand = on_hand - $1, reserved = reserved - $1 \
             WHERE sku = $2 AND reserved >= $1",
        )
        .bind(qty)
        .bind(&sku)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
