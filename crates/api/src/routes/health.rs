//! Probes for load balancers: `/healthz` says the process answers, `/readyz` that it can
//! reach its database.

use axum::extract::State;
use axum::routing::get;
use axum::Router;

use crate::error::{ApiError, ApiResult};
use crate::startup::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(ready))
}

async fn ready(State(state): State<AppState>) -> ApiResult<&'static str> {
    sqlx::query("SELECT 1")
        .execute(state.db.pool())
        .await
        .map_err(|e| ApiError::Unavailable(e.to_string()))?;
    Ok("ready")
}
