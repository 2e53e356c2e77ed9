//! The site header: logo, search, language switch and the department menu.

use fourflow_core::Locale;
use leptos::prelude::*;

use super::SearchBox;
use crate::app::use_categories;
use crate::i18n::use_i18n;

#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let categories = use_categories();
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
