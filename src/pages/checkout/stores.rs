//! The convenience-store picker: a tab per chain, search the stores by name, number, street
//! or district, choose one (each shown with its address and hours).

use std::time::Duration;

use fourflow_core::delivery::{PickupStore, StoreChain};
use leptos::prelude::*;

use super::field::ShowErrors;
use crate::api;
use crate::i18n::use_i18n;
use crate::state::checkout::use_checkout;

/// Typing pauses this long before the stores are searched.
const DEBOUNCE: Duration = Duration::from_millis(250);

#[component]
pub fn StorePicker() -> impl IntoView {
    let c = use_i18n().c();
    let draft = use_checkout().draft;
    let text = RwSignal::new(String::new());
    let chain = RwSignal::new(None::<StoreChain>);
    let found = RwSignal::new(None::<Result<Vec<PickupStore>, ()>>);
    // Answers can come back out of order: only the latest search's is shown.
    let latest = StoredValue::new(0u32);
    let search = move |query: String| {
        latest.update_value(|n| *n += 1);
        let ticket = latest.get_value();
        leptos::task::spawn_local(async move {
            if !query.is_empty() {
                gloo_timers::future::sleep(DEBOUNCE).await;
            }
            if latest.get_value() != ticket {
                return;
            }
            let answer = api::pickup_stores(query.trim(), chain.get_untracked()).await;
            if latest.get_value() == ticket {
                found.set(Some(answer.map(|list| list.items).map_err(|_| ())));
            }
        });
    };
    search(String::new());
    let chosen = move || draft.with(|d| d.store.clone());
    let show_errors = use_context::<ShowErrors>().map(|s| s.0);
    let missing = move || chosen().is_none() && show_errors.is_some_and(|s| s.get());

    let results = move || {
        match found.get() {
        None => view! { <p class="muted">{c.searching}</p> }.into_any(),
        Some(Err(())) => view! { <p class="field-error">{use_i18n().t().error_network}</p> }.into_any(),
        Some(Ok(stores)) if stores.is_empty() => view! { <p class="muted">{c.no_stores}</p> }.into_any(),
        Some(Ok(stores)) => stores
            .into_iter()
            .map(|store| {
                let id = store.id.clone();
                let is_chosen = move || chosen().is_some_and(|s| s.id == id);
                let pick = store.clone();
                let hours = store
                    .hours
                    .as_ref()
                    .map_or_else(|| c.open_all_day.to_owned(), |h| format!("{}–{}", h.opens, h.closes));
                view! {
                    <li>
                        <label class="choice store-choice">
                            <input type="radio" name="pickup_store" value=store.id.clone()
                                prop:checked=is_chosen
                                on:change=move |_| draft.update(|d| d.store = Some(pick.clone()))/>
                            <span class="choice-main">
                                <strong><span class="chain-badge">{chain_name(&store.chain)}</span>" "{store.name.clone()}</strong>
                                <span class="choice-note">{store.address.clone()}</span>
                                <span class="choice-note store-hours">{format!("#{} · {hours}", store.id)}</span>
                            </span>
                        </label>
                    </li>
                }
            })
            .collect_view()
            .into_any(),
    }
    };
    view! {
        <fieldset class="store-picker" aria-describedby="store-error">
            <legend>{c.pickup_store}</legend>
            {move || chosen().map(|s| view! {
                <p class="store-chosen" role="status">
                    {c.store_chosen}" "<strong>{format!("{} {}", chain_name(&s.chain), s.name)}</strong>
                    <span class="choice-note">{s.address}</span>
                </p>
            })}
            <ChainTabs chain on_change=Callback::new(move |()| search(text.get_untracked()))/>
            <label for="store-search" class="visually-hidden">{c.store_search}</label>
            <input id="store-search" type="search" autocomplete="off" placeholder=c.store_search
                prop:value=move || text.get()
                on:input:target=move |ev| {
                    let value = ev.target().value();
                    text.set(value.clone());
                    search(value);
                }/>
            <ul class="store-results" aria-live="polite">{results}</ul>
            <p id="store-error" class="field-error" role="alert">{move || missing().then_some(c.choose_store)}</p>
        </fieldset>
    }
}

/// A chain as shoppers call it; a chain this version does not know, as the API names it.
fn chain_name(chain: &str) -> String {
    StoreChain::parse(chain).map_or_else(
        || chain.to_owned(),
        |known| (use_i18n().c().chain_name)(known).to_owned(),
    )
}

/// One tab for every chain, then one per chain: choosing one searches again. Radio buttons
/// drawn as tabs: the browser keeps which is chosen, and a keyboard moves between them.
#[component]
fn ChainTabs(chain: RwSignal<Option<StoreChain>>, on_change: Callback<()>) -> impl IntoView {
    let c = use_i18n().c();
    let tab = move |which: Option<StoreChain>| {
        let label = which.map_or(c.all_chains, c.chain_name);
        view! {
            <label class="chain-tab">
                <input type="radio" name="chain" value=which.map_or("", StoreChain::as_str)
                    checked=which.is_none()
                    on:change=move |_| {
                        chain.set(which);
                        on_change.run(());
                    }/>
                {label}
            </label>
        }
    };
    view! {
        <fieldset class="chain-tabs">
            <legend class="visually-hidden">{c.pickup_store}</legend>
            {tab(None)}
            {StoreChain::ALL.into_iter().map(|each| tab(Some(each))).collect_view()}
        </fieldset>
    }
}
