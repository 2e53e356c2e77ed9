//! A parcel's journey as the shopper sees it: the steps a carrier reports, what each one means
//! for the order's status, and the shipment shown on the order page.

use serde::{Deserialize, Serialize};

use super::{taipei, Date, DeliveryEstimate, PickupStore};
use crate::order::OrderStatus;

/// A step a carrier reports. Home delivery and express go picked up → in transit → out for
/// delivery → delivered; store pickup goes picked up → in transit → arrived at the store →
/// collected by the shopper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TrackingCode {
    /// The carrier collected the parcel from the warehouse.
    PickedUp,
    /// At or between sorting centres.
    InTransit,
    /// With the courier on the way to the door.
    OutForDelivery,
    Delivered,
    /// On the shelf of the pickup store, waiting for the shopper.
    ArrivedAtStore,
    /// Collected by the shopper at the store.
    CollectedAtStore,
}

impl TrackingCode {
    pub const ALL: [TrackingCode; 6] = [
        TrackingCode::PickedUp,
        TrackingCode::InTransit,
        TrackingCode::OutForDelivery,
        TrackingCode::Delivered,
        TrackingCode::ArrivedAtStore,
        TrackingCode::CollectedAtStore,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            TrackingCode::PickedUp => "picked_up",
            TrackingCode::InTransit => "in_transit",
            TrackingCode::OutForDelivery => "out_for_delivery",
            TrackingCode::Delivered => "delivered",
            TrackingCode::ArrivedAtStore => "arrived_at_store",
            TrackingCode::CollectedAtStore => "collected_at_store",
        }
    }

    pub fn parse(text: &str) -> Option<TrackingCode> {
        TrackingCode::ALL.into_iter().find(|c| c.as_str() == text)
    }

    /// The order status this step moves the order to, if any. Being picked up changes
    /// nothing: the order became shipped when the carrier accepted it. A parcel waiting at its
    /// store counts as out for delivery (the order status says "with the courier, or waiting
    /// at the pickup store").
    pub const fn order_status(self) -> Option<OrderStatus> {
        match self {
            TrackingCode::PickedUp => None,
            TrackingCode::InTransit => Some(OrderStatus::InTransit),
            TrackingCode::OutForDelivery | TrackingCode::ArrivedAtStore => {
                Some(OrderStatus::OutForDelivery)
            }
            TrackingCode::Delivered | TrackingCode::CollectedAtStore => {
                Some(OrderStatus::Delivered)
            }
        }
    }

    /// What the step says to the shopper, in zh-TW and in English; `location` is where it
    /// happened (a sorting centre, a store's name).
    pub fn describe(self, location: &str) -> (String, String) {
        match self {
            TrackingCode::PickedUp => (
                format!("物流已於{location}取件"),
                format!("Picked up by the carrier at {location}"),
            ),
            TrackingCode::InTransit => (
                format!("包裹已抵達{location}，轉運中"),
                format!("In transit at {location}"),
            ),
            TrackingCode::OutForDelivery => (
                format!("配送中：{location}的司機正在前往您的地址"),
                format!("Out for delivery from {location}"),
            ),
            TrackingCode::Delivered => (
                "包裹已送達，謝謝您的訂購".to_owned(),
                "Delivered. Thank you for your order".to_owned(),
            ),
            TrackingCode::ArrivedAtStore => (
                format!("包裹已到達{location}，請於 7 天內攜帶證件取件"),
                format!("Arrived at {location}: collect it within 7 days, with ID"),
            ),
            TrackingCode::CollectedAtStore => (
                format!("已於{location}取件完成"),
                format!("Collected at {location}"),
            ),
        }
    }
}

/// A parcel handed to a carrier, as shown on the order page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShipmentView {
    /// The carrier's name (`sandbox` for the built-in one).
    pub carrier: String,
    pub tracking_number: String,
    /// When the carrier took the parcel (RFC 3339).
    pub handed_over_at: String,
    pub estimated_delivery: Option<DeliveryEstimate>,
    /// Oldest first.
    #[serde(default)]
    pub events: Vec<TrackingEventView>,
    /// The store to collect the parcel at, for store pickup.
    #[serde(default)]
    pub pickup_store: Option<PickupStore>,
}

/// How long a pickup store keeps a parcel on its shelf before sending it back: seven days, as
/// 7-ELEVEN, FamilyMart, Hi-Life and OK all do.
pub const DAYS_AT_STORE: i64 = 7;

/// The last day (Taipei) a parcel that reached its store at `arrived_at` (Unix seconds) can
/// be collected.
pub fn collect_by(arrived_at: i64) -> Date {
    taipei(arrived_at).0.plus_days(DAYS_AT_STORE)
}

impl ShipmentView {
    /// The parcel is on the pickup store's shelf: arrived, not yet collected.
    pub fn waiting_at_store(&self) -> bool {
        let reported = |code| self.events.iter().any(|e| e.code == code);
        reported(TrackingCode::ArrivedAtStore) && !reported(TrackingCode::CollectedAtStore)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrackingEventView {
    /// RFC 3339.
    pub at: String,
    pub code: TrackingCode,
    pub description_zh: String,
    pub description_en: String,
    pub location: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_script_walks_the_order_state_machine_legally() {
        use TrackingCode::*;
        for script in [
            &[PickedUp, InTransit, OutForDelivery, Delivered][..],
            &[PickedUp, OutForDelivery, Delivered][..],
            &[PickedUp, InTransit, ArrivedAtStore, CollectedAtStore][..],
        ] {
            let mut status = OrderStatus::Shipped;
            for code in script {
                if let Some(next) = code.order_status() {
                    status = status.transition(next, false).expect("a legal move");
                }
            }
            assert_eq!(status, OrderStatus::Delivered, "{script:?}");
        }
    }

    #[test]
    fn codes_round_trip_and_describe_themselves_in_both_languages() {
        for code in TrackingCode::ALL {
            assert_eq!(TrackingCode::parse(code.as_str()), Some(code));
            let (zh, en) = code.describe("台北轉運中心");
            assert!(!zh.is_empty() && !en.is_empty(), "{code:?}");
        }
        assert!(TrackingCode::ArrivedAtStore
            .describe("7-ELEVEN 大安門市")
            .0
            .contains("大安門市"));
    }

    #[test]
    fn a_parcel_waits_at_the_store_from_its_arrival_until_it_is_collected() {
        let step = |code| TrackingEventView {
            at: "2026-11-26T10:00:00Z".into(),
            code,
            description_zh: String::new(),
            description_en: String::new(),
            location: String::new(),
        };
        let mut shipment = ShipmentView {
            carrier: "sandbox".into(),
            tracking_number: "SB1".into(),
            handed_over_at: "2026-11-25T10:00:00Z".into(),
            estimated_delivery: None,
            events: vec![step(TrackingCode::PickedUp), step(TrackingCode::InTransit)],
            pickup_store: None,
        };
        assert!(!shipment.waiting_at_store());
        shipment.events.push(step(TrackingCode::ArrivedAtStore));
        assert!(shipment.waiting_at_store());
        shipment.events.push(step(TrackingCode::CollectedAtStore));
        assert!(!shipment.waiting_at_store());
    }

    #[test]
    fn a_parcel_waits_seven_days_at_its_store() {
        // Arrived 2026-12-07 23:30 in Taipei (15:30 UTC): collect by the 14th.
        let arrived = 1_796_657_400;
        assert_eq!(taipei(arrived).0, Date::new(2026, 12, 7));
        assert_eq!(collect_by(arrived), Date::new(2026, 12, 14));
    }
}
