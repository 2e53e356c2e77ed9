//! The site header: logo, search, language switch and the department menu.

use fourflow_core::Locale;
use leptos::prelude::*;

use super::SearchBox;
use crate::apps::use_categories;
use crate::i18n::use_i18n;
use crate::state::cart::use_cart;

#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let categories = use_categories();
    let cart = use_cart();
    let t = i18n.t();
    let switch = move |_| {
        i18n.set(match i18n.locale() {
            Locale::ZhTw => Locale::En,
            Locale::En => Locale::ZhTw,
        })
    };
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
        <a class="skip-link" href="#main">{i18n.t().skip_to_content}</a>
        <header class="site-header">
            <div class="header-bar">
                <a class="logo" href="/">
                    <span class="logo-mark" aria-hidden="true">"四"</span>
                    <span class="logo-name">{i18n.t().store_name}</span>
                </a>
                <SearchBox/>
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
                    aria-label=i18n.t().other_language_label
                    lang=move || match i18n.locale() { Locale::ZhTw => "en", Locale::En => "zh-TW" }
                >
                    {i18n.t().other_language}
                </button>
            </div>
            <nav class="department-nav" aria-label=i18n.t().main_nav>
                <ul>{departments}</ul>
            </nav>
        </header>
    }
}
