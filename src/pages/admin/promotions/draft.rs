//! A promotion as its form holds it (text as typed), and the promotion it makes: the offer
//! the engine runs, what it applies to, when, and whether it needs a coupon.

use fourflow_core::admin::promotions::{CouponEdit, PromotionEdit, PromotionRecord};
use fourflow_core::catalog::Slug;
use fourflow_core::pricing::{Offer, Promotion, Scope, ShippingMethod};
use fourflow_core::{Localized, Money};
use leptos::prelude::*;

use crate::i18n::{MerchStrings, PromoStrings};
use crate::pages::admin::problem::{dollars, Problem};
use crate::pages::admin::time::{from_local_input, local_input};

/// The offers the pricing engine runs, by their tag.
pub const OFFERS: [&str; 5] = [
    "percent_off",
    "amount_off",
    "buy_x_get_y",
    "bundle_price",
    "free_shipping",
];
pub const SCOPES: [&str; 3] = ["all", "categories", "products"];

#[derive(Clone, Copy)]
pub struct Draft {
    /// Whether it is saved already (its id is then fixed).
    pub saved: RwSignal<bool>,
    pub id: RwSignal<String>,
    pub label_zh: RwSignal<String>,
    pub label_en: RwSignal<String>,
    pub offer: RwSignal<String>,
    pub percent: RwSignal<String>,
    pub amount: RwSignal<String>,
    pub buy: RwSignal<String>,
    pub get: RwSignal<String>,
    pub qty: RwSignal<String>,
    pub price: RwSignal<String>,
    pub methods: RwSignal<Vec<ShippingMethod>>,
    pub scope: RwSignal<String>,
    pub slugs: RwSignal<String>,
    pub min_spend: RwSignal<String>,
    pub starts: RwSignal<String>,
    pub ends: RwSignal<String>,
    pub automatic: RwSignal<bool>,
    pub code: RwSignal<String>,
    pub usage_limit: RwSignal<String>,
}

fn text(s: &str) -> RwSignal<String> {
    RwSignal::new(s.to_owned())
}

fn whole(money: Money) -> String {
    (money.amount / money.currency.unit()).to_string()
}

impl Draft {
    pub fn new() -> Draft {
        Draft {
            saved: RwSignal::new(false),
            id: text(""),
            label_zh: text(""),
            label_en: text(""),
            offer: text("percent_off"),
            percent: text("10"),
            amount: text(""),
            buy: text("2"),
            get: text("1"),
            qty: text("3"),
            price: text(""),
            methods: RwSignal::new(ShippingMethod::ALL.to_vec()),
            scope: text("all"),
            slugs: text(""),
            min_spend: text(""),
            starts: text(""),
            ends: text(""),
            automatic: RwSignal::new(true),
            code: text(""),
            usage_limit: text(""),
        }
    }

    /// Fills the form with a saved promotion (and its first coupon).
    pub fn load(&self, record: &PromotionRecord) {
        let p = &record.promotion;
        self.saved.set(true);
        self.id.set(p.id.clone());
        self.label_zh.set(p.label.zh_tw.clone());
        self.label_en.set(p.label.en.clone());
        match &p.offer {
            Offer::PercentOff { percent } => self.percent.set(percent.to_string()),
            Offer::AmountOff { amount } => self.amount.set(whole(*amount)),
            Offer::BuyXGetY { buy, get } => {
                self.buy.set(buy.to_string());
                self.get.set(get.to_string());
            }
            Offer::BundlePrice { qty, price } => {
                self.qty.set(qty.to_string());
                self.price.set(whole(*price));
            }
            Offer::FreeShipping { methods } => self.methods.set(methods.clone()),
        }
        self.offer.set(offer_tag(&p.offer).to_owned());
        let (scope, slugs) = match &p.scope {
            Scope::All => ("all", Vec::new()),
            Scope::Categories(s) => ("categories", s.clone()),
            Scope::Products(s) => ("products", s.clone()),
        };
        self.scope.set(scope.to_owned());
        self.slugs.set(
            slugs
                .iter()
                .map(Slug::as_str)
                .collect::<Vec<_>>()
                .join(", "),
        );
        self.min_spend
            .set(p.min_spend.map(whole).unwrap_or_default());
        self.starts
            .set(p.starts_at.map(local_input).unwrap_or_default());
        self.ends
            .set(p.ends_at.map(local_input).unwrap_or_default());
        self.automatic.set(record.automatic);
        let coupon = record.coupons.first();
        self.code
            .set(coupon.map(|c| c.code.clone()).unwrap_or_default());
        self.usage_limit.set(
            coupon
                .and_then(|c| c.usage_limit)
                .map(|n| n.to_string())
                .unwrap_or_default(),
        );
    }

    /// The promotion as typed. Only what the form can tell (a number that is no number) is
    /// refused here; the rules are the server's, which names the field it refuses.
    pub fn promotion(&self, m: &MerchStrings) -> Result<Promotion, Problem> {
        let units = |field: &str, s: RwSignal<String>| {
            s.get_untracked()
                .trim()
                .parse::<u32>()
                .map_err(|_| Problem::at(field, m.not_whole_number))
        };
        let money = |field: &str, s: RwSignal<String>| {
            dollars(&s.get_untracked())
                .map(Money::twd)
                .ok_or_else(|| Problem::at(field, m.not_whole_dollars))
        };
        let offer = match self.offer.get_untracked().as_str() {
            "percent_off" => Offer::PercentOff {
                percent: units("promotion.offer.percent", self.percent)?,
            },
            "amount_off" => Offer::AmountOff {
                amount: money("promotion.offer.amount", self.amount)?,
            },
            "buy_x_get_y" => Offer::BuyXGetY {
                buy: units("promotion.offer.buy", self.buy)?,
                get: units("promotion.offer.get", self.get)?,
            },
            "bundle_price" => Offer::BundlePrice {
                qty: units("promotion.offer.qty", self.qty)?,
                price: money("promotion.offer.price", self.price)?,
            },
            _ => Offer::FreeShipping {
                methods: self.methods.get_untracked(),
            },
        };
        let slugs = self
            .slugs
            .get_untracked()
            .split([',', '，', ' '])
            .filter(|s| !s.trim().is_empty())
            .map(|s| Slug::parse("promotion.scope.slugs", s.trim()))
            .collect::<Result<Vec<_>, _>>()?;
        let scope = match self.scope.get_untracked().as_str() {
            "categories" => Scope::Categories(slugs),
            "products" => Scope::Products(slugs),
            _ => Scope::All,
        };
        let min_spend = match self.min_spend.get_untracked().trim() {
            "" => None,
            _ => Some(money("promotion.min_spend", self.min_spend)?),
        };
        Ok(Promotion {
            id: self.id.get_untracked().trim().to_owned(),
            label: Localized {
                zh_tw: self.label_zh.get_untracked().trim().to_owned(),
                en: self.label_en.get_untracked().trim().to_owned(),
            },
            offer,
            scope,
            min_spend,
            starts_at: from_local_input(&self.starts.get_untracked()),
            ends_at: from_local_input(&self.ends.get_untracked()),
        })
    }

    pub fn edit(&self, m: &MerchStrings) -> Result<PromotionEdit, Problem> {
        Ok(PromotionEdit {
            promotion: self.promotion(m)?,
            automatic: self.automatic.get_untracked(),
        })
    }

    /// The coupon to point at the promotion, when a code is given.
    pub fn coupon(&self, m: &MerchStrings) -> Result<Option<(String, CouponEdit)>, Problem> {
        let code = self.code.get_untracked().trim().to_owned();
        if code.is_empty() {
            return Ok(None);
        }
        let usage_limit = match self.usage_limit.get_untracked().trim() {
            "" => None,
            n => Some(
                n.parse()
                    .map_err(|_| Problem::at("usage_limit", m.not_whole_number))?,
            ),
        };
        let promotion_id = self.id.get_untracked().trim().to_owned();
        Ok(Some((
            code,
            CouponEdit {
                promotion_id,
                usage_limit,
            },
        )))
    }
}

pub fn offer_tag(offer: &Offer) -> &'static str {
    match offer {
        Offer::PercentOff { .. } => "percent_off",
        Offer::AmountOff { .. } => "amount_off",
        Offer::BuyXGetY { .. } => "buy_x_get_y",
        Offer::BundlePrice { .. } => "bundle_price",
        Offer::FreeShipping { .. } => "free_shipping",
    }
}

/// What a promotion applies to, in a few words.
pub fn describe_scope(p: &PromoStrings, scope: &Scope) -> String {
    match scope {
        Scope::All => (p.scope_kind)("all").to_owned(),
        Scope::Categories(s) | Scope::Products(s) => {
            let kind = if matches!(scope, Scope::Categories(_)) {
                "categories"
            } else {
                "products"
            };
            let names: Vec<&str> = s.iter().map(Slug::as_str).collect();
            format!("{}: {}", (p.scope_kind)(kind), names.join(", "))
        }
    }
}
