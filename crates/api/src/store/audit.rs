//! The audit log: staff actions, appended in the transaction that makes the change, and read
//! back newest first.

use sqlx::{Any, AnyPool, FromRow, Transaction};

/// One staff action as it is written.
#[derive(Debug, Clone)]
pub struct NewEntry<'a> {
    pub at: &'a str,
    /// The acting account; `None` for the command line.
    pub actor_id: Option<i64>,
    pub action: &'a str,
    pub subject: &'a str,
    /// JSON text.
    pub before: Option<&'a str>,
    /// JSON text.
    pub after: Option<&'a str>,
}

#[derive(Debug, Clone, FromRow)]
pub struct AuditRow {
    pub id: i64,
    pub at: String,
    pub actor_id: Option<i64>,
    pub action: String,
    pub subject: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

pub async fn record(tx: &mut Transaction<'_, Any>, entry: &NewEntry<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (at, actor_id, action, subject, \"before\", \"after\") \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(entry.at)
    .bind(entry.actor_id)
    .bind(entry.action)
    .bind(entry.subject)
    .bind(entry.before)
    .bind(entry.after)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A page of the log, newest first, and how many entries there are in all.
pub async fn page(pool: &AnyPool, limit: i64, offset: i64) -> sqlx::Result<(Vec<AuditRow>, i64)> {
    let rows = sqlx::query_as(
        "SELECT id, at, actor_id, action, subject, \"before\", \"after\" FROM audit_log \
         ORDER BY id DESC LIMIT $1 OFFSET $2",
    )
    .bind(limit)
    .bind(offset)
    .fetch_all(pool)
    .await?;
    let total = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
        .fetch_one(pool)
        .await?;
    Ok((rows, total))
}
