//! The SKU list: what each sells for and how many are on the shelf, held by orders and free
//! to sell.

use fourflow_core::admin::stock::SkuRecord;
use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::pages::admin::scroll_to;

#[component]
pub fn SkuTable(items: Vec<SkuRecord>, editing: RwSignal<Option<SkuRecord>>) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.b().merch;
    if items.is_empty() {
        return view! { <p class="admin-empty">{m.none}</p> }.into_any();
    }
    let rows = items
        .into_iter()
        .map(|record| {
            let options = i18n.text(&record.options);
            let current = record.sku.clone();
            let open = {
                let record = record.clone();
                move |_| {
                    editing.set(Some(record.clone()));
                    scroll_to("sku-editor-title");
                }
            };
            let low = record.on_hand - record.reserved <= 0;
            view! {
                <tr aria-current=move || editing.with(|e| e.as_ref().is_some_and(|e| e.sku == current)).then_some("true")>
                    <td class="sku-code">{record.sku.clone()}</td>
                    <td>
                        {i18n.text(&record.title)}
                        {(!options.is_empty()).then(|| view! { <br/><span class="muted small">{options}</span> })}
                    </td>
                    <td class="num" data-label=m.price>
                        {i18n.money(record.price)}
                        {record.compare_at.map(|was| view! { <br/><s class="muted small">{i18n.money(was)}</s> })}
                    </td>
                    <td class="num" data-label=m.on_hand>{record.on_hand}</td>
                    <td class="num" data-label=m.reserved>{record.reserved}</td>
                    <td class="num" data-label=m.available class:stock-out=low>{record.on_hand - record.reserved}</td>
                    <td class="row-action">
                        <button type="button" class="button button-quiet button-small" on:click=open
                            aria-label=(m.edit_sku)(&record.sku)>{m.edit}</button>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="admin-table-wrap">
            <table class="admin-table stacked sku-table">
                <thead>
                    <tr>
                        <th>{m.sku}</th>
                        <th>{m.product}</th>
                        <th class="num">{m.price}</th>
                        <th class="num">{m.on_hand}</th>
                        <th class="num">{m.reserved}</th>
                        <th class="num">{m.available}</th>
                        <th><span class="visually-hidden">{m.edit}</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
