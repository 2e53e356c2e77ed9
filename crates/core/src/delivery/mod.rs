//! Logistics (物流) rules both sides share: when a parcel leaves and arrives (cut-off time,
//! business days, transit days per method), convenience stores to collect at, and a parcel's
//! tracking steps. The checkout shows the same estimate the server stores at hand-over.

pub mod areas;
mod calendar;
mod parcel;
mod tracking;

use serde::{Deserialize, Serialize};

pub use calendar::{
    add_business_days, is_business_day, taipei, this_or_next_business_day, Date, Weekday, HOLIDAYS,
    TAIPEI_OFFSET_SECONDS,
};
pub use parcel::ParcelStatus;
pub use tracking::{collect_by, ShipmentView, TrackingCode, TrackingEventView, DAYS_AT_STORE};

use crate::pricing::ShippingMethod;

/// Orders placed before this hour (Taipei time) on a business day leave the same day.
pub const CUT_OFF_HOUR: u8 = 15;

/// When a parcel may arrive: first and last likely day, `YYYY-MM-DD` (Taipei dates).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeliveryEstimate {
    pub earliest: String,
    pub latest: String,
}

/// Business days from leaving the warehouse to arriving, first and last likely: home delivery
/// 1–2, express the next business day, store pickup 2–3 to reach the store's shelf.
pub const fn transit_days(method: ShippingMethod) -> (u32, u32) {
    match method {
        ShippingMethod::HomeDelivery => (1, 2),
        ShippingMethod::Express => (1, 1),
        ShippingMethod::StorePickup => (2, 3),
    }
}

/// The day an order placed (or a parcel ready) at `unix` seconds leaves the warehouse: the
/// same day before the cut-off on a business day, otherwise the next business day.
pub fn ship_date(unix: i64) -> Date {
    let (today, hour) = taipei(unix);
    if is_business_day(today) && hour < CUT_OFF_HOUR {
        today
    } else {
        this_or_next_business_day(today.plus_days(1))
    }
}

/// When a parcel sent by `method` from an order at `unix` seconds should arrive.
pub fn estimate(method: ShippingMethod, unix: i64) -> DeliveryEstimate {
    estimate_from(method, ship_date(unix))
}

/// The same, for a parcel that leaves on `shipped`.
pub fn estimate_from(method: ShippingMethod, shipped: Date) -> DeliveryEstimate {
    let (first, last) = transit_days(method);
    DeliveryEstimate {
        earliest: add_business_days(shipped, first).to_string(),
        latest: add_business_days(shipped, last).to_string(),
    }
}

/// `GET /api/v1/delivery-estimates`: when each method would arrive for an order placed now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeliveryEstimates {
    /// The day the parcel would leave the warehouse, `YYYY-MM-DD`.
    pub ships_on: String,
    /// Orders before this hour (Taipei) on a business day ship the same day.
    pub cut_off_hour: u8,
    pub items: Vec<MethodEstimate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MethodEstimate {
    pub shipping_method: ShippingMethod,
    pub earliest: String,
    pub latest: String,
}

impl DeliveryEstimates {
    /// For an order at `unix` seconds, by each of `methods`.
    pub fn at(unix: i64, methods: &[ShippingMethod]) -> DeliveryEstimates {
        let shipped = ship_date(unix);
        DeliveryEstimates {
            ships_on: shipped.to_string(),
            cut_off_hour: CUT_OFF_HOUR,
            items: methods
                .iter()
                .map(|&method| {
                    let DeliveryEstimate { earliest, latest } = estimate_from(method, shipped);
                    MethodEstimate {
                        shipping_method: method,
                        earliest,
                        latest,
                    }
                })
                .collect(),
        }
    }
}

/// The convenience-store chains that take parcels, as the API writes their names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StoreChain {
    SevenEleven,
    FamilyMart,
    HiLife,
    OkMart,
}

impl StoreChain {
    pub const ALL: [StoreChain; 4] = [
        StoreChain::SevenEleven,
        StoreChain::FamilyMart,
        StoreChain::HiLife,
        StoreChain::OkMart,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            StoreChain::SevenEleven => "7-ELEVEN",
            StoreChain::FamilyMart => "FamilyMart",
            StoreChain::HiLife => "Hi-Life",
            StoreChain::OkMart => "OKmart",
        }
    }

    /// The chain named `text`, in any case.
    pub fn parse(text: &str) -> Option<StoreChain> {
        let text = text.trim();
        StoreChain::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(text))
    }
}

/// A convenience store that takes parcels for pickup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PickupStore {
    /// The chain's own store code (店號).
    pub id: String,
    /// `7-ELEVEN`, `FamilyMart`, `Hi-Life` or `OKmart` ([`StoreChain`]).
    pub chain: String,
    /// The store's name, zh-TW (`大安門市`).
    pub name: String,
    pub city: String,
    pub district: String,
    pub address: String,
    /// When the store is open; none for a store open day and night (most are).
    #[serde(default)]
    pub hours: Option<OpeningHours>,
}

/// A store's daily opening hours, `HH:MM` Taipei time (`closes` may be `24:00`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpeningHours {
    pub opens: String,
    pub closes: String,
}

impl PickupStore {
    /// Whether the store answers a search: `query` found in its name, number (店號), address,
    /// city or district (ignoring case, spaces, full width and 臺/台), and of `chain` if one
    /// is given.
    pub fn matches(&self, query: &str, chain: Option<StoreChain>) -> bool {
        // As search compares text (臺 as 台, full width as ASCII), spaces aside.
        let fold = |text: &str| -> String { crate::search::normalize(text).replace(' ', "") };
        let query = fold(query);
        chain.is_none_or(|chain| chain.as_str() == self.chain)
            && [
                &self.name,
                &self.id,
                &self.address,
                &self.city,
                &self.district,
            ]
            .iter()
            .any(|field| fold(field).contains(&query))
    }
}

/// `GET /api/v1/pickup-stores`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PickupStoreList {
    pub items: Vec<PickupStore>,
    pub total: u32,
    pub page: u32,
    pub per_page: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-11-25 (a Wednesday) 00:00 Taipei, in Unix seconds.
    const WED_MIDNIGHT: i64 = 1_795_564_800 - 8 * 3600;
    const HOUR: i64 = 3600;

    fn at(days: i64, hour: i64) -> i64 {
        WED_MIDNIGHT + days * 86_400 + hour * HOUR
    }

    fn range(method: ShippingMethod, unix: i64) -> (String, String) {
        let e = estimate(method, unix);
        (e.earliest, e.latest)
    }

    #[test]
    fn before_the_cut_off_the_parcel_leaves_the_same_day() {
        assert_eq!(ship_date(at(0, 14)), Date::new(2026, 11, 25));
        assert_eq!(ship_date(at(0, 15)), Date::new(2026, 11, 26));
        assert_eq!(
            range(ShippingMethod::HomeDelivery, at(0, 9)),
            ("2026-11-26".into(), "2026-11-27".into())
        );
        assert_eq!(
            range(ShippingMethod::Express, at(0, 9)),
            ("2026-11-26".into(), "2026-11-26".into())
        );
    }

    #[test]
    fn friday_after_the_cut_off_ships_monday_and_arrives_from_tuesday() {
        let friday_evening = at(2, 18);
        assert_eq!(ship_date(friday_evening), Date::new(2026, 11, 30));
        assert_eq!(
            range(ShippingMethod::Express, friday_evening),
            ("2026-12-01".into(), "2026-12-01".into())
        );
        assert_eq!(
            range(ShippingMethod::HomeDelivery, friday_evening),
            ("2026-12-01".into(), "2026-12-02".into())
        );
        assert_eq!(
            range(ShippingMethod::StorePickup, friday_evening),
            ("2026-12-02".into(), "2026-12-03".into())
        );
        // A Saturday morning is no better than Friday evening.
        assert_eq!(ship_date(at(3, 9)), Date::new(2026, 11, 30));
    }

    #[test]
    fn holidays_and_the_year_end_push_the_dates_on() {
        // Thursday 24 Dec 2026 after the cut-off: Friday is 行憲紀念日, so Monday 28.
        let christmas_eve = at(29, 16);
        assert_eq!(ship_date(christmas_eve), Date::new(2026, 12, 28));
        // Thursday 31 Dec after the cut-off: New Year's Day is a Friday; ships Mon 4 Jan 2027.
        let new_years_eve = at(36, 20);
        assert_eq!(
            range(ShippingMethod::HomeDelivery, new_years_eve),
            ("2027-01-05".into(), "2027-01-06".into())
        );
        // Before the cut-off on the 31st: leaves that day, and the holiday is skipped.
        assert_eq!(
            range(ShippingMethod::Express, at(36, 10)),
            ("2027-01-04".into(), "2027-01-04".into())
        );
    }

    #[test]
    fn estimates_for_every_method_share_one_ship_date() {
        let all = DeliveryEstimates::at(at(0, 9), &ShippingMethod::ALL);
        assert_eq!(all.ships_on, "2026-11-25");
        assert_eq!(all.items.len(), 3);
        assert!(all.items.iter().all(|m| m.earliest <= m.latest));
    }

    #[test]
    fn stores_match_by_name_number_address_district_and_chain() {
        let store = PickupStore {
            id: "131386".into(),
            chain: "7-ELEVEN".into(),
            name: "大安門市".into(),
            city: "台北市".into(),
            district: "大安區".into(),
            address: "台北市大安區復興南路一段 1 號".into(),
            hours: None,
        };
        assert!(store.matches("大安", None));
        let seven = StoreChain::parse("7-eleven");
        assert_eq!(seven, Some(StoreChain::SevenEleven));
        assert!(store.matches("復興南路一段1號", seven));
        assert!(store.matches("1313", None), "by its number");
        assert!(store.matches("", None));
        assert!(store.matches("臺北市大安區", None), "臺 is 台");
        assert!(store.matches("一段１號", None), "full-width digits");
        assert!(!store.matches("大安", Some(StoreChain::FamilyMart)));
        assert_eq!(StoreChain::parse("Circle K"), None);
        assert!(!store.matches("信義", None));
    }
}
