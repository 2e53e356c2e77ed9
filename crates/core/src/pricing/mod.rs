//! The pricing engine: what a cart costs. The browser runs it to answer at once (even
//! offline), the server runs it to take the order, and the server never trusts a total it did
//! not compute itself.
//!
//! A quote is built in a fixed order, every step visible in the result so the cart can explain
//! it: line subtotals; item offers (buy X get Y, bundle prices); order offers (percent or
//! amount off); the coupon; shipping by method and weight, free when an offer says so; the
//! total, with the 5% VAT it includes. Each discount is capped at what is left of the items it
//! applies to and spread over them, so a line always knows its own net price (refunds by line
//! depend on it).

mod engine;
mod error;
mod offer;
mod rounding;
mod shipping;
mod sort;

use serde::{Deserialize, Serialize};

pub use engine::Pricing;
pub use error::{QuoteError, QuoteErrorCode};
pub use offer::{Coupon, Offer, Promotion, Scope};
pub use rounding::{allocate, round_down_to_unit, vat_included, VAT_PERCENT};
pub use shipping::{parcel_grams, ShippingMethod, ShippingRate};

use crate::cart::CartLine;
use crate::catalog::{Sku, Slug};
use crate::checkout::PaymentMethod;
use crate::{Localized, Money};

/// What pricing needs to know of one SKU, as the catalog has it now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PricedSku {
    pub sku: Sku,
    pub product: Slug,
    pub title: Localized,
    /// The variant's size and colour as shoppers read them ("M・海軍藍"); empty when none.
    pub options: Localized,
    pub image: Option<String>,
    /// The product's categories, root to leaf.
    pub categories: Vec<Slug>,
    pub unit_price: Money,
    pub compare_at: Option<Money>,
    pub weight_grams: u32,
    pub available: u32,
}

/// `GET /api/v1/promotions`: the rules a browser needs to price a cart by itself (offline
/// too). Coupons are not among them: a code is checked by the server.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PricingRules {
    pub promotions: Vec<Promotion>,
    pub shipping_rates: Vec<ShippingRate>,
}

/// `POST /api/v1/cart/quote`. Prices, totals and discounts sent by a client are not part of
/// it: there is nowhere to put them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuoteRequest {
    pub lines: Vec<CartLine>,
    #[serde(default)]
    pub coupon: Option<String>,
    #[serde(default)]
    pub shipping_method: Option<ShippingMethod>,
    /// Some methods add a fee (cash on delivery); without one the quote has no payment fee.
    #[serde(default)]
    pub payment_method: Option<PaymentMethod>,
}

/// A priced cart, every step shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Quote {
    /// In the order of the request.
    pub lines: Vec<QuoteLine>,
    /// Before any discount.
    pub subtotal: Money,
    /// In the order they were applied.
    pub discounts: Vec<AppliedDiscount>,
    pub discount_total: Money,
    pub shipping: ShippingQuote,
    /// What the payment method adds (cash on delivery's collection fee), when it adds anything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_fee: Option<Money>,
    pub total: Money,
    /// The VAT the total includes (prices in Taiwan are quoted with VAT).
    pub vat_included: Money,
    /// The coupon applied, with its rule, so that a browser can keep applying it offline.
    pub coupon: Option<Coupon>,
    /// How far the cart is from free shipping, when an offer would give it.
    pub free_shipping: Option<FreeShippingProgress>,
}

impl Quote {
    /// The quote paid by `method`: its fee, if it has one, added to the total (and so to the
    /// VAT the total includes).
    pub fn paid_by(mut self, method: PaymentMethod) -> Quote {
        if let Some(fee) = crate::payment::payment_fee(method) {
            self.payment_fee = Some(fee);
            self.total.amount += fee.amount;
            self.vat_included = Money::new(
                vat_included(self.total.amount, self.total.currency.unit()),
                self.total.currency,
            );
        }
        self
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuoteLine {
    pub sku: Sku,
    pub qty: u32,
    pub product: Slug,
    pub title: Localized,
    pub options: Localized,
    pub image: Option<String>,
    pub unit_price: Money,
    pub compare_at: Option<Money>,
    pub available: u32,
    /// `unit_price × qty`.
    pub subtotal: Money,
    /// This line's share of every discount.
    pub discount: Money,
    pub total: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppliedDiscount {
    /// The promotion's id.
    pub id: String,
    pub label: Localized,
    pub amount: Money,
    /// Whether it came from the coupon rather than applying by itself.
    pub from_coupon: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShippingQuote {
    pub method: ShippingMethod,
    pub label: Localized,
    pub weight_grams: u32,
    /// What the method costs for this parcel.
    pub full_fee: Money,
    /// What the shopper pays: zero when shipping is free.
    pub fee: Money,
    /// The offer that made it free.
    pub free_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FreeShippingProgress {
    pub threshold: Money,
    /// Zero once reached.
    pub remaining: Money,
    pub label: Localized,
}

#[cfg(test)]
mod tests;
