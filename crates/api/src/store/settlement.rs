//! The shop's side of settling payments: what it captured of a payment, and its instructions
//! to the provider (`payment_operations`), recorded with the change that decides them and
//! marked with the provider's answer once it came.

use fourflow_core::settlement::{InstructionKind, InstructionState};
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
    kind: InstructionKind,
    amount: i64,
    now: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO payment_operations (id, payment_id, kind, amount, status, requested_at) \
         VALUES ($1, $2, $3, $4, 'requested', $5)",
    )
    .bind(id)
    .bind(payment_id)
    .bind(kind.as_str())
    .bind(amount)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// An instruction to the provider as the books hold it.
#[derive(Debug, Clone)]
pub struct Operation {
    pub id: String,
    pub payment_id: String,
    pub order_id: i64,
    pub kind: InstructionKind,
    pub amount: i64,
    pub currency: String,
    pub state: InstructionState,
}

#[derive(FromRow)]
struct OperationRow {
    id: String,
    payment_id: String,
    order_id: i64,
    kind: String,
    amount: i64,
    currency: String,
    status: String,
}

const OPERATION: &str =
    "SELECT o.id, o.payment_id, p.order_id, o.kind, o.amount, p.currency, o.status \
     FROM payment_operations o JOIN payments p ON p.id = o.payment_id";

/// The instruction `id`; an error if the books hold a kind or state this version does not
/// know (written by a newer replica), rather than a guess.
pub async fn operation(pool: &AnyPool, id: &str) -> anyhow::Result<Option<Operation>> {
    let Some(row) = sqlx::query_as::<_, OperationRow>(&format!("{OPERATION} WHERE o.id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await?
    else {
        return Ok(None);
    };
    let kind = InstructionKind::parse(&row.kind);
    let state = InstructionState::parse(&row.status);
    let (Some(kind), Some(state)) = (kind, state) else {
        anyhow::bail!("payment operation {id} is a {} {}", row.status, row.kind);
    };
    Ok(Some(Operation {
        id: row.id,
        payment_id: row.payment_id,
        order_id: row.order_id,
        kind,
        amount: row.amount,
        currency: row.currency,
        state,
    }))
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
    state: InstructionState,
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
    .bind(state.as_str())
    .bind(refusal)
    .bind(now)
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}
