//! What the shop offers: promotions that apply by themselves, and coupons a shopper types in.

use serde::{Deserialize, Serialize};

use super::ShippingMethod;
use crate::catalog::Slug;
use crate::{Localized, Money};

/// One way of taking money off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Offer {
    /// `percent`% off the qualifying items.
    PercentOff { percent: u32 },
    /// A fixed amount off the qualifying items, once per order.
    AmountOff { amount: Money },
    /// For every `buy` + `get` qualifying units, the `get` cheapest of them are free.
    BuyXGetY { buy: u32, get: u32 },
    /// Any `qty` qualifying units together for `price` (the dearest units are grouped first,
    /// which saves the shopper the most).
    BundlePrice { qty: u32, price: Money },
    /// Shipping by one of `methods` costs nothing.
    FreeShipping { methods: Vec<ShippingMethod> },
}

/// Which items an offer counts and discounts.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", content = "slugs", rename_all = "snake_case")]
pub enum Scope {
    #[default]
    All,
    /// Items in these categories or below them.
    Categories(Vec<Slug>),
    Products(Vec<Slug>),
}

/// An offer with its conditions. Promotions apply by themselves; a coupon is the same thing
/// unlocked by a code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Promotion {
    /// Stable identifier, shown in the quote so a discount can be traced to its rule.
    pub id: String,
    /// What the shopper reads in the cart ("全館滿千免運", "茶品任選 3 件 NT$999").
    pub label: Localized,
    pub offer: Offer,
    #[serde(default)]
    pub scope: Scope,
    /// The qualifying items must come to at least this much (after earlier discounts).
    pub min_spend: Option<Money>,
    /// Unix seconds; the offer holds from `starts_at` (inclusive) to `ends_at` (exclusive).
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
}

impl Promotion {
    pub fn is_live(&self, now: i64) -> bool {
        self.starts_at.is_none_or(|s| now >= s) && self.ends_at.is_none_or(|e| now < e)
    }
}

/// A coupon: a promotion behind a code. Usage limits are counted by the server, which passes
/// the engine only coupons that still have uses left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Coupon {
    /// As the shopper types it; matched without regard to case.
    pub code: String,
    pub promotion: Promotion,
}

impl Coupon {
    /// Codes are compared upper-cased and trimmed: "welcome100 " is WELCOME100.
    pub fn normalize_code(code: &str) -> String {
        code.trim().to_uppercase()
    }
}
