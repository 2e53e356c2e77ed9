//! Shipping methods and what they cost by weight.

use serde::{Deserialize, Serialize};

use crate::{Localized, Money};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ShippingMethod {
    /// 宅配: to the door in 1–2 business days.
    #[default]
    HomeDelivery,
    /// 快速到貨: next business day.
    Express,
    /// 超商取貨: collected at a convenience store.
    StorePickup,
}

impl ShippingMethod {
    pub const ALL: [ShippingMethod; 3] = [
        ShippingMethod::HomeDelivery,
        ShippingMethod::Express,
        ShippingMethod::StorePickup,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ShippingMethod::HomeDelivery => "home_delivery",
            ShippingMethod::Express => "express",
            ShippingMethod::StorePickup => "store_pickup",
        }
    }
}

/// The price of one method: a base fee covering `base_grams`, then `step_fee` per further
/// `step_grams` or part of it. A method may refuse parcels over `max_grams` (convenience stores
/// take up to 5 kg).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShippingRate {
    pub method: ShippingMethod,
    pub label: Localized,
    pub base_fee: Money,
    pub base_grams: u32,
    pub step_fee: Money,
    pub step_grams: u32,
    pub max_grams: Option<u32>,
}

/// A parcel's weight: each unit's, summed, from `(grams, units)` pairs. Saturating, so that
/// no cart can overflow into a light, cheap parcel.
pub fn parcel_grams(units: impl IntoIterator<Item = (u32, u32)>) -> u32 {
    units.into_iter().fold(0u32, |sum, (grams, qty)| {
        sum.saturating_add(grams.saturating_mul(qty))
    })
}

impl ShippingRate {
    /// The fee for a parcel of `grams`; `None` when the method cannot carry it.
    pub fn fee(&self, grams: u32) -> Option<Money> {
        if self.max_grams.is_some_and(|max| grams > max) {
            return None;
        }
        let extra = grams.saturating_sub(self.base_grams);
        let steps = if self.step_grams == 0 {
            0
        } else {
            extra.div_ceil(self.step_grams)
        };
        let fee = self.base_fee.amount + self.step_fee.amount * i64::from(steps);
        Some(Money::new(fee, self.base_fee.currency))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parcel_weighs_every_unit_and_never_wraps_around() {
        assert_eq!(parcel_grams([(150, 2), (1_000, 1)]), 1_300);
        assert_eq!(parcel_grams([]), 0);
        assert_eq!(parcel_grams([(3_000_000_000, 2)]), u32::MAX);
        assert_eq!(
            parcel_grams([(4_000_000_000, 1), (1_000_000_000, 1)]),
            u32::MAX
        );
    }

    #[test]
    fn fees_grow_by_step_and_stop_at_the_limit() {
        let rate = ShippingRate {
            method: ShippingMethod::StorePickup,
            label: Localized::default(),
            base_fee: Money::twd(6000),
            base_grams: 3000,
            step_fee: Money::twd(3000),
            step_grams: 1000,
            max_grams: Some(5000),
        };
        assert_eq!(rate.fee(0), Some(Money::twd(6000)));
        assert_eq!(rate.fee(3000), Some(Money::twd(6000)));
        assert_eq!(rate.fee(3001), Some(Money::twd(9000)));
        assert_eq!(rate.fee(5000), Some(Money::twd(12000)));
        assert_eq!(rate.fee(5001), None);
    }
}
