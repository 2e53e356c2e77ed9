//! The site header. The storefront's carries the search box and the department menu.
//! Checkout's and the account's keep the shopper on their task, as the best checkouts do:
//! search is an icon that opens the storefront's search, and there is no menu. That also
//! keeps the search box and the category tree out of those apps' downloads (about 10 KB of
//! brotli each, against the shopper's 200 KB budget).

use fourflow_core::Locale;
use leptos::prelude::*;

use super::SearchBox;
use crate::apps::use_categories;
use crate::i18n::use_i18n;
use crate::state::cart::use_cart;

/// The storefront's header: search box and department menu.
#[component]
pub fn StoreHeader() -> impl IntoView {
    let i18n = use_i18n();
    let categories = use_categories();
    let departments = move || {
        categories.0.get().and_then(Result::ok).map(|tree| {
            tree.items
                .into_iter()
                .map(|c| {
                    let href = format!("/categories/{}", c.slug);
                    view! { <li><a href=href>{i18n.text(&c.name)}</a></li> }
                })
                .collect_view()
        })
    };
    view! {
        <SkipLink/>
        <header class="site-header">
            <HeaderBar><SearchBox/></HeaderBar>
            <nav class="department-nav" aria-label=i18n.t().main_nav>
                <ul>{departments}</ul>
            </nav>
        </header>
    }
}

/// Checkout's and the account's header: search is a link, and there is no menu.
#[component]
pub fn TaskHeader() -> impl IntoView {
    let t = use_i18n().t();
    view! {
        <SkipLink/>
        <header class="site-header task-header">
            <HeaderBar>
                <a class="header-icon search-link" href="/search" aria-label=t.search_label>
                    <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true"><circle cx="11" cy="11" r="7" fill="none" stroke="currentColor" stroke-width="1.8"/><path d="M16.5 16.5 21 21" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"/></svg>
                </a>
            </HeaderBar>
        </header>
    }
}

#[component]
fn SkipLink() -> impl IntoView {
    view! { <a class="skip-link" href="#main">{use_i18n().t().skip_to_content}</a> }
}

/// Logo, then `children` (the search), then account, wishlist, cart and the language switch.
#[component]
fn HeaderBar(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let cart = use_cart();
    let t = i18n.t();
    let switch = move |_| {
        i18n.set(match i18n.locale() {
            Locale::ZhTw => Locale::En,
            Locale::En => Locale::ZhTw,
        })
    };
    view! {
        <div class="header-bar">
            <a class="logo" href="/">
                <span class="logo-mark" aria-hidden="true">"四"</span>
                <span class="logo-name">{t.store_name}</span>
            </a>
            {children()}
            <a class="header-icon account-link" href="/account" aria-label=t.account>
                <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true"><circle cx="12" cy="8.5" r="3.8" fill="none" stroke="currentColor" stroke-width="1.8"/><path d="M4.5 20c1.2-3.6 4-5.4 7.5-5.4s6.3 1.8 7.5 5.4" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"/></svg>
            </a>
            <a class="header-icon" href="/wishlist" aria-label=t.wishlist>
                <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true"><path d="M12 20s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.6-7 10-7 10z" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round"/></svg>
            </a>
            <a class="header-icon cart-link" href="/cart" aria-label=move || (t.cart_with_count)(cart.count.get())>
                <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true"><path d="M3 4h2l2.2 10.2a2 2 0 0 0 2 1.6h7.6a2 2 0 0 0 2-1.5L20.5 8H6.2" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"/><circle cx="10" cy="19.5" r="1.4" fill="currentColor"/><circle cx="17" cy="19.5" r="1.4" fill="currentColor"/></svg>
                <span class="cart-badge" class:empty=move || cart.count.get() == 0>{move || cart.count.get()}</span>
            </a>
            <button
                type="button"
                class="lang-switch"
                on:click=switch
                aria-label=t.other_language_label
                lang=move || match i18n.locale() { Locale::ZhTw => "en", Locale::En => "zh-TW" }
            >
                {t.other_language}
            </button>
        </div>
    }
}
