//! Buying from the product page: how many, add to cart (at once, no network), and keeping the
//! product for later — on the wishlist or side by side with others.

use fourflow_core::cart::max_qty;
use fourflow_core::catalog::{ProductDetail, Variant};
use leptos::prelude::*;

use crate::components::{use_cart_drawer, QuantityStepper};
use crate::i18n::use_i18n;
use crate::state::cart::use_cart;
use crate::state::shelves::use_shelves;

#[component]
pub fn BuyBox(
    product: StoredValue<ProductDetail>,
    selected: RwSignal<Option<Variant>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.s();
    let cart = use_cart();
    let drawer = use_cart_drawer();
    let shelves = use_shelves();
    let qty = RwSignal::new(1u32);
    let available = Memo::new(move |_| selected.get().map(|v| v.available).unwrap_or(0));
    // A new variant starts again at one.
    Effect::new(move |_| {
        selected.track();
        qty.set(1);
    });
    let add = move |_| {
        let Some(variant) = selected.get_untracked() else {
            return;
        };
        if let Some(item) = product.with_value(|p| p.priced(variant.sku.as_str())) {
            cart.add(item, qty.get_untracked());
            if let Some(drawer) = drawer {
                drawer.0.set(true);
            }
        }
    };
    let summary = StoredValue::new(product.with_value(ProductDetail::summary));
    let slug = StoredValue::new(summary.with_value(|s| s.slug.clone()));
    let in_wishlist = move || slug.with_value(|s| shelves.wishlist.contains(s));
    let in_compare = move || slug.with_value(|s| shelves.compare.contains(s));
    let compare_refused = RwSignal::new(false);
    let title = i18n.text(&summary.with_value(|s| s.title.clone()));

    view! {
        <div class="buy-box">
            <QuantityStepper
                value=qty
                max=Signal::derive(move || max_qty(available.get()))
                on_change=Callback::new(move |n| qty.set(n))
                label=title
            />
            <button
                type="button"
                class="button button-large add-to-cart"
                disabled=move || available.get() == 0
                on:click=add
            >
                {move || if available.get() == 0 { t.sold_out } else { t.add_to_cart }}
            </button>
        </div>
        <div class="product-tools">
            <button type="button" class="tool" aria-pressed=move || in_wishlist().to_string()
                on:click=move |_| { shelves.wishlist.toggle(summary.get_value()); }>
                <span aria-hidden="true">{move || if in_wishlist() { "♥" } else { "♡" }}</span>
                {move || if in_wishlist() { t.in_wishlist } else { t.add_to_wishlist }}
            </button>
            <button type="button" class="tool" aria-pressed=move || in_compare().to_string()
                on:click=move |_| compare_refused.set(!shelves.compare.toggle(summary.get_value()))>
                <span aria-hidden="true">"⇄"</span>
                {move || if in_compare() { t.in_compare } else { t.add_to_compare }}
            </button>
            {move || in_compare().then(|| view! { <a class="tool-link" href="/compare">{t.compare}" →"</a> })}
        </div>
        {move || compare_refused.get().then(|| view! { <p class="line-warning" role="alert">{t.compare_full}</p> })}
    }
}
