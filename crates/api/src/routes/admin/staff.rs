//! Staff accounts over HTTP (admins only): who has a back-office role, and changing one.
//! Changes need `X-Fourflow-Csrf: 1` and are written to the audit log.

use crate::routes::extract::ApiPath;
use axum::extract::State;
use axum::Json;
use fourflow_core::staff::{RoleChange, RoleGrant, StaffMember};
use fourflow_core::{ErrorBody, FieldError};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::guard::{ManagesStaff, Staff};
use crate::error::ApiResult;
use crate::routes::extract::ApiJson;
use crate::services::staff;
use crate::startup::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, grant))
        .routes(routes!(change_role))
}

/// Accounts with a role other than customer, oldest first.
#[utoipa::path(get, operation_id = "list_staff", path = "/staff", tag = "admin",
    responses(
        (status = 200, body = Vec<StaffMember>),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
    ))]
async fn list(
    State(state): State<AppState>,
    _admin: Staff<ManagesStaff>,
) -> ApiResult<Json<Vec<StaffMember>>> {
    staff::staff(&state).await.map(Json)
}

/// Gives the account that signed up with `email` a role: 404 naming `email` if there is
/// none. Audited like a change by account id.
#[utoipa::path(post, path = "/staff", tag = "admin",
    request_body = RoleGrant,
    responses(
        (status = 200, body = StaffMember),
        (status = 400, description = "`field` names the bad input", body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody),
    ))]
async fn grant(
    State(state): State<AppState>,
    admin: Staff<ManagesStaff>,
    ApiJson(grant): ApiJson<RoleGrant>,
) -> ApiResult<Json<StaffMember>> {
    let email = grant.email()?;
    staff::grant_role_by_email(
        &state.db,
        state.clock.now(),
        Some(admin.customer_id),
        &email,
        grant.role,
    )
    .await
    .map(Json)
}

/// Gives an account a role (`customer` takes a staff role away). Audited with the role
/// before and after. An admin cannot remove their own admin role (409 `own_admin_role`).
#[utoipa::path(put, path = "/staff/{customer_id}/role", tag = "admin",
    request_body = RoleChange,
    params(("customer_id" = i64, Path)),
    responses(
        (status = 200, body = StaffMember),
        (status = 400, description = "`field` names the bad input", body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody),
    ))]
async fn change_role(
    State(state): State<AppState>,
    admin: Staff<ManagesStaff>,
    ApiPath(customer_id): ApiPath<String>,
    ApiJson(change): ApiJson<RoleChange>,
) -> ApiResult<Json<StaffMember>> {
    let customer_id = customer_id.parse().map_err(|_| {
        FieldError::said(
            "customer_id",
            "must be an account id (a whole number)",
            "必須是帳號編號（整數）",
        )
    })?;
    staff::change_role(
        &state.db,
        state.clock.now(),
        Some(admin.customer_id),
        customer_id,
        change.role,
    )
    .await
    .map(Json)
}
