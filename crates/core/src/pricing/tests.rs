//! The pricing engine, rule by rule, and the properties every quote keeps.

use proptest::prelude::*;

use super::*;
use crate::cart::CartLine;
use crate::catalog::{Sku, Slug};
use crate::{Localized, Money};

fn text(s: &str) -> Localized {
    Localized {
        zh_tw: s.into(),
        en: s.into(),
    }
}

fn slug(s: &str) -> Slug {
    Slug::parse("slug", s).unwrap()
}

fn sku(code: &str, category: &str, price: i64, grams: u32, available: u32) -> PricedSku {
    PricedSku {
        sku: Sku::parse("sku", code).unwrap(),
        product: slug(&code.to_lowercase()),
        title: text(code),
        options: Localized::default(),
        image: None,
        categories: vec![slug("shop"), slug(category)],
        unit_price: Money::twd(price),
        compare_at: None,
        weight_grams: grams,
        available,
    }
}

fn catalog() -> Vec<PricedSku> {
    vec![
        sku("TEA-A", "tea", 35_000, 200, 50),
        sku("TEA-B", "tea", 42_000, 200, 50),
        sku("TEA-C", "tea", 28_000, 150, 50),
        sku("DRESS", "dresses", 129_000, 400, 5),
        sku("BUDS", "audio", 199_000, 300, 10),
        sku("SOLD", "audio", 99_000, 300, 0),
    ]
}

fn rates() -> Vec<ShippingRate> {
    let rate = |method, base, step, max| ShippingRate {
        method,
        label: text(method.as_str()),
        base_fee: Money::twd(base),
        base_grams: 5000,
        step_fee: Money::twd(step),
        step_grams: 5000,
        max_grams: max,
    };
    vec![
        rate(ShippingMethod::HomeDelivery, 10_000, 5_000, None),
        rate(ShippingMethod::Express, 18_000, 8_000, None),
        rate(ShippingMethod::StorePickup, 6_000, 0, Some(5000)),
    ]
}

fn promotion(id: &str, offer: Offer) -> Promotion {
    Promotion {
        id: id.into(),
        label: text(id),
        offer,
        scope: Scope::All,
        min_spend: None,
        starts_at: None,
        ends_at: None,
    }
}

fn free_shipping_over_1000() -> Promotion {
    Promotion {
        min_spend: Some(Money::twd(100_000)),
        ..promotion(
            "free-shipping",
            Offer::FreeShipping {
                methods: vec![ShippingMethod::HomeDelivery, ShippingMethod::StorePickup],
            },
        )
    }
}

fn line(code: &str, qty: u32) -> CartLine {
    CartLine {
        sku: Sku::parse("sku", code).unwrap(),
        qty,
    }
}

fn quote_with(
    promotions: &[Promotion],
    cart: &[CartLine],
    coupon: Option<&Coupon>,
    method: ShippingMethod,
) -> Result<Quote, QuoteError> {
    let skus = catalog();
    let rates = rates();
    Pricing {
        skus: &skus,
        promotions,
        rates: &rates,
        now: 1_000,
        enforce_stock: true,
    }
    .quote(cart, coupon, method)
}

fn quote(promotions: &[Promotion], cart: &[CartLine]) -> Quote {
    quote_with(promotions, cart, None, ShippingMethod::HomeDelivery).unwrap()
}

#[test]
fn a_plain_cart_adds_up_with_shipping_and_vat_included() {
    let q = quote(&[], &[line("TEA-A", 2), line("DRESS", 1)]);
    assert_eq!(q.subtotal, Money::twd(199_000));
    assert_eq!(q.discount_total, Money::twd(0));
    assert_eq!(q.shipping.fee, Money::twd(10_000));
    assert_eq!(q.total, Money::twd(209_000));
    assert_eq!(q.vat_included, Money::twd(10_000)); // 209,000 × 5/105 = 9,952 → NT$100
    assert_eq!(q.lines[0].total, Money::twd(70_000));
}

#[test]
fn percent_off_rounds_the_discount_down_to_a_dollar() {
    let mut p = promotion("tea-15", Offer::PercentOff { percent: 15 });
    p.scope = Scope::Categories(vec![slug("tea")]);
    let q = quote(
        &[p],
        &[line("TEA-A", 1), line("TEA-C", 1), line("DRESS", 1)],
    );
    // 15% of 630 = 94.5 → 94, spread over the two teas only.
    assert_eq!(q.discount_total, Money::twd(9_400));
    assert_eq!(q.lines[2].discount, Money::twd(0));
    assert_eq!(
        q.lines[0].discount.amount + q.lines[1].discount.amount,
        9_400
    );
}

#[test]
fn amount_off_needs_its_minimum_spend_and_never_exceeds_the_items() {
    let mut p = promotion(
        "save-200",
        Offer::AmountOff {
            amount: Money::twd(20_000),
        },
    );
    p.min_spend = Some(Money::twd(150_000));
    assert_eq!(
        quote(&[p.clone()], &[line("DRESS", 1)]).discount_total,
        Money::twd(0)
    );
    assert_eq!(
        quote(&[p.clone()], &[line("DRESS", 2)]).discount_total,
        Money::twd(20_000)
    );
    let huge = promotion(
        "huge",
        Offer::AmountOff {
            amount: Money::twd(10_000_000),
        },
    );
    let q = quote(&[huge], &[line("TEA-C", 1)]);
    assert_eq!(q.discount_total, Money::twd(28_000));
    assert_eq!(q.lines[0].total, Money::twd(0));
}

#[test]
fn buy_two_get_one_frees_the_cheapest_of_each_group() {
    let mut p = promotion("tea-2-1", Offer::BuyXGetY { buy: 2, get: 1 });
    p.scope = Scope::Categories(vec![slug("tea")]);
    let q = quote(
        &[p.clone()],
        &[line("TEA-A", 1), line("TEA-B", 1), line("TEA-C", 1)],
    );
    assert_eq!(q.discount_total, Money::twd(28_000));
    assert_eq!(q.lines[2].discount, Money::twd(28_000));
    // Five units: one full group of three, the other two pay full price.
    let q = quote(&[p], &[line("TEA-B", 5)]);
    assert_eq!(q.discount_total, Money::twd(42_000));
}

#[test]
fn a_bundle_price_groups_the_dearest_units() {
    let mut p = promotion(
        "tea-3-999",
        Offer::BundlePrice {
            qty: 3,
            price: Money::twd(99_900),
        },
    );
    p.scope = Scope::Categories(vec![slug("tea")]);
    let q = quote(
        &[p.clone()],
        &[line("TEA-A", 1), line("TEA-B", 1), line("TEA-C", 2)],
    );
    // Dearest three: 420 + 350 + 280 = 1,050 → 999 saves 51; the fourth unit pays full price.
    assert_eq!(q.discount_total, Money::twd(5_100));
    assert_eq!(q.subtotal.amount - q.discount_total.amount, 99_900 + 28_000);
    // A bundle dearer than buying separately takes nothing off.
    let mut dear = p;
    dear.offer = Offer::BundlePrice {
        qty: 2,
        price: Money::twd(500_000),
    };
    assert_eq!(quote(&[dear], &[line("TEA-A", 2)]).discounts, []);
}

#[test]
fn free_shipping_over_a_threshold_with_progress_towards_it() {
    let q = quote(&[free_shipping_over_1000()], &[line("TEA-A", 2)]);
    assert_eq!(q.shipping.fee, Money::twd(10_000));
    assert_eq!(
        q.free_shipping.as_ref().unwrap().remaining,
        Money::twd(30_000)
    );
    let q = quote(&[free_shipping_over_1000()], &[line("TEA-A", 3)]);
    assert_eq!(q.shipping.fee, Money::twd(0));
    assert_eq!(q.shipping.full_fee, Money::twd(10_000));
    assert_eq!(q.shipping.free_by.as_deref(), Some("free-shipping"));
    assert_eq!(q.free_shipping.unwrap().remaining, Money::twd(0));
    // Express is not covered by the offer.
    let q = quote_with(
        &[free_shipping_over_1000()],
        &[line("TEA-A", 3)],
        None,
        ShippingMethod::Express,
    )
    .unwrap();
    assert_eq!(q.shipping.fee, Money::twd(18_000));
}

#[test]
fn shipping_grows_with_weight_and_stores_refuse_heavy_parcels() {
    let q = quote(&[], &[line("DRESS", 3), line("BUDS", 10)]);
    assert_eq!(q.shipping.weight_grams, 4_200);
    assert_eq!(q.shipping.fee, Money::twd(10_000));
    let q = quote(&[], &[line("TEA-A", 30)]);
    assert_eq!(q.shipping.weight_grams, 6_000);
    assert_eq!(q.shipping.fee, Money::twd(15_000));
    let err = quote_with(&[], &[line("TEA-A", 30)], None, ShippingMethod::StorePickup).unwrap_err();
    assert_eq!(
        (err.code, err.field.as_str()),
        (QuoteErrorCode::ShippingUnavailable, "shipping_method")
    );
}

#[test]
fn coupons_check_window_spend_and_scope() {
    let coupon = |promotion: Promotion| Coupon {
        code: "WELCOME".into(),
        promotion,
    };
    let base = Promotion {
        min_spend: Some(Money::twd(100_000)),
        ..promotion(
            "welcome",
            Offer::AmountOff {
                amount: Money::twd(10_000),
            },
        )
    };
    let ok = quote_with(
        &[],
        &[line("DRESS", 1)],
        Some(&coupon(base.clone())),
        ShippingMethod::HomeDelivery,
    )
    .unwrap();
    assert_eq!(ok.discount_total, Money::twd(10_000));
    assert!(ok.discounts[0].from_coupon);
    assert_eq!(ok.coupon.unwrap().code, "WELCOME");

    let cases = [
        (
            Promotion {
                ends_at: Some(1_000),
                ..base.clone()
            },
            QuoteErrorCode::CouponExpired,
        ),
        (
            Promotion {
                starts_at: Some(2_000),
                ..base.clone()
            },
            QuoteErrorCode::CouponNotYetValid,
        ),
        (
            Promotion {
                min_spend: Some(Money::twd(500_000)),
                ..base.clone()
            },
            QuoteErrorCode::CouponMinSpend,
        ),
        (
            Promotion {
                scope: Scope::Categories(vec![slug("tea")]),
                ..base.clone()
            },
            QuoteErrorCode::CouponNotApplicable,
        ),
    ];
    for (promotion, code) in cases {
        let err = quote_with(
            &[],
            &[line("DRESS", 1)],
            Some(&coupon(promotion)),
            ShippingMethod::HomeDelivery,
        )
        .unwrap_err();
        assert_eq!((err.code, err.field.as_str()), (code, "coupon"));
    }
}

#[test]
fn promotions_outside_their_window_do_not_apply() {
    let mut p = promotion("later", Offer::PercentOff { percent: 50 });
    p.starts_at = Some(5_000);
    assert_eq!(
        quote(&[p], &[line("DRESS", 1)]).discount_total,
        Money::twd(0)
    );
}

#[test]
fn bad_lines_are_named() {
    let cases = [
        (
            vec![line("TEA-A", 0)],
            QuoteErrorCode::Invalid,
            "lines[0].qty",
        ),
        (
            vec![line("TEA-A", 1), line("NOPE", 1)],
            QuoteErrorCode::UnknownSku,
            "lines[1].sku",
        ),
        (
            vec![line("DRESS", 6)],
            QuoteErrorCode::OutOfStock,
            "lines[0].qty",
        ),
        (
            vec![line("SOLD", 1)],
            QuoteErrorCode::OutOfStock,
            "lines[0].qty",
        ),
        (
            vec![line("TEA-A", 1), line("TEA-A", 2)],
            QuoteErrorCode::Invalid,
            "lines[1].sku",
        ),
        (
            vec![line("TEA-A", 100)],
            QuoteErrorCode::Invalid,
            "lines[0].qty",
        ),
    ];
    for (cart, code, field) in cases {
        let err = quote_with(&[], &cart, None, ShippingMethod::HomeDelivery).unwrap_err();
        assert_eq!((err.code, err.field.as_str()), (code, field), "{cart:?}");
    }
}

#[test]
fn the_browser_can_quote_beyond_stock() {
    let skus = catalog();
    let rates = rates();
    let pricing = Pricing {
        skus: &skus,
        promotions: &[],
        rates: &rates,
        now: 0,
        enforce_stock: false,
    };
    let q = pricing
        .quote(&[line("DRESS", 7)], None, ShippingMethod::HomeDelivery)
        .unwrap();
    assert_eq!(q.lines[0].available, 5);
}

#[test]
fn an_empty_cart_costs_nothing() {
    let q = quote(&[free_shipping_over_1000()], &[]);
    assert_eq!((q.total, q.shipping.fee), (Money::twd(0), Money::twd(0)));
}

fn every_promotion() -> Vec<Promotion> {
    let tea = Scope::Categories(vec![slug("tea")]);
    vec![
        Promotion {
            scope: tea.clone(),
            ..promotion("b-tea-2-1", Offer::BuyXGetY { buy: 2, get: 1 })
        },
        Promotion {
            scope: tea,
            ..promotion(
                "b-tea-3",
                Offer::BundlePrice {
                    qty: 3,
                    price: Money::twd(99_900),
                },
            )
        },
        promotion("c-pct", Offer::PercentOff { percent: 10 }),
        Promotion {
            min_spend: Some(Money::twd(150_000)),
            ..promotion(
                "d-amt",
                Offer::AmountOff {
                    amount: Money::twd(15_000),
                },
            )
        },
        free_shipping_over_1000(),
    ]
}

fn arb_cart() -> impl Strategy<Value = Vec<CartLine>> {
    proptest::sample::subsequence(vec!["TEA-A", "TEA-B", "TEA-C", "DRESS", "BUDS"], 0..=5)
        .prop_flat_map(|codes| {
            let n = codes.len();
            (Just(codes), proptest::collection::vec(1u32..=3, n))
        })
        .prop_map(|(codes, qtys)| {
            codes
                .into_iter()
                .zip(qtys)
                .map(|(c, q)| line(c, q))
                .collect()
        })
}

fn arb_promotions() -> impl Strategy<Value = Vec<Promotion>> {
    proptest::sample::subsequence(every_promotion(), 0..=5)
}

proptest! {
    #[test]
    fn totals_are_never_negative_and_add_up(cart in arb_cart(), promotions in arb_promotions()) {
        let q = quote(&promotions, &cart);
        prop_assert!(q.total.amount >= 0);
        prop_assert!(q.vat_included.amount >= 0 && q.vat_included.amount <= q.total.amount);
        prop_assert_eq!(q.total.amount, q.subtotal.amount - q.discount_total.amount + q.shipping.fee.amount);
        prop_assert_eq!(q.discount_total.amount, q.discounts.iter().map(|d| d.amount.amount).sum::<i64>());
        prop_assert_eq!(q.lines.iter().map(|l| l.total.amount).sum::<i64>(), q.subtotal.amount - q.discount_total.amount);
    }

    #[test]
    fn a_discount_never_exceeds_what_it_applies_to(cart in arb_cart(), promotions in arb_promotions()) {
        let q = quote(&promotions, &cart);
        prop_assert!(q.discount_total.amount <= q.subtotal.amount);
        for l in &q.lines {
            prop_assert!(l.discount.amount >= 0 && l.discount.amount <= l.subtotal.amount);
        }
    }

    #[test]
    fn the_order_of_lines_does_not_change_the_quote(cart in arb_cart(), promotions in arb_promotions()) {
        let forward = quote(&promotions, &cart);
        let mut reversed_cart = cart.clone();
        reversed_cart.reverse();
        let mut backward = quote(&promotions, &reversed_cart);
        backward.lines.reverse();
        prop_assert_eq!(forward, backward);
    }

    #[test]
    fn whole_dollar_prices_give_whole_dollar_lines(cart in arb_cart(), promotions in arb_promotions()) {
        // Every catalog price above is in whole dollars: no discount may leave a line in cents.
        let q = quote(&promotions, &cart);
        for l in &q.lines {
            prop_assert_eq!(l.total.amount % 100, 0, "{:?}", l);
        }
    }

    #[test]
    fn quoting_twice_gives_the_same_answer(cart in arb_cart(), promotions in arb_promotions()) {
        prop_assert_eq!(quote(&promotions, &cart), quote(&promotions, &cart));
    }

    #[test]
    fn adding_an_item_never_lowers_the_subtotal(cart in arb_cart(), promotions in arb_promotions(), extra in 0usize..5) {
        let codes = ["TEA-A", "TEA-B", "TEA-C", "DRESS", "BUDS"];
        let before = quote(&promotions, &cart);
        let mut bigger = cart.clone();
        match bigger.iter_mut().find(|l| l.sku.as_str() == codes[extra]) {
            Some(l) => l.qty += 1,
            None => bigger.push(line(codes[extra], 1)),
        }
        let after = quote(&promotions, &bigger);
        prop_assert!(after.subtotal.amount > before.subtotal.amount);
    }
}
