//! The sandbox carrier: a logistics company in miniature for development, demos and tests.
//! Each method has its script, timed from the hand-over:
//!
//! | method        | steps (hours after hand-over)                                          |
//! |---------------|------------------------------------------------------------------------|
//! | home delivery | picked up 2 → in transit 8 → out for delivery 24 → delivered 30        |
//! | express       | picked up 1 → in transit 3 → out for delivery 12 → delivered 16        |
//! | store pickup  | picked up 2 → in transit 10 → arrived at the store 48 → collected 72   |
//!
//! Nothing is random: the tracking number comes from the order number, and the steps from
//! the clock, so a test that moves the clock past a step sees it.

use fourflow_core::checkout::Delivery;
use fourflow_core::delivery::TrackingCode;
use fourflow_core::pricing::ShippingMethod;
use sha2::{Digest, Sha256};

use super::{Accepted, Carrier, Parcel, Step, Tracked};

const HOUR: i64 = 3600;
/// Where every parcel leaves from.
const WAREHOUSE: &str = "四流選物桃園倉";

pub struct Sandbox;

/// The script of `method`: (hours after hand-over, step).
pub fn script(method: ShippingMethod) -> &'static [(i64, TrackingCode)] {
    use TrackingCode::*;
    match method {
        ShippingMethod::HomeDelivery => &[
            (2, PickedUp),
            (8, InTransit),
            (24, OutForDelivery),
            (30, Delivered),
        ],
        ShippingMethod::Express => &[
            (1, PickedUp),
            (3, InTransit),
            (12, OutForDelivery),
            (16, Delivered),
        ],
        ShippingMethod::StorePickup => &[
            (2, PickedUp),
            (10, InTransit),
            (48, ArrivedAtStore),
            (72, CollectedAtStore),
        ],
    }
}

/// Where a step happens, by the parcel's destination.
fn location(code: TrackingCode, delivery: &Delivery) -> String {
    match (code, delivery) {
        (TrackingCode::PickedUp, _) => WAREHOUSE.to_owned(),
        (TrackingCode::InTransit, Delivery::Address { city, .. }) => format!("{city}轉運中心"),
        (TrackingCode::InTransit, Delivery::Store { chain, .. }) => format!("{chain} 物流中心"),
        (_, Delivery::Address { city, district, .. }) => format!("{city}{district}營業所"),
        (
            _,
            Delivery::Store {
                chain, store_name, ..
            },
        ) => format!("{chain} {store_name}"),
    }
}

impl Carrier for Sandbox {
    fn name(&self) -> &'static str {
        "sandbox"
    }

    fn hand_over(&self, parcel: &Parcel, now: i64) -> Result<Accepted, String> {
        let digest = Sha256::digest(parcel.order_number.as_bytes());
        let digits: String = digest[..10]
            .iter()
            .map(|b| char::from(b'0' + b % 10))
            .collect();
        Ok(Accepted {
            tracking_number: format!("SB{digits}"),
            check_at: script(parcel.method)
                .iter()
                .map(|(hours, _)| now + hours * HOUR)
                .collect(),
        })
    }

    fn track(&self, tracked: &Tracked<'_>, now: i64) -> Result<Vec<Step>, String> {
        Ok(script(tracked.parcel.method)
            .iter()
            .map(|&(hours, code)| Step {
                at: tracked.handed_over_at + hours * HOUR,
                code,
                location: location(code, &tracked.parcel.delivery),
            })
            .take_while(|step| step.at <= now)
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parcel(method: ShippingMethod) -> Parcel {
        Parcel {
            order_number: "FF20261125-ABC234".into(),
            method,
            delivery: Delivery::Store {
                chain: "7-ELEVEN".into(),
                store_id: "131386".into(),
                store_name: "大安門市".into(),
            },
            weight_grams: 800,
        }
    }

    #[test]
    fn the_same_order_gets_the_same_tracking_number() {
        let p = parcel(ShippingMethod::StorePickup);
        let first = Sandbox.hand_over(&p, 0).unwrap();
        assert_eq!(first, Sandbox.hand_over(&p, 0).unwrap());
        assert_eq!(first.tracking_number.len(), 12);
        assert_eq!(first.check_at.len(), 4);
    }

    #[test]
    fn steps_appear_as_the_clock_passes_them() {
        let p = parcel(ShippingMethod::StorePickup);
        let tracked = Tracked {
            tracking_number: "SB0",
            parcel: &p,
            handed_over_at: 1000,
        };
        let at = |hours: i64| Sandbox.track(&tracked, 1000 + hours * HOUR).unwrap();
        assert!(at(1).is_empty());
        assert_eq!(at(2).len(), 1);
        let all = at(100);
        assert_eq!(all.len(), 4);
        assert_eq!(all[2].code, TrackingCode::ArrivedAtStore);
        assert_eq!(all[2].location, "7-ELEVEN 大安門市");
    }
}
