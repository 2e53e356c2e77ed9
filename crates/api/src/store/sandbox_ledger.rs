//! The sandbox payment provider's own books (`sandbox_ledger`, `sandbox_requests`): what it
//! holds for each payment and the requests it answered, by their idempotency key. Only the
//! sandbox provider (`payments::sandbox`) uses this; the shop asks it through the provider.

use sqlx::{Any, FromRow, Transaction};

#[derive(Debug, Clone, FromRow)]
pub struct Entry {
    pub payment_id: String,
    pub currency: String,
    pub amount: i64,
    pub capture: String,
    pub authorised: i64,
    pub captured: i64,
    pub voided: i64,
    pub refunded: i64,
}

/// Opens the books of a payment asked to be authorised (`authorised` is 0 while the shopper
/// has something to do). Asked twice, the first stays.
#[allow(clippy::too_many_arguments)]
pub async fn open(
    tx: &mut Transaction<'_, Any>,
    payment_id: &str,
    currency: &str,
    amount: i64,
    capture: &str,
    authorised: i64,
    captured: i64,
    now: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO sandbox_ledger (payment_id, currency, amount, capture, authorised, \
         captured, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (payment_id) DO NOTHING",
    )
    .bind(payment_id)
    .bind(currency)
    .bind(amount)
    .bind(capture)
    .bind(authorised)
    .bind(captured)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn entry<'c, E>(db: E, payment_id: &str) -> sqlx::Result<Option<Entry>>
where
    E: sqlx::Executor<'c, Database = Any>,
{
    sqlx::query_as(
        "SELECT payment_id, currency, amount, capture, authorised, captured, voided, refunded \
         FROM sandbox_ledger WHERE payment_id = $1",
    )
    .bind(payment_id)
    .fetch_optional(db)
    .await
}

/// Writes the payment's new amounts if they still are `before`; false if another request
/// changed them meanwhile.
pub async fn update(
    tx: &mut Transaction<'_, Any>,
    before: &Entry,
    after: [i64; 4],
    now: &str,
) -> sqlx::Result<bool> {
    let [authorised, captured, voided, refunded] = after;
    let done = sqlx::query(
        "UPDATE sandbox_ledger SET authorised = $1, captured = $2, voided = $3, refunded = $4, \
         updated_at = $5 WHERE payment_id = $6 AND authorised = $7 AND captured = $8 \
         AND voided = $9 AND refunded = $10",
    )
    .bind(authorised)
    .bind(captured)
    .bind(voided)
    .bind(refunded)
    .bind(now)
    .bind(&before.payment_id)
    .bind(before.authorised)
    .bind(before.captured)
    .bind(before.voided)
    .bind(before.refunded)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Claims the request `request_id`; false if it was received before (waiting, on
/// PostgreSQL, for the transaction that holds it to end).
pub async fn claim_request(
    tx: &mut Transaction<'_, Any>,
    request_id: &str,
    payment_id: &str,
    kind: &str,
    amount: i64,
    now: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO sandbox_requests (request_id, payment_id, kind, amount, received_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (request_id) DO NOTHING",
    )
    .bind(request_id)
    .bind(payment_id)
    .bind(kind)
    .bind(amount)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The first answer to `request_id`: `Some(None)` if it was done, `Some(Some(code))` if
/// refused, `None` if never received.
pub async fn request_answer(
    tx: &mut Transaction<'_, Any>,
    request_id: &str,
) -> sqlx::Result<Option<Option<String>>> {
    sqlx::query_scalar("SELECT refusal FROM sandbox_requests WHERE request_id = $1")
        .bind(request_id)
        .fetch_optional(&mut **tx)
        .await
}

pub async fn refuse_request(
    tx: &mut Transaction<'_, Any>,
    request_id: &str,
    code: &str,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE sandbox_requests SET refusal = $1 WHERE request_id = $2")
        .bind(code)
        .bind(request_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
