//! The demo store's promotions, coupons and shipping rates, as a Taiwanese shop runs them:
//! free shipping over NT$1,000, a tea bundle, buy-two-get-one snacks, a skincare week, and
//! a few coupons (one expired, one with a limited number of uses), so that refusals can be seen.

use fourflow_core::catalog::Slug;
use fourflow_core::pricing::{Coupon, Offer, Promotion, Scope, ShippingMethod, ShippingRate};
use fourflow_core::{Localized, Money};
use sqlx::{Any, Transaction};

use crate::store::pricing;

fn text(zh_tw: &str, en: &str) -> Localized {
    Localized {
        zh_tw: zh_tw.into(),
        en: en.into(),
    }
}

fn categories(slugs: &[&str]) -> Scope {
    Scope::Categories(
        slugs
            .iter()
            .map(|s| Slug::parse("slug", s).expect("demo slugs are valid"))
            .collect(),
    )
}

fn promotion(
    id: &str,
    label: Localized,
    offer: Offer,
    scope: Scope,
    min_spend: Option<i64>,
) -> Promotion {
    Promotion {
        id: id.into(),
        label,
        offer,
        scope,
        min_spend: min_spend.map(Money::twd),
        starts_at: None,
        ends_at: None,
    }
}

/// 2026-09-01T00:00:00Z: the end of the summer coupon, already past.
const END_OF_SUMMER_2026: i64 = 1_788_220_800;

pub fn automatic() -> Vec<Promotion> {
    vec![
        promotion(
            "free-shipping-1000",
            text("全館滿 NT$1,000 免運", "Free shipping over NT$1,000"),
            Offer::FreeShipping {
                methods: vec![ShippingMethod::HomeDelivery, ShippingMethod::StorePickup],
            },
            Scope::All,
            Some(100_000),
        ),
        promotion(
            "tea-any-3-999",
            text("茶品任選 3 件 NT$999", "Any 3 teas for NT$999"),
            Offer::BundlePrice {
                qty: 3,
                price: Money::twd(99_900),
            },
            categories(&["tea"]),
            None,
        ),
        promotion(
            "snacks-buy-2-get-1",
            text("零食買二送一", "Snacks: buy 2, get 1 free"),
            Offer::BuyXGetY { buy: 2, get: 1 },
            categories(&["snacks"]),
            None,
        ),
    ]
}

pub fn coupons() -> Vec<(Coupon, Option<i64>)> {
    let coupon = |code: &str, promotion: Promotion| Coupon {
        code: code.into(),
        promotion,
    };
    vec![
        (
            coupon(
                "WELCOME100",
                promotion(
                    "coupon-welcome-100",
                    text("新朋友折 NT$100", "NT$100 off for new friends"),
                    Offer::AmountOff {
                        amount: Money::twd(10_000),
                    },
                    Scope::All,
                    Some(80_000),
                ),
            ),
            None,
        ),
        (
            coupon(
                "SKIN15",
                promotion(
                    "coupon-skincare-15",
                    text("保養品 85 折", "15% off skincare"),
                    Offer::PercentOff { percent: 15 },
                    categories(&["skincare"]),
                    None,
                ),
            ),
            None,
        ),
        (
            coupon(
                "SUMMER2026",
                Promotion {
                    ends_at: Some(END_OF_SUMMER_2026),
                    ..promotion(
                        "coupon-summer-2026",
                        text("夏日全館 9 折", "10% off everything this summer"),
                        Offer::PercentOff { percent: 10 },
                        Scope::All,
                        None,
                    )
                },
            ),
            None,
        ),
        (
            coupon(
                "FIRST50",
                promotion(
                    "coupon-first-50",
                    text("前 50 名折 NT$200", "NT$200 off for the first 50"),
                    Offer::AmountOff {
                        amount: Money::twd(20_000),
                    },
                    Scope::All,
                    Some(150_000),
                ),
            ),
            Some(50),
        ),
    ]
}

pub fn shipping_rates() -> Vec<ShippingRate> {
    let rate = |method, label, base, base_grams, step, step_grams, max| ShippingRate {
        method,
        label,
        base_fee: Money::twd(base),
        base_grams,
        step_fee: Money::twd(step),
        step_grams,
        max_grams: max,
    };
    vec![
        rate(
            ShippingMethod::HomeDelivery,
            text("宅配到府", "Home delivery"),
            10_000,
            5_000,
            5_000,
            5_000,
            None,
        ),
        rate(
            ShippingMethod::Express,
            text("快速到貨", "Express"),
            18_000,
            5_000,
            8_000,
            5_000,
            None,
        ),
        rate(
            ShippingMethod::StorePickup,
            text("超商取貨", "Convenience-store pickup"),
            6_000,
            5_000,
            0,
            5_000,
            Some(5_000),
        ),
    ]
}

pub async fn seed(tx: &mut Transaction<'_, Any>) -> sqlx::Result<()> {
    for promotion in automatic() {
        pricing::upsert_promotion(tx, &promotion, true).await?;
    }
    for (coupon, limit) in coupons() {
        pricing::upsert_coupon(tx, &coupon, limit).await?;
    }
    for (position, rate) in shipping_rates().iter().enumerate() {
        pricing::upsert_rate(tx, rate, position as i64).await?;
    }
    Ok(())
}
