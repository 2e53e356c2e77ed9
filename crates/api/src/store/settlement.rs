//! The shop's side of settling payments: what it captured of a payment, and its instructions
//! to the provider (`payment_operations`), recorded with the change that decides them and
//! marked with the provider's answer once it came.

use sqlx::{Any, AnyPool, FromRow, Transaction};

/// The payment of an order that holds or took its money, as far as settling it goes.
#[derive(Debug, Clone, FromRow)]
pub struct Holding {
    pub id: String,
    pub status: String,
    pub amount: i64,
    pub currency: String,
    pub captured: i64,
}

/// The order's payment that holds or took its money, if one does (the newest, should there
/// be several: only one can have been confirmed while the order waited).
pub async fn holding<'c, E>(db: E, order_id: i64) -> sqlx::Result<Option<Holding>>
where
    E: sqlx::Executor<'c, Database = Any>,
{
    sqlx::query_as(
        "SELECT id, status, amount, currency, captured FROM payments \
         WHERE order_id = $1 AND status IN ('authorised', 'succeeded', 'voided', 'refunded') \
         ORDER BY created_at DESC, id DESC LIMIT 1",
    )
    .bind(order_id)
    .fetch_optional(db)
    .await
}

/// Moves the payment from `from` to `status`, having taken `captured` of it (0 while only
/// held, or when the hold is let go); false if it is no longer `from` — another request
/// settled it meanwhile (on PostgreSQL this waits for that request's transaction first).
pub async fn settle(
    tx: &mut Transaction<'_, Any>,
    payment_id: &str,
    from: &str,
    status: &str,
    captured: i64,
    now: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE payments SET status = $1, captured = $2, updated_at = $3 \
         WHERE id = $4 AND status = $5",
    )
    .bind(status)
    .bind(captured)
    .bind(now)
    .bind(payment_id)
    .bind(from)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn insert_operation(
    tx: &mut Transaction<'_, Any>,
    id: &str,
    payment_id: &str,
    kind: &str,
    amount: i64,
    now: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO payment_operations (id, payment_id, kind, amount, status, requested_at) \
         VALUES ($1, $2, $3, $4, 'requested', $5)",
    )
    .bind(id)
    .bind(payment_id)
    .bind(kind)
    .bind(amount)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, FromRow)]
pub struct OperationRow {
    pub id: String,
    pub payment_id: String,
    pub order_id: i64,
    pub kind: String,
    pub amount: i64,
    pub currency: String,
    pub status: String,
    pub answer: Option<String>,
}

const OPERATION: &str =
    "SELECT o.id, o.payment_id, p.order_id, o.kind, o.amount, p.currency, o.status, \
     o.answer FROM payment_operations o JOIN payments p ON p.id = o.payment_id";

pub async fn operation(pool: &AnyPool, id: &str) -> sqlx::Result<Option<OperationRow>> {
    sqlx::query_as(&format!("{OPERATION} WHERE o.id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// Whether an instruction given before `id` about the same payment still waits for its
/// answer (a refund must not overtake the capture it refunds).
pub async fn waits_for_earlier(pool: &AnyPool, id: &str) -> sqlx::Result<bool> {
    let earlier: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM payment_operations e JOIN payment_operations o \
         ON o.payment_id = e.payment_id AND e.seq < o.seq \
         WHERE o.id = $1 AND e.status = 'requested'",
    )
    .bind(id)
    .fetch_one(pool)
    .await?;
    Ok(earlier > 0)
}

/// Records the provider's answer to an instruction still waiting for one; false if another
/// runner recorded it first.
pub async fn answer<'c, E>(
    db: E,
    id: &str,
    status: &str,
    refusal: Option<&str>,
    now: &str,
) -> sqlx::Result<bool>
where
    E: sqlx::Executor<'c, Database = Any>,
{
    let done = sqlx::query(
        "UPDATE payment_operations SET status = $1, answer = $2, answered_at = $3 \
         WHERE id = $4 AND status = 'requested'",
    )
    .bind(status)
    .bind(refusal)
    .bind(now)
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}
