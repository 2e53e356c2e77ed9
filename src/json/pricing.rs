//! The shop's pricing rules as the cart and checkout keep and read them: promotions, coupons
//! and shipping rates, read straight from the tree (see [`super::from`]). Core's `Offer` and
//! `Scope` are internally tagged enums, which serde decodes by buffering the whole object
//! first; here the tag is read, then the members that variant has.

use fourflow_core::pricing::{Coupon, Offer, PricingRules, Promotion, Scope, ShippingRate};
use fourflow_core::Money;

use super::{member, FromJson, Json, Object, ToJson};
use crate::json_struct;

json_struct!(PricingRules {
    promotions,
    shipping_rates
});
json_struct!(ShippingRate {
    method,
    label,
    base_fee,
    base_grams,
    step_fee,
    step_grams,
    max_grams
});
json_struct!(Coupon { code, promotion });
json_struct!(Promotion {
    id,
    label,
    offer,
    scope = default,
    min_spend,
    starts_at,
    ends_at
});

/// `{"type": "percent_off", "percent": 10}`, … An offer without a member its variant needs is
/// refused, as serde refuses it.
impl FromJson for Offer {
    fn from_json(json: &Json) -> Option<Self> {
        Some(match json.member("type")?.str()? {
            "percent_off" => Offer::PercentOff {
                percent: member(json, "percent", u32::absent)?,
            },
            "amount_off" => Offer::AmountOff {
                amount: member(json, "amount", Money::absent)?,
            },
            "buy_x_get_y" => Offer::BuyXGetY {
                buy: member(json, "buy", u32::absent)?,
                get: member(json, "get", u32::absent)?,
            },
            "bundle_price" => Offer::BundlePrice {
                qty: member(json, "qty", u32::absent)?,
                price: member(json, "price", Money::absent)?,
            },
            "free_shipping" => Offer::FreeShipping {
                methods: member(json, "methods", FromJson::absent)?,
            },
            _ => return None,
        })
    }
}

impl ToJson for Offer {
    fn write_json(&self, out: &mut String) {
        let mut object = Object::open(out);
        match self {
            Offer::PercentOff { percent } => {
                object.member("type", "percent_off");
                object.member("percent", percent);
            }
            Offer::AmountOff { amount } => {
                object.member("type", "amount_off");
                object.member("amount", amount);
            }
            Offer::BuyXGetY { buy, get } => {
                object.member("type", "buy_x_get_y");
                object.member("buy", buy);
                object.member("get", get);
            }
            Offer::BundlePrice { qty, price } => {
                object.member("type", "bundle_price");
                object.member("qty", qty);
                object.member("price", price);
            }
            Offer::FreeShipping { methods } => {
                object.member("type", "free_shipping");
                object.member("methods", methods);
            }
        }
        object.close();
    }
}

/// `{"type": "all"}`, `{"type": "categories", "slugs": […]}` (adjacently tagged).
impl FromJson for Scope {
    fn from_json(json: &Json) -> Option<Self> {
        let slugs = || member(json, "slugs", FromJson::absent);
        Some(match json.member("type")?.str()? {
            "all" => Scope::All,
            "categories" => Scope::Categories(slugs()?),
            "products" => Scope::Products(slugs()?),
            _ => return None,
        })
    }
}

impl ToJson for Scope {
    fn write_json(&self, out: &mut String) {
        let mut object = Object::open(out);
        match self {
            Scope::All => object.member("type", "all"),
            Scope::Categories(slugs) => {
                object.member("type", "categories");
                object.member("slugs", slugs);
            }
            Scope::Products(slugs) => {
                object.member("type", "products");
                object.member("slugs", slugs);
            }
        }
        object.close();
    }
}

#[cfg(test)]
mod tests {
    use fourflow_core::pricing::ShippingMethod;

    use super::*;
    use crate::json::read;
    use crate::json::shop::tests::{kept, same, slug, text};

    fn promotion(offer: Offer, scope: Scope) -> Promotion {
        Promotion {
            id: "p1".into(),
            label: text("10% off"),
            offer,
            scope,
            min_spend: Some(Money::twd(100_000)),
            starts_at: Some(1),
            ends_at: None,
        }
    }

    fn offers() -> [Offer; 5] {
        [
            Offer::PercentOff { percent: 10 },
            Offer::AmountOff {
                amount: Money::twd(10_000),
            },
            Offer::BuyXGetY { buy: 2, get: 1 },
            Offer::BundlePrice {
                qty: 3,
                price: Money::twd(99_900),
            },
            Offer::FreeShipping {
                methods: vec![ShippingMethod::HomeDelivery, ShippingMethod::Express],
            },
        ]
    }

    #[test]
    fn every_offer_and_scope_is_read_and_kept_as_serde_writes_it() {
        let scopes = [
            Scope::All,
            Scope::Categories(vec![slug("tea")]),
            Scope::Products(vec![slug("oolong"), slug("cup")]),
        ];
        for offer in offers() {
            for scope in &scopes {
                kept(promotion(offer.clone(), scope.clone()));
            }
        }
        let [percent, amount, ..] = offers();
        kept(Coupon {
            code: "WELCOME100".into(),
            promotion: promotion(amount, Scope::All),
        });
        let rules = PricingRules {
            promotions: vec![promotion(percent, scopes[1].clone())],
            shipping_rates: vec![ShippingRate {
                method: ShippingMethod::StorePickup,
                label: text("Store pickup"),
                base_fee: Money::twd(6_000),
                base_grams: 5_000,
                step_fee: Money::twd(0),
                step_grams: 1_000,
                max_grams: Some(5_000),
            }],
        };
        same(rules.clone());
        kept(rules);
    }

    #[test]
    fn a_promotion_without_scope_is_for_everything() {
        let json = r#"{"id":"p","label":{"zh_tw":"a","en":"b"},"offer":{"type":"percent_off","percent":5},"min_spend":null,"starts_at":null,"ends_at":null}"#;
        let promotion = read::<Promotion>(json).unwrap();
        assert_eq!(promotion.scope, Scope::All);
        assert_eq!(promotion, serde_json::from_str::<Promotion>(json).unwrap());
    }

    #[test]
    fn an_offer_without_its_money_or_with_an_unknown_type_is_refused() {
        for offer in [r#"{"type":"amount_off"}"#, r#"{"type":"half_off"}"#, "{}"] {
            let json = format!(
                r#"{{"id":"p","label":{{"zh_tw":"a","en":"b"}},"offer":{offer},"min_spend":null,"starts_at":null,"ends_at":null}}"#
            );
            assert_eq!(read::<Promotion>(&json), None, "{json}");
            assert!(serde_json::from_str::<Promotion>(&json).is_err(), "{json}");
        }
    }
}
