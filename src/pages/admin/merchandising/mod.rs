//! `/admin/merchandising?q=…&page=…`: every SKU with its price and stock, for marketers. A
//! SKU opens the price and stock forms; the whole list goes out as CSV and comes back through
//! an import that is tried (a dry run) before it is confirmed.

mod csv_import;
mod price_form;
mod sku_table;
mod stock_form;

use fourflow_core::admin::stock::SkuRecord;
use fourflow_core::catalog::encode_pairs;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::failure;
use crate::api::admin::merchandising as api;
use crate::components::{use_title, Pager};
use crate::i18n::use_i18n;
use crate::state::remote::Remote;
use csv_import::CsvImport;
use price_form::PriceForm;
use sku_table::SkuTable;
use stock_form::StockForm;

#[component]
pub fn MerchandisingPage() -> impl IntoView {
    let i18n = use_i18n();
    let b = i18n.b();
    let m = b.merch;
    use_title(move || Some(m.title.to_owned()));
    let query = use_query_map();
    let asked = Memo::new(move |_| {
        query.with(|q| {
            let page = q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1u32);
            (q.get("q").unwrap_or_default(), page)
        })
    });
    let skus = Remote::new(
        move || asked.get(),
        |(q, page): (String, u32)| async move { api::skus(&q, page).await },
    );
    // The SKU being adjusted, as the server last answered it.
    let editing = RwSignal::new(None::<SkuRecord>);
    let open_sku = Memo::new(move |_| editing.with(|e| e.as_ref().map(|r| r.sku.clone())));
    let changed = Callback::new(move |record: SkuRecord| {
        editing.set(Some(record));
        skus.refetch();
    });
    view! {
        <header class="admin-header">
            <h1>{m.title}</h1>
            <a class="button button-quiet" href=api::EXPORT_URL download="fourflow-skus.csv" rel="external">{m.export}</a>
        </header>
        <Search/>
        // Drawn again only for another SKU: a saved change keeps the forms and their messages.
        {move || open_sku.get().and_then(|_| editing.get_untracked()).map(|record| view! {
            <section class="admin-card sku-editor" aria-labelledby="sku-editor-title">
                <div class="admin-header">
                    <h2 id="sku-editor-title">{(m.edit_sku)(&record.sku)}" · "{i18n.text(&record.title)}</h2>
                    <button type="button" class="link-button" on:click=move |_| editing.set(None)>{m.close}</button>
                </div>
                <div class="admin-columns">
                    <PriceForm record=record.clone() changed/>
                    <StockForm record current=editing changed/>
                </div>
            </section>
        })}
        {move || match skus.get() {
            None => view! { <p class="muted" aria-busy="true">{i18n.t().loading}</p> }.into_any(),
            Some(Err(e)) => view! { <p class="form-problem" role="alert">{failure(b, &e)}</p> }.into_any(),
            Some(Ok(list)) => {
                let pages = list.total.div_ceil(list.per_page.max(1));
                let page = list.page;
                let href = Callback::new(move |page: u32| {
                    let q = query.with_untracked(|q| q.get("q").unwrap_or_default());
                    let page = page.to_string();
                    format!("/admin/merchandising?{}", encode_pairs([("q", q.as_str()), ("page", page.as_str())]))
                });
                view! {
                    <p class="muted">{(m.found)(list.total)}</p>
                    <SkuTable items=list.items editing/>
                    <Pager page pages href/>
                }
                .into_any()
            }
        }}
        <CsvImport imported=Callback::new(move |()| skus.refetch())/>
    }
}

#[component]
fn Search() -> impl IntoView {
    let b = use_i18n().b();
    let query = use_query_map();
    let navigate = use_navigate();
    let q = RwSignal::new(query.with_untracked(|q| q.get("q").unwrap_or_default()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = q.get_untracked();
        let path = match q.trim() {
            "" => "/admin/merchandising".to_owned(),
            q => format!("/admin/merchandising?{}", encode_pairs([("q", q)])),
        };
        navigate(&path, Default::default());
    };
    view! {
        <form class="admin-search" role="search" on:submit=submit>
            <label>
                <span class="visually-hidden">{b.search}</span>
                <input type="search" placeholder=b.merch.search_placeholder bind:value=q/>
            </label>
            <button type="submit" class="button">{b.search}</button>
        </form>
    }
}
