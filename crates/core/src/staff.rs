//! The back office's people: the roles an account can have, what each may do, and the staff
//! and audit-log bodies of `/api/v1/admin/…`. The server checks [`Role::can`] on every admin
//! route; the rule is written here once.

use serde::{Deserialize, Serialize};

use crate::FieldError;

/// Who an account is to the shop. Customers shop; staff work in the back office:
/// marketers edit content and merchandising, operators handle orders, admins do everything
/// (and alone manage staff and read the audit log).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Role {
    Customer,
    Marketer,
    Operator,
    Admin,
}

/// What a back-office route lets its caller do; [`Role::can`] says who may.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Capability {
    /// Home page, landing pages, product copy, help articles.
    Content,
    /// Products, prices, stock, promotions and coupons.
    Merchandising,
    /// The orders console: pack, ship, cancel, refund.
    Orders,
    /// Staff accounts and their roles.
    Staff,
    /// Reading the audit log.
    Audit,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Customer, Role::Marketer, Role::Operator, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Customer => "customer",
            Role::Marketer => "marketer",
            Role::Operator => "operator",
            Role::Admin => "admin",
        }
    }

    /// `customer`, `marketer`, `operator` or `admin`; anything else names `field`.
    pub fn parse(field: &str, raw: &str) -> Result<Role, FieldError> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == raw.trim())
            .ok_or_else(|| {
                FieldError::said(
                    field,
                    "must be customer, marketer, operator or admin",
                    "必須是 customer、marketer、operator 或 admin",
                )
            })
    }

    /// Works in the back office at all.
    pub fn is_staff(self) -> bool {
        self != Role::Customer
    }

    /// The one rule of who may do what in the back office.
    pub fn can(self, capability: Capability) -> bool {
        use Capability as C;
        matches!(
            (self, capability),
            (Role::Admin, _)
                | (Role::Marketer, C::Content | C::Merchandising)
                | (Role::Operator, C::Orders)
        )
    }
}

/// `GET /api/v1/admin/staff`: one account with a role other than customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffMember {
    pub customer_id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
}

/// `POST /api/v1/admin/staff`: give the account that signed up with `email` a role; how an
/// admin brings a new colleague in, knowing their email rather than an account number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoleGrant {
    pub email: String,
    pub role: Role,
}

impl RoleGrant {
    /// The email as accounts are stored under it, if it is one.
    pub fn email(&self) -> Result<String, FieldError> {
        crate::account::check_email("email", &self.email)?;
        Ok(crate::account::normalize_email(&self.email))
    }
}

/// `PUT /api/v1/admin/staff/{customer_id}/role`: the account's new role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoleChange {
    pub role: Role,
}

/// One staff action: who (`actor_id`; none for the command line), what, when, and the
/// subject's state before and after as JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor_id: Option<i64>,
    /// `staff.role`, …
    pub action: String,
    /// What it was done to: `customer:42`, …
    pub subject: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub before: Option<serde_json::Value>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub after: Option<serde_json::Value>,
}

/// `GET /api/v1/admin/audit`: newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditList {
    pub items: Vec<AuditEntry>,
    pub total: u32,
    pub page: u32,
    pub per_page: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_and_bad_ones_name_the_field() {
        for role in Role::ALL {
            assert_eq!(Role::parse("role", role.as_str()), Ok(role));
            let json = serde_json::to_string(&role).unwrap();
            assert_eq!(json, format!("\"{}\"", role.as_str()));
        }
        assert_eq!(Role::parse("role", "root").unwrap_err().field, "role");
        assert_eq!(Role::parse("role", "Admin").unwrap_err().field, "role");
    }

    #[test]
    fn who_may_do_what() {
        use Capability as C;
        let all = [C::Content, C::Merchandising, C::Orders, C::Staff, C::Audit];
        for c in all {
            assert!(Role::Admin.can(c), "admin {c:?}");
            assert!(!Role::Customer.can(c), "customer {c:?}");
            assert_eq!(
                Role::Marketer.can(c),
                matches!(c, C::Content | C::Merchandising)
            );
            assert_eq!(Role::Operator.can(c), c == C::Orders);
        }
        assert!(!Role::Customer.is_staff());
        assert!(Role::Marketer.is_staff() && Role::Operator.is_staff() && Role::Admin.is_staff());
    }

    #[test]
    fn a_grant_names_the_account_by_its_stored_email() {
        let grant = |email: &str| RoleGrant {
            email: email.into(),
            role: Role::Marketer,
        };
        assert_eq!(grant(" Mei@Example.TW ").email().unwrap(), "mei@example.tw");
        for bad in ["", "mei", "mei@", "#12"] {
            assert_eq!(grant(bad).email().unwrap_err().field, "email", "{bad:?}");
        }
    }
}
