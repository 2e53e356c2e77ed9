//! Admins' calls: staff accounts and their roles, and the audit log.

use fourflow_core::staff::{AuditList, Role, RoleChange, RoleGrant, StaffMember};

use crate::api::{get, post, send, ApiError, Verb};

pub async fn staff() -> Result<Vec<StaffMember>, ApiError> {
    get("/admin/staff").await
}

/// Gives the account that signed up with `email` a role.
pub async fn grant(email: String, role: Role) -> Result<StaffMember, ApiError> {
    post("/admin/staff", &RoleGrant { email, role }, None).await
}

pub async fn change_role(customer_id: i64, role: Role) -> Result<StaffMember, ApiError> {
    send(
        Verb::Put,
        &format!("/admin/staff/{customer_id}/role"),
        &RoleChange { role },
    )
    .await
}

pub async fn audit(page: u32) -> Result<AuditList, ApiError> {
    get(&format!("/admin/audit?page={page}")).await
}
