//! Staff: who works in the back office and in which role, changing a role (audited; an admin
//! never removes their own admin role, so the shop always keeps one), and reading the audit
//! log. Who may call what is decided by `fourflow_core::staff::Role::can`.

use fourflow_core::staff::{AuditEntry, AuditList, Role, StaffMember};
use serde_json::json;

use crate::clock::rfc3339;
use crate::db::Db;
use crate::error::{ApiError, ApiResult};
use crate::startup::AppState;
use crate::store::accounts::{self as accounts, CustomerRow};
use crate::store::audit::{self, NewEntry};

/// The audit action of a role change.
pub const ROLE_CHANGED: &str = "staff.role";

/// The account's role now. A role the code does not know counts as a customer's.
pub async fn role_of(state: &AppState, customer_id: i64) -> ApiResult<Role> {
    let customer = accounts::customer_by_id(state.db.pool(), customer_id)
        .await?
        .ok_or(ApiError::Unauthorised("sign in first"))?;
    Ok(stored_role(&customer.role))
}

fn stored_role(raw: &str) -> Role {
    Role::parse("role", raw).unwrap_or_else(|_| {
        tracing::warn!(
            role = raw,
            "unknown role in the database: treated as customer"
        );
        Role::Customer
    })
}

/// Everyone with a role other than customer.
pub async fn staff(state: &AppState) -> ApiResult<Vec<StaffMember>> {
    let rows = accounts::staff(state.db.pool()).await?;
    Ok(rows
        .into_iter()
        .map(|r| StaffMember {
            customer_id: r.id,
            email: r.email,
            name: r.name,
            role: stored_role(&r.role),
        })
        .collect())
}

/// Gives the account `role`, writing who did it (`actor`: `None` for the command line) and
/// the role before and after to the audit log in the same transaction. Giving the role it
/// already has changes and records nothing.
pub async fn change_role(
    db: &Db,
    now: i64,
    actor: Option<i64>,
    customer_id: i64,
    role: Role,
) -> ApiResult<StaffMember> {
    let mut tx = db.begin_write().await?;
    let customer = accounts::customer_by_id(&mut *tx, customer_id)
        .await?
        .ok_or(ApiError::NotFound {
            what: "customer",
            field: Some("customer_id"),
        })?;
    let before = customer.role.clone();
    if actor == Some(customer_id) && before == Role::Admin.as_str() && role != Role::Admin {
        return Err(ApiError::Conflict {
            code: "own_admin_role",
            message: "an admin cannot remove their own admin role: ask another admin".into(),
            field: Some("role"),
        });
    }
    if before != role.as_str() {
        let now_text = rfc3339(now);
        if !accounts::set_role(&mut tx, customer_id, &before, role.as_str(), &now_text).await? {
            return Err(ApiError::Conflict {
                code: "role_changed",
                message: "the role was changed meanwhile: reload and try again".into(),
                field: Some("role"),
            });
        }
        let before_json = json!({ "role": before }).to_string();
        let after_json = json!({ "role": role.as_str() }).to_string();
        audit::record(
            &mut tx,
            &NewEntry {
                at: &now_text,
                actor_id: actor,
                action: ROLE_CHANGED,
                subject: &format!("customer:{customer_id}"),
                before: Some(&before_json),
                after: Some(&after_json),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(member(customer, role))
}

/// The same, found by the email the account signed up with (the command line's
/// `grant-role`, with no actor, and the staff screen's). `email` is as accounts store it
/// (`fourflow_core::account::normalize_email`).
pub async fn grant_role_by_email(
    db: &Db,
    now: i64,
    actor: Option<i64>,
    email: &str,
    role: Role,
) -> ApiResult<StaffMember> {
    let customer =
        accounts::customer_by_email(db.pool(), email)
            .await?
            .ok_or(ApiError::NotFound {
                what: "account with that email",
                field: Some("email"),
            })?;
    change_role(db, now, actor, customer.id, role).await
}

fn member(customer: CustomerRow, role: Role) -> StaffMember {
    StaffMember {
        customer_id: customer.id,
        email: customer.email,
        name: customer.name,
        role,
    }
}

/// A page of the audit log, newest first.
pub async fn audit_log(state: &AppState, page: u32, per_page: u32) -> ApiResult<AuditList> {
    let limit = i64::from(per_page);
    let offset = i64::from(page - 1) * limit;
    let (rows, total) = audit::page(state.db.pool(), limit, offset).await?;
    let parse = |text: Option<String>| text.and_then(|t| serde_json::from_str(&t).ok());
    Ok(AuditList {
        items: rows
            .into_iter()
            .map(|r| AuditEntry {
                id: r.id,
                at: r.at,
                actor_id: r.actor_id,
                action: r.action,
                subject: r.subject,
                before: parse(r.before),
                after: parse(r.after),
            })
            .collect(),
        total: u32::try_from(total).unwrap_or(u32::MAX),
        page,
        per_page,
    })
}

/// Writes one staff action to the audit log, in the transaction that makes the change:
/// `subject` is what it was done to (`sku:LS-M-WHT`), `before` absent for something new.
pub(crate) async fn audit(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    at: &str,
    actor: i64,
    action: &str,
    subject: &str,
    before: Option<&serde_json::Value>,
    after: &serde_json::Value,
) -> ApiResult<()> {
    let before = before.map(|b| b.to_string());
    let after = after.to_string();
    audit::record(
        tx,
        &NewEntry {
            at,
            actor_id: Some(actor),
            action,
            subject,
            before: before.as_deref(),
            after: Some(&after),
        },
    )
    .await?;
    Ok(())
}
