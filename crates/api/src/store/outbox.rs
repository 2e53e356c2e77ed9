//! The outbox: side effects (emails, carrier hand-offs, webhooks) written as rows in the same
//! transaction as the change that causes them, and run later by the job runner.

use sqlx::{Any, Transaction};

pub async fn enqueue(
    tx: &mut Transaction<'_, Any>,
    kind: &str,
    payload: &serde_json::Value,
    run_at: i64,
) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO outbox (kind, payload, run_at) VALUES ($1, $2, $3)")
        .bind(kind)
        .bind(payload.to_string())
        .bind(run_at)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
