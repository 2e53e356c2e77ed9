//! `/wishlist`: what the shopper saved, kept in this browser.

use leptos::prelude::*;

use crate::components::{use_title, ProductGrid};
use crate::i18n::use_i18n;
use crate::state::shelves::use_shelves;

#[component]
pub fn WishlistPage() -> impl IntoView {
    let t = use_i18n().s();
    let shelves = use_shelves();
    use_title(move || Some(t.wishlist.to_string()));
    view! {
        <div class="page">
            <h1 class="page-title">{t.wishlist}</h1>
            {move || {
                let items = shelves.wishlist.items();
                if items.is_empty() {
                    view! { <p class="empty-state">{t.wishlist_empty}</p> }.into_any()
                } else {
                    view! { <ProductGrid products=items/> }.into_any()
                }
            }}
        </div>
    }
}
