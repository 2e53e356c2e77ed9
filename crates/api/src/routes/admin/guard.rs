//! Who may use a back-office route: `Staff<N>` extracts the signed-in account and answers 401
//! without a session and 403 `forbidden` when its role lacks `N`'s capability (the rule is
//! `Role::can`, in core). A handler states what it needs in its signature.

use std::marker::PhantomData;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use fourflow_core::staff::Capability;

use crate::error::ApiError;
use crate::services::staff;
use crate::session::Shopper;
use crate::startup::AppState;

/// A capability a route needs, as a type.
pub trait Needs: Send + Sync + 'static {
    const CAPABILITY: Capability;
}

/// Managing staff accounts and their roles (admins).
pub struct ManagesStaff;
impl Needs for ManagesStaff {
    const CAPABILITY: Capability = Capability::Staff;
}

/// Reading the audit log (admins).
pub struct ReadsAudit;
impl Needs for ReadsAudit {
    const CAPABILITY: Capability = Capability::Audit;
}

/// The orders console: pack, ship, cancel, refund (operators, admins).
pub struct RunsOrders;
impl Needs for RunsOrders {
    const CAPABILITY: Capability = Capability::Orders;
}

/// Products, prices, stock, promotions (marketers, admins).
pub struct Merchandises;
impl Needs for Merchandises {
    const CAPABILITY: Capability = Capability::Merchandising;
}

/// Home page, landing pages, product copy, help articles (marketers, admins).
pub struct EditsContent;
impl Needs for EditsContent {
    const CAPABILITY: Capability = Capability::Content;
}

/// A signed-in account whose role has `N`'s capability.
#[derive(Debug)]
pub struct Staff<N> {
    pub customer_id: i64,
    needs: PhantomData<fn() -> N>,
}

impl<N: Needs> FromRequestParts<AppState> for Staff<N> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let shopper = Shopper::from_request_parts(parts, state).await?;
        let role = staff::role_of(state, shopper.customer_id).await?;
        if !role.can(N::CAPABILITY) {
            return Err(ApiError::Forbidden {
                code: "forbidden",
                message: "your role does not allow this",
            });
        }
        Ok(Staff {
            customer_id: shopper.customer_id,
            needs: PhantomData,
        })
    }
}
