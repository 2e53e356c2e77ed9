//! The audit log over HTTP (admins only): staff actions, newest first.

use std::collections::HashMap;

use crate::routes::extract::ApiQuery;
use axum::extract::State;
use axum::Json;
use fourflow_core::staff::AuditList;
use fourflow_core::ErrorBody;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::guard::{ReadsAudit, Staff};
use crate::error::ApiResult;
use crate::routes::paging::paging;
use crate::services::address_book::{DEFAULT_PER_PAGE, MAX_PER_PAGE};
use crate::services::staff;
use crate::startup::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list))
}

/// Who did what, when, with the subject before and after (`page` from 1, `per_page` up to 100).
#[utoipa::path(get, operation_id = "list_audit_entries", path = "/audit", tag = "admin",
    params(("page" = Option<u32>, Query), ("per_page" = Option<u32>, Query)),
    responses(
        (status = 200, body = AuditList),
        (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
    ))]
async fn list(
    State(state): State<AppState>,
    _admin: Staff<ReadsAudit>,
    ApiQuery(query): ApiQuery<HashMap<String, String>>,
) -> ApiResult<Json<AuditList>> {
    let (page, per_page) = paging(&query, DEFAULT_PER_PAGE, MAX_PER_PAGE)?;
    staff::audit_log(&state, page, per_page).await.map(Json)
}
