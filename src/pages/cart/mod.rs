//! `/cart`: the lines with their quantities, what changed while the shopper was away, the
//! order summary with every discount explained, and what to save for later.

mod line;
mod notices;
mod summary;

use std::time::Duration;

use fourflow_core::cart::HeldLine;
use leptos::prelude::*;

use crate::components::{use_title, BoughtTogether};
use crate::i18n::use_i18n;
use crate::state::cart::use_cart;
use crate::state::quote::CartQuote;
use line::{CartLineRow, SavedLineRow};
use notices::Notices;
use summary::OrderSummary;

/// How long "removed — undo" stays on screen.
const UNDO_FOR: Duration = Duration::from_secs(8);

/// A line just removed, with where it was, so that it can be put back.
#[derive(Clone)]
pub struct Removed {
    pub title: String,
    pub line: (usize, HeldLine),
}

#[component]
pub fn CartPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let cart = use_cart();
    let quote = CartQuote::provide();
    use_title(move || Some(t.cart.to_string()));
    // Opening the cart is when the shopper most wants it to be right: the shell catches the
    // cart up with the shop as the app starts; the page fetches the promotions and rates.
    leptos::task::spawn_local(async move { quote.refresh().await });

    let removed = RwSignal::new(None::<Removed>);
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let on_removed = Callback::new(move |r: Removed| {
        removed.set(Some(r));
        timer.update_value(|t| {
            if let Some(handle) = t.take() {
                handle.clear();
            }
            *t = set_timeout_with_handle(move || removed.set(None), UNDO_FOR).ok();
        });
    });
    let undo = move |_| {
        if let Some(r) = removed.get_untracked() {
            cart.restore(r.line);
            removed.set(None);
        }
    };

    let lines = move || {
        cart.with(|d| {
            d.lines
                .iter()
                .map(|line| view! { <CartLineRow line=line.clone() on_removed/> })
                .collect_view()
        })
    };
    let saved = move || {
        cart.with(|d| {
            (!d.saved_for_later.is_empty()).then(|| {
                let rows = d
                    .saved_for_later
                    .iter()
                    .map(|line| view! { <SavedLineRow line=line.clone()/> })
                    .collect_view();
                view! {
                    <section class="saved-for-later" aria-labelledby="saved-title">
                        <h2 id="saved-title">{t.saved_for_later}</h2>
                        <ul class="cart-lines">{rows}</ul>
                    </section>
                }
            })
        })
    };
    let empty = move || cart.with(|d| d.lines.is_empty());

    view! {
        <div class="page cart-page">
            <h1 class="page-title">{t.cart}</h1>
            <Notices/>
            {move || removed.get().map(|r| view! {
                <p class="undo-bar" role="status">
                    <span>{(t.removed_item)(&r.title)}</span>
                    <button type="button" class="button button-small button-quiet" on:click=undo>{t.undo}</button>
                </p>
            })}
            {move || if empty() {
                view! {
                    <div class="empty-state">
                        <h2>{t.cart_empty}</h2>
                        <p>{t.cart_empty_hint}</p>
                        <a class="button" href="/#featured">{t.continue_shopping}</a>
                    </div>
                }.into_any()
            } else {
                view! {
                    <div class="cart-layout">
                        <ul class="cart-lines" aria-label=t.cart>{lines}</ul>
                        <OrderSummary/>
                    </div>
                }.into_any()
            }}
            {saved}
            <BoughtTogether products=Signal::derive(move || cart.with(|d| {
                let mut slugs: Vec<String> = d.lines.iter().map(|l| l.item.product.to_string()).collect();
                slugs.dedup();
                slugs
            })) with_similar=true/>
        </div>
    }
}
