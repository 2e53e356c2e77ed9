//! Merchandising of what is sold (`/api/v1/admin/skus…`): every SKU with its price and stock,
//! the rules a price change and a stock adjustment must keep, and the reasons stock moves.

use serde::{Deserialize, Serialize};

use crate::{FieldError, Localized, Money};

/// The highest price or stock figure the back office accepts: far above any real one, low
/// enough that no sum of them overflows.
pub const MAX_PRICE: i64 = 10_000_000_000;
pub const MAX_UNITS: i64 = 1_000_000;
pub const MAX_GRAMS: u32 = 1_000_000;

/// One SKU as merchandising sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SkuRecord {
    pub sku: String,
    /// The product's slug.
    pub product: String,
    /// The product's title.
    pub title: Localized,
    /// Size and colour, as the shopper reads them.
    pub options: Localized,
    pub price: Money,
    pub compare_at: Option<Money>,
    pub on_hand: i64,
    /// Held by orders waiting for payment (or cash at the door).
    pub reserved: i64,
    pub weight_grams: u32,
}

/// `GET /api/v1/admin/skus`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SkuList {
    pub items: Vec<SkuRecord>,
    pub total: u32,
    pub page: u32,
    pub per_page: u32,
}

/// `PUT /api/v1/admin/skus/{sku}/price`: the price, the was-price shown struck through, and
/// the weight shipping is charged by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PriceChange {
    pub price: Money,
    #[serde(default)]
    pub compare_at: Option<Money>,
    pub weight_grams: u32,
}

impl PriceChange {
    pub fn check(&self) -> Result<(), FieldError> {
        check_price("price", self.price)?;
        if let Some(was) = self.compare_at {
            check_price("compare_at", was)?;
            if was.currency != self.price.currency || was.amount <= self.price.amount {
                return Err(FieldError::said(
                    "compare_at",
                    "must be higher than the price (or left out)",
                    "必須高於售價（或留空）",
                ));
            }
        }
        if self.weight_grams > MAX_GRAMS {
            return Err(FieldError::said(
                "weight_grams",
                "must be at most 1,000,000 g",
                "最多 1,000,000 公克",
            ));
        }
        Ok(())
    }
}

fn check_price(field: &str, price: Money) -> Result<(), FieldError> {
    if !(0..=MAX_PRICE).contains(&price.amount) {
        return Err(FieldError::said(
            field,
            "must be from 0 to NT$100,000,000",
            "必須是 0 到 NT$100,000,000",
        ));
    }
    if price.amount % price.currency.unit() != 0 {
        // Prices in Taiwan are whole dollars; the pricing engine spreads discounts in them.
        return Err(FieldError::said(
            field,
            "must be whole dollars",
            "必須是整數金額，不能有小數",
        ));
    }
    Ok(())
}

/// Why stock moved, for the audit log and the stock history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AdjustmentReason {
    /// A delivery from a supplier.
    Received,
    /// A parcel came back and is fit to sell.
    Returned,
    Damaged,
    Lost,
    /// A count of the shelf found another figure.
    Recount,
}

impl AdjustmentReason {
    pub const fn as_str(self) -> &'static str {
        match self {
            AdjustmentReason::Received => "received",
            AdjustmentReason::Returned => "returned",
            AdjustmentReason::Damaged => "damaged",
            AdjustmentReason::Lost => "lost",
            AdjustmentReason::Recount => "recount",
        }
    }
}

/// `POST /api/v1/admin/skus/{sku}/stock-adjustments`: units in (positive) or out (negative).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StockAdjustment {
    pub delta: i64,
    pub reason: AdjustmentReason,
    #[serde(default)]
    pub note: String,
}

impl StockAdjustment {
    pub fn check(&self) -> Result<(), FieldError> {
        if self.delta == 0 || self.delta.unsigned_abs() > MAX_UNITS.unsigned_abs() {
            return Err(FieldError::said(
                "delta",
                "must be a number of units from ±1 to ±1,000,000",
                "必須是 ±1 到 ±1,000,000 件",
            ));
        }
        if matches!(
            self.reason,
            AdjustmentReason::Received | AdjustmentReason::Returned
        ) && self.delta < 0
        {
            return Err(FieldError::said(
                "delta",
                "units received or returned come in: positive",
                "進貨或退貨是入庫，必須是正數",
            ));
        }
        if matches!(
            self.reason,
            AdjustmentReason::Damaged | AdjustmentReason::Lost
        ) && self.delta > 0
        {
            return Err(FieldError::said(
                "delta",
                "units damaged or lost go out: negative",
                "損壞或遺失是出庫，必須是負數",
            ));
        }
        if self.note.chars().count() > 200 {
            return Err(FieldError::said(
                "note",
                "must be at most 200 characters",
                "最多 200 個字",
            ));
        }
        Ok(())
    }
}

/// Units on hand after moving `delta`: never below what orders hold (they were promised), nor
/// beyond the ceiling. The error names `field`.
pub fn adjusted_on_hand(
    on_hand: i64,
    reserved: i64,
    delta: i64,
    field: &str,
) -> Result<i64, FieldError> {
    let after = on_hand.saturating_add(delta);
    if after < reserved {
        return Err(FieldError::said(
            field,
            format!("would leave {after} on hand, fewer than the {reserved} that orders hold"),
            format!("調整後庫存剩 {after} 件，少於訂單保留的 {reserved} 件"),
        ));
    }
    if after > MAX_UNITS {
        return Err(FieldError::said(
            field,
            "would be over 1,000,000 units",
            "會超過 1,000,000 件",
        ));
    }
    Ok(after)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Locale;

    #[test]
    fn a_price_change_keeps_the_was_price_above_the_price() {
        let change = |price, was: Option<i64>| PriceChange {
            price: Money::twd(price),
            compare_at: was.map(Money::twd),
            weight_grams: 300,
        };
        assert_eq!(change(128_000, Some(158_000)).check(), Ok(()));
        assert_eq!(change(0, None).check(), Ok(()), "a free gift");
        assert_eq!(
            change(128_000, Some(128_000)).check().unwrap_err().field,
            "compare_at"
        );
        assert_eq!(change(-100, None).check().unwrap_err().field, "price");
        assert_eq!(change(128_050, None).check().unwrap_err().field, "price");
        let mut heavy = change(100, None);
        heavy.weight_grams = 2_000_000;
        assert_eq!(heavy.check().unwrap_err().field, "weight_grams");
    }

    #[test]
    fn stock_moves_the_way_its_reason_says_and_never_below_what_is_held() {
        let adjust = |delta, reason| StockAdjustment {
            delta,
            reason,
            note: String::new(),
        };
        assert_eq!(adjust(24, AdjustmentReason::Received).check(), Ok(()));
        assert_eq!(adjust(-3, AdjustmentReason::Recount).check(), Ok(()));
        assert_eq!(
            adjust(0, AdjustmentReason::Recount)
                .check()
                .unwrap_err()
                .field,
            "delta"
        );
        assert!(adjust(-1, AdjustmentReason::Received).check().is_err());
        // The largest negative number has no positive twin: refused, not overflowed.
        assert_eq!(
            adjust(i64::MIN, AdjustmentReason::Recount)
                .check()
                .unwrap_err()
                .field,
            "delta"
        );
        assert!(adjust(2, AdjustmentReason::Damaged).check().is_err());
        assert_eq!(adjusted_on_hand(10, 4, -6, "delta"), Ok(4));
        assert_eq!(
            adjusted_on_hand(10, 4, -7, "delta").unwrap_err().field,
            "delta"
        );
        assert!(adjusted_on_hand(10, 0, MAX_UNITS, "delta").is_err());
    }

    #[test]
    fn a_refusal_says_the_same_figures_in_both_languages() {
        let refused = adjusted_on_hand(10, 4, -7, "delta").unwrap_err();
        assert_eq!(
            refused.message_in(Locale::En),
            "would leave 3 on hand, fewer than the 4 that orders hold"
        );
        assert_eq!(
            refused.message_in(Locale::ZhTw),
            "調整後庫存剩 3 件，少於訂單保留的 4 件"
        );
    }
}
