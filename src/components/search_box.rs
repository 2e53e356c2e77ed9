//! The search box: suggestions while typing (debounced), arrow keys to move through them,
//! Enter to open one or to search, Escape to close. An ARIA combobox, so that screen readers
//! announce the suggestions.

use std::time::Duration;

use fourflow_core::catalog::{encode_pairs, SuggestionKind, Suggestions};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};

use crate::api;
use crate::i18n::use_i18n;
use crate::state::remote::Remote;

/// Long enough not to query on every keystroke, short enough to feel immediate.
const DEBOUNCE: Duration = Duration::from_millis(180);
const LISTBOX_ID: &str = "search-suggestions";

#[component]
pub fn SearchBox() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let location = use_location();
    let query = use_query_map();

    let text = RwSignal::new(String::new());
    let debounced = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let pending = StoredValue::new(None::<TimeoutHandle>);

    // On the search page the box shows what was searched; elsewhere it starts empty.
    Effect::new(move |_| {
        let q = (location.pathname.get() == "/search")
            .then(|| query.read().get("q"))
            .flatten()
            .unwrap_or_default();
        text.set(q);
        open.set(false);
    });

    let suggestions = Remote::new(
        move || debounced.get(),
        |q: String| {
            async move {
                if q.trim().is_empty() {
                    Suggestions { items: Vec::new() }
                } else {
                    // Suggestions are a convenience: when offline, the box simply offers none.
                    api::suggestions(&q)
                        .await
                        .unwrap_or(Suggestions { items: Vec::new() })
                }
            }
        },
    );
    let items = move || suggestions.get().map(|s| s.items).unwrap_or_default();

    let on_input = move |value: String| {
        text.set(value.clone());
        open.set(!value.trim().is_empty());
        active.set(None);
        pending.update_value(|p| {
            if let Some(handle) = p.take() {
                handle.clear();
            }
            *p = set_timeout_with_handle(move || debounced.set(value), DEBOUNCE).ok();
        });
    };

    let search_href = move || format!("/search?{}", encode_pairs([("q", text.get().trim())]));
    // The suggestions, then "search for …" as the last option.
    let href_of = move |i: usize| -> Option<String> {
        let items = items();
        Some(match items.get(i) {
            Some(item) => match item.kind {
                SuggestionKind::Product => format!("/products/{}", item.slug),
                SuggestionKind::Category => format!("/categories/{}", item.slug),
            },
            None if i == items.len() => search_href(),
            None => return None,
        })
    };

    let go = {
        let navigate = navigate.clone();
        move |href: String| {
            open.set(false);
            active.set(None);
            navigate(&href, Default::default());
        }
    };
    let submit = {
        let go = go.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let chosen = active.get().and_then(href_of);
            if let Some(href) = chosen {
                go(href);
            } else if !text.get().trim().is_empty() {
                go(search_href());
            }
        }
    };
    let keydown = move |ev: leptos::ev::KeyboardEvent| {
        let count = items().len() + 1;
        match ev.key().as_str() {
            "ArrowDown" if !text.get().trim().is_empty() => {
                ev.prevent_default();
                open.set(true);
                active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % count)));
            }
            "ArrowUp" if !text.get().trim().is_empty() => {
                ev.prevent_default();
                active.update(|a| *a = Some(a.map_or(count - 1, |i| (i + count - 1) % count)));
            }
            "Escape" => {
                open.set(false);
                active.set(None);
            }
            _ => {}
        }
    };

    let listbox = move || {
        let items = items();
        let count_items = items.len();
        open.get().then(|| {
            let options = items
                .into_iter()
                .enumerate()
                .map(|(i, item)| {
                    let href = href_of(i).unwrap_or_default();
                    let label = item.label.clone();
                    let kind = move || match item.kind {
                        SuggestionKind::Product => i18n.t().suggestion_product,
                        SuggestionKind::Category => i18n.t().suggestion_category,
                    };
                    let price = item.price.map(|p| i18n.money(p));
                    view! {
                        <li
                            role="option"
                            id=format!("suggestion-{i}")
                            aria-selected=move || (active.get() == Some(i)).to_string()
                            class="suggestion"
                            class:active=move || active.get() == Some(i)
                        >
                            // Keep focus in the box on press, so the click lands before blur.
                            <a href=href tabindex="-1" on:mousedown=|ev| ev.prevent_default() on:click=move |_| open.set(false)>
                                {item.image.map(|src| view! { <img src=src alt="" width="40" height="40"/> })}
                                <span class="suggestion-label">{i18n.text(&label)}</span>
                                <span class="suggestion-kind">{kind}</span>
                                {price.map(|p| view! { <span class="suggestion-price">{p}</span> })}
                            </a>
                        </li>
                    }
                })
                .collect_view();
            let last = count_items;
            let search = view! {
                <li
                    role="option"
                    id=format!("suggestion-{last}")
                    aria-selected=move || (active.get() == Some(last)).to_string()
                    class="suggestion suggestion-search"
                    class:active=move || active.get() == Some(last)
                >
                    <a href=search_href() tabindex="-1" on:mousedown=|ev| ev.prevent_default() on:click=move |_| open.set(false)>
                        {move || (i18n.t().search_for)(text.get().trim())}
                    </a>
                </li>
            };
            view! { <ul id=LISTBOX_ID role="listbox" class="suggestions">{options}{search}</ul> }
        })
    };

    view! {
        <form class="search-box" role="search" action="/search" on:submit=submit>
            <label for="search-input" class="visually-hidden">{i18n.t().search_label}</label>
            <input
                id="search-input"
                type="search"
                name="q"
                autocomplete="off"
                enterkeyhint="search"
                role="combobox"
                aria-autocomplete="list"
                aria-controls=LISTBOX_ID
                aria-expanded=move || open.get().to_string()
                aria-activedescendant=move || active.get().map(|i| format!("suggestion-{i}"))
                placeholder=i18n.t().search_placeholder
                prop:value=move || text.get()
                on:input:target=move |ev| on_input(ev.target().value())
                on:keydown=keydown
                on:focus=move |_| open.set(!text.get().trim().is_empty())
                on:blur=move |_| open.set(false)
            />
            <button type="submit" class="search-submit" aria-label=i18n.t().search_button>
                <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
                    <circle cx="11" cy="11" r="7" fill="none" stroke="currentColor" stroke-width="2"/>
                    <path d="M16.5 16.5 21 21" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>
                </svg>
            </button>
            {listbox}
        </form>
    }
}
