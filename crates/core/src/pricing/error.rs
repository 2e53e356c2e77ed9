//! Why a cart cannot be quoted, naming the line or field at fault.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteErrorCode {
    /// The request itself is malformed (a quantity of 0, too many lines, a SKU twice).
    Invalid,
    UnknownSku,
    /// More units than can be bought now.
    OutOfStock,
    UnknownCoupon,
    CouponExpired,
    CouponNotYetValid,
    /// The qualifying items do not reach the coupon's minimum spend.
    CouponMinSpend,
    /// Nothing in the cart is something the coupon applies to.
    CouponNotApplicable,
    CouponUsedUp,
    /// The shipping method is not offered, or cannot carry this parcel.
    ShippingUnavailable,
}

impl QuoteErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteErrorCode::Invalid => "invalid",
            QuoteErrorCode::UnknownSku => "unknown_sku",
            QuoteErrorCode::OutOfStock => "out_of_stock",
            QuoteErrorCode::UnknownCoupon => "unknown_coupon",
            QuoteErrorCode::CouponExpired => "coupon_expired",
            QuoteErrorCode::CouponNotYetValid => "coupon_not_yet_valid",
            QuoteErrorCode::CouponMinSpend => "coupon_min_spend",
            QuoteErrorCode::CouponNotApplicable => "coupon_not_applicable",
            QuoteErrorCode::CouponUsedUp => "coupon_used_up",
            QuoteErrorCode::ShippingUnavailable => "shipping_unavailable",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct QuoteError {
    pub code: QuoteErrorCode,
    /// `lines[2].qty`, `coupon`, `shipping_method`.
    pub field: String,
    pub message: String,
}

impl QuoteError {
    pub fn new(code: QuoteErrorCode, field: impl Into<String>, message: impl Into<String>) -> Self {
        QuoteError {
            code,
            field: field.into(),
            message: message.into(),
        }
    }
}
