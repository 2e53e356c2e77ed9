//! The outbox: side effects (emails, carrier hand-offs, webhooks) written as rows in the same
//! transaction as the change that causes them, and run later by the job runner.

use sqlx::{Any, Transaction};

/// A job's row (`jobs::enqueue` writes it from a typed job).
pub async fn insert(
    tx: &mut Transaction<'_, Any>,
    kind: &str,
    payload: &str,
    run_at: i64,
) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO outbox (kind, payload, run_at) VALUES ($1, $2, $3)")
        .bind(kind)
        .bind(payload)
        .bind(run_at)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// A job's row, taken by one runner (`jobs::Job::from_row` reads it).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Row {
    pub id: i64,
    pub kind: String,
    pub payload: String,
    /// How many times it has been taken, this time included.
    pub attempts: i64,
}

/// Takes up to `limit` jobs due by `now` for this runner, for `lease` seconds. On PostgreSQL
/// the rows are locked with SKIP LOCKED, so replicas never take the same job; SQLite has one
/// writer at a time, so the conditional update alone decides.
pub async fn claim(db: &crate::db::Db, now: i64, lease: i64, limit: i64) -> sqlx::Result<Vec<Row>> {
    let skip_locked = match db.backend() {
        crate::db::Backend::Postgres => "FOR UPDATE SKIP LOCKED",
        crate::db::Backend::Sqlite => "",
    };
    let mut tx = db.begin_write().await?;
    let jobs = sqlx::query_as(&format!(
        "UPDATE outbox SET locked_until = $1, attempts = attempts + 1 WHERE id IN ( \
         SELECT id FROM outbox WHERE done_at IS NULL AND run_at <= $2 \
         AND (locked_until IS NULL OR locked_until < $2) ORDER BY id LIMIT $3 {skip_locked}) \
         RETURNING id, kind, payload, attempts"
    ))
    .bind(now + lease)
    .bind(now)
    .bind(limit)
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(jobs)
}

pub async fn done(pool: &sqlx::AnyPool, id: i64, now: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE outbox SET done_at = $1, locked_until = NULL WHERE id = $2")
        .bind(now)
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Leaves the job for a later attempt, at `retry_at`.
pub async fn failed(pool: &sqlx::AnyPool, id: i64, error: &str, retry_at: i64) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE outbox SET last_error = $1, run_at = $2, locked_until = NULL WHERE id = $3",
    )
    .bind(error)
    .bind(retry_at)
    .bind(id)
    .execute(pool)
    .await?;
    Ok(())
}
