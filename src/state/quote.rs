//! The cart priced in the browser, by fourflow-core's engine — the one the server runs — from
//! what the cart knows of each SKU and of the shop's promotions: instant, and offline too. The
//! server prices it again, from its own data, before it takes an order. Only the cart and
//! checkout apps carry the engine.

use fourflow_core::cart::HeldLine;
use fourflow_core::pricing::{
    Coupon, PricedSku, Pricing, PricingRules, Quote, QuoteError, QuoteRequest, ShippingRate,
};
use leptos::prelude::*;

use super::cart::{use_cart, Cart, CartData};
use super::persisted::Persisted;
use crate::api::{self, ApiError};

/// What pricing needs besides the cart, kept beside it for offline use.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PricingCache {
    /// The promotions and shipping rates last fetched.
    pub rules: Option<PricingRules>,
    /// The coupon the server accepted, with its rule.
    pub coupon: Option<Coupon>,
}

crate::json_struct!(PricingCache { rules, coupon });

#[derive(Clone, Copy)]
pub struct CartQuote {
    cart: Cart,
    pricing: Persisted<PricingCache>,
    /// `None` until the shop's promotions and shipping rates are known.
    pub quote: Memo<Option<Result<Quote, QuoteError>>>,
}

pub fn use_cart_quote() -> CartQuote {
    expect_context::<CartQuote>()
}

impl CartQuote {
    pub fn provide() -> CartQuote {
        let cart = use_cart();
        let pricing = Persisted::<PricingCache>::new("fourflow.cart.pricing", 1);
        let quote = Memo::new(move |_| pricing.with(|p| cart.with(|d| local_quote(d, p))));
        let this = CartQuote {
            cart,
            pricing,
            quote,
        };
        provide_context(this);
        this
    }

    /// The delivery methods on offer, once known.
    pub fn shipping_rates(&self) -> Vec<ShippingRate> {
        self.pricing.with(|p| {
            p.rules
                .as_ref()
                .map(|r| r.shipping_rates.clone())
                .unwrap_or_default()
        })
    }

    pub fn coupon(&self) -> Option<String> {
        self.pricing
            .with(|p| p.coupon.as_ref().map(|c| c.code.clone()))
    }

    pub fn remove_coupon(&self) {
        self.pricing.update(|p| p.coupon = None);
    }

    /// Asks the server to accept `code` for this cart; on success the coupon (with its rule,
    /// so that it prices offline) is kept.
    pub async fn apply_coupon(&self, code: String) -> Result<(), ApiError> {
        let quote = api::quote(&self.request(Some(code))).await?;
        self.pricing.update(|p| p.coupon = quote.coupon);
        Ok(())
    }

    /// Fetches the promotions and shipping rates as they are now, and drops the coupon when
    /// the server no longer accepts it (expired, used up). Offline, keeps what it knew.
    pub async fn refresh(&self) {
        if let Ok(rules) = api::promotions().await {
            self.pricing.update(|p| p.rules = Some(rules));
        }
        let Some(code) = self.coupon() else { return };
        if let Err(ApiError::Api { status: 422, body }) =
            api::quote(&self.request(Some(code))).await
        {
            if body.error.field.as_deref() == Some("coupon") {
                self.remove_coupon();
            }
        }
    }

    fn request(&self, coupon: Option<String>) -> QuoteRequest {
        self.cart.with(|d| QuoteRequest {
            lines: d.lines.iter().map(HeldLine::line).collect(),
            coupon,
            shipping_method: Some(d.shipping_method),
            payment_method: None,
        })
    }
}

/// Lines beyond stock are priced as held (the shortage is a notice beside them).
fn local_quote(data: &CartData, pricing: &PricingCache) -> Option<Result<Quote, QuoteError>> {
    let rules = pricing.rules.as_ref()?;
    let skus: Vec<PricedSku> = data.lines.iter().map(|l| l.item.clone()).collect();
    let lines: Vec<_> = data.lines.iter().map(HeldLine::line).collect();
    let engine = Pricing {
        skus: &skus,
        promotions: &rules.promotions,
        rates: &rules.shipping_rates,
        now: (js_sys::Date::now() / 1000.0) as i64,
        enforce_stock: false,
    };
    let quote = engine.quote(&lines, pricing.coupon.as_ref(), data.shipping_method);
    Some(match quote {
        // A coupon that no longer fits (the cart changed under it) prices without it.
        Err(e) if e.field == "coupon" => engine.quote(&lines, None, data.shipping_method),
        other => other,
    })
}
