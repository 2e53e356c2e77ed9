//! A parcel's own status, from the warehouse to the door, and what it decides: while the
//! warehouse holds it an order can still be cancelled or refunded as a whole; once it is with
//! the carrier, the shop waits for delivery.

use serde::{Deserialize, Serialize};

use crate::admin::orders::ParcelStage;
use crate::order::OrderStatus;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParcelStatus {
    /// On the pick list: the warehouse is gathering the order's items.
    Picking,
    Packed,
    /// The carrier is being called (a queued hand-over): already out of the warehouse's hands.
    HandingOver,
    /// The carrier took it and gave a tracking number.
    HandedOver,
    Delivered,
}

impl ParcelStatus {
    pub const ALL: [ParcelStatus; 5] = [
        ParcelStatus::Picking,
        ParcelStatus::Packed,
        ParcelStatus::HandingOver,
        ParcelStatus::HandedOver,
        ParcelStatus::Delivered,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            ParcelStatus::Picking => "picking",
            ParcelStatus::Packed => "packed",
            ParcelStatus::HandingOver => "handing_over",
            ParcelStatus::HandedOver => "handed_over",
            ParcelStatus::Delivered => "delivered",
        }
    }

    pub fn parse(text: &str) -> Option<ParcelStatus> {
        ParcelStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Whether the carrier has it, or is being given it: the warehouse can no longer stop it.
    pub const fn with_carrier(self) -> bool {
        !matches!(self, ParcelStatus::Picking | ParcelStatus::Packed)
    }

    /// Where the parcel of an order in `status` stands, for what an operator may do with it.
    pub fn stage(status: OrderStatus, parcel: Option<ParcelStatus>) -> ParcelStage {
        match (status, parcel) {
            (OrderStatus::Processing, Some(ParcelStatus::Picking)) => ParcelStage::Picking,
            (OrderStatus::Processing, Some(ParcelStatus::Packed)) => ParcelStage::Packed,
            (OrderStatus::Processing, Some(_)) => ParcelStage::WithCarrier,
            _ => ParcelStage::None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back() {
        for status in ParcelStatus::ALL {
            assert_eq!(ParcelStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(ParcelStatus::parse("lost"), None);
    }

    #[test]
    fn only_the_warehouse_can_still_stop_a_parcel() {
        let held: Vec<_> = ParcelStatus::ALL
            .into_iter()
            .filter(|s| !s.with_carrier())
            .collect();
        assert_eq!(held, [ParcelStatus::Picking, ParcelStatus::Packed]);
    }

    #[test]
    fn an_operator_works_a_parcel_only_while_the_order_is_in_processing() {
        use OrderStatus::*;
        assert_eq!(
            ParcelStatus::stage(Processing, Some(ParcelStatus::Picking)),
            ParcelStage::Picking
        );
        assert_eq!(
            ParcelStatus::stage(Processing, Some(ParcelStatus::HandingOver)),
            ParcelStage::WithCarrier
        );
        assert_eq!(ParcelStatus::stage(Processing, None), ParcelStage::None);
        assert_eq!(
            ParcelStatus::stage(Shipped, Some(ParcelStatus::HandedOver)),
            ParcelStage::None
        );
    }
}
