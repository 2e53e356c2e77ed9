//! Carriers (物流業者). A carrier is one implementation of [`Carrier`]: it takes a parcel and
//! answers with a tracking number, then reports the parcel's steps. The built-in sandbox
//! follows a script per shipping method on the shop's clock, so tests move a parcel along by
//! moving the clock; a real carrier is one more implementation.

pub mod sandbox;

use fourflow_core::checkout::Delivery;
use fourflow_core::delivery::TrackingCode;
use fourflow_core::pricing::ShippingMethod;

/// What the shop gives the carrier.
#[derive(Debug, Clone)]
pub struct Parcel {
    pub order_number: String,
    pub method: ShippingMethod,
    pub delivery: Delivery,
    pub weight_grams: u32,
}

/// The carrier's answer when it takes a parcel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    pub tracking_number: String,
    /// Unix seconds at which to ask the carrier for news of the parcel: the shop's outbox
    /// polls then (a carrier with webhooks would call in instead).
    pub check_at: Vec<i64>,
}

/// A step of the parcel's journey, as the carrier reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// Unix seconds.
    pub at: i64,
    pub code: TrackingCode,
    /// Where it happened: a sorting centre, a store.
    pub location: String,
}

/// A parcel the carrier has.
#[derive(Debug, Clone)]
pub struct Tracked<'a> {
    pub tracking_number: &'a str,
    pub parcel: &'a Parcel,
    /// Unix seconds.
    pub handed_over_at: i64,
}

pub trait Carrier: Send + Sync {
    fn name(&self) -> &'static str;
    /// Takes the parcel at `now`. Asking twice for the same order gives the same tracking
    /// number (the order number is the carrier's idempotency key), so a retried job is safe.
    fn hand_over(&self, parcel: &Parcel, now: i64) -> Result<Accepted, String>;
    /// Every step of the parcel up to `now`, oldest first.
    fn track(&self, parcel: &Tracked<'_>, now: i64) -> Result<Vec<Step>, String>;
}
