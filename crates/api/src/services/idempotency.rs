//! Replaying a mutation sent again with the same `Idempotency-Key` (ARCHITECTURE.md: the first answer
//! is stored with the key, in the transaction of the effect, and replayed).

use sqlx::{Any, Transaction};

use crate::db::Db;
use crate::error::{ApiError, ApiResult};
use crate::store::idempotency;

/// The stored answer to `key` in `scope` if the same request was made before; a 409 naming
/// the header if the key came with another body (`what` says what it was used for).
pub async fn replay(
    tx: &mut Transaction<'_, Any>,
    scope: &str,
    key: &str,
    request_hash: &str,
    what: &str,
) -> ApiResult<Option<(u16, String)>> {
    match idempotency::find(tx, scope, key).await? {
        None => Ok(None),
        Some(stored) if stored.request_hash == request_hash => {
            Ok(Some((stored.status, stored.response)))
        }
        Some(_) => Err(ApiError::Conflict {
            code: "idempotency_key_reused",
            message: format!("this Idempotency-Key was used for a different {what}; use a new key"),
            field: Some("Idempotency-Key"),
        }),
    }
}

/// Stores `response` as the answer (201 Created) to `key` in `scope`, then commits the
/// transaction that made the effect: the answer is kept if and only if the effect is.
///
/// Two requests with the same key can both find it unused (PostgreSQL runs them side by side;
/// SQLite's one writer never does). The second to store it finds the first's row: its own
/// effect is rolled back and it answers what the first did, as a replay would.
pub async fn commit_with_answer(
    db: &Db,
    mut tx: Transaction<'_, Any>,
    scope: &str,
    key: &str,
    request_hash: String,
    response: String,
    now_text: &str,
) -> ApiResult<(u16, String)> {
    let stored = idempotency::Stored {
        request_hash,
        status: 201,
        response,
    };
    match idempotency::store(&mut tx, scope, key, &stored, now_text).await {
        Ok(()) => {
            tx.commit().await?;
            Ok((stored.status, stored.response))
        }
        Err(e) if is_unique_violation(&e) => {
            drop(tx);
            let mut tx = db.begin_write().await?;
            replay(&mut tx, scope, key, &stored.request_hash, "request")
                .await?
                .ok_or_else(|| ApiError::Internal(e.into()))
        }
        Err(e) => Err(e.into()),
    }
}

fn is_unique_violation(e: &sqlx::Error) -> bool {
    e.as_database_error()
        .is_some_and(|e| e.is_unique_violation())
}
