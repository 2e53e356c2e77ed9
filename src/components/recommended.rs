//! Recommendations: "frequently bought together" (from the shop's order history) and, where
//! asked, "similar items", both served by the API. Nothing shows until there is something to
//! show, and nothing at all offline without a cached answer.

use fourflow_core::catalog::Recommendations;
use leptos::prelude::*;

use super::ProductGrid;
use crate::api::{self, ApiError};
use crate::i18n::use_i18n;
use crate::state::remote::Remote;

/// The shelf for one product's page, or for a cart's products.
#[component]
pub fn BoughtTogether(
    /// Product slugs: one for a product page, the cart's for the cart page.
    #[prop(into)]
    products: Signal<Vec<String>>,
    /// Also show similar items (the product page has its own, from the product itself).
    #[prop(optional)]
    with_similar: bool,
) -> impl IntoView {
    let t = use_i18n().t();
    let found = Remote::new(
        move || products.get(),
        |products: Vec<String>| async move {
            match products.as_slice() {
                [] => Ok(Recommendations::default()),
                [one] => api::recommendations(one).await,
                many => api::cart_recommendations(many).await,
            }
        },
    );
    move || {
        let found = found
            .get()
            .and_then(|r: Result<Recommendations, ApiError>| r.ok())
            .unwrap_or_default();
        let together = found.frequently_bought_together;
        let similar = if with_similar {
            found.similar
        } else {
            Vec::new()
        };
        view! {
            {(!together.is_empty()).then(|| view! {
                <section class="product-section" aria-labelledby="together-title">
                    <h2 id="together-title">{t.bought_together}</h2>
                    <ProductGrid products=together/>
                </section>
            })}
            {(!similar.is_empty()).then(|| view! {
                <section class="product-section" aria-labelledby="similar-title">
                    <h2 id="similar-title">{t.similar_items}</h2>
                    <ProductGrid products=similar/>
                </section>
            })}
        }
    }
}
