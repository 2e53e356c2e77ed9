//! Idempotency keys: the first answer to a request is stored with its key, in the same
//! transaction as the effect, and replayed for the same key.

use sqlx::{Any, Transaction};

pub struct Stored {
    pub request_hash: String,
    pub status: u16,
    pub response: String,
}

pub async fn find(
    tx: &mut Transaction<'_, Any>,
    scope: &str,
    key: &str,
) -> sqlx::Result<Option<Stored>> {
    let row: Option<(String, i64, String)> = sqlx::query_as(
        "SELECT request_hash, status, response FROM idempotency_keys WHERE scope = $1 AND key = $2",
    )
    .bind(scope)
    .bind(key)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.map(|(request_hash, status, response)| Stored {
        request_hash,
        status: u16::try_from(status).unwrap_or(500),
        response,
    }))
}

pub async fn store(
    tx: &mut Transaction<'_, Any>,
    scope: &str,
    key: &str,
    stored: &Stored,
    now: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO idempotency_keys (scope, key, request_hash, status, response, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(scope)
    .bind(key)
    .bind(&stored.request_hash)
    .bind(i64::from(stored.status))
    .bind(&stored.response)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
