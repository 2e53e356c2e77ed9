//! Replaying a mutation sent again with the same `Idempotency-Key` (DESIGN: the first answer
//! is stored with the key, in the transaction of the effect, and replayed).

use sqlx::{Any, Transaction};

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
pub async fn commit_with_answer(
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
    idempotency::store(&mut tx, scope, key, &stored, now_text).await?;
    tx.commit().await?;
    Ok((stored.status, stored.response))
}
