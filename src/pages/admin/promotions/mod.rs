//! `/admin/promotions`: promotions and coupons for marketers — the list with each one's
//! offer, reach, window and coupons' use; the form to create or change one; and the preview
//! of a sample cart with and without it.

mod draft;
mod form;
mod preview;

use fourflow_core::admin::promotions::PromotionRecord;
use leptos::prelude::*;

use super::time::rfc3339;
use super::{failure, scroll_to};
use crate::api::admin::promotions as api;
use crate::components::use_title;
use crate::i18n::use_i18n;
use crate::state::remote::Remote;
use draft::{describe_scope, Draft};
use form::PromotionForm;
use preview::PreviewPanel;

#[component]
pub fn PromotionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let b = i18n.b();
    let p = b.promo;
    use_title(move || Some(p.title.to_owned()));
    let list = Remote::new(|| (), |()| api::promotions());
    // The form, drawn afresh for each promotion opened (a new `Draft` each time).
    let open = RwSignal::new(None::<Draft>);
    let start = move |record: Option<PromotionRecord>| {
        let draft = Draft::new();
        if let Some(record) = &record {
            draft.load(record);
        }
        open.set(Some(draft));
        scroll_to("promotion-editor");
    };
    view! {
        <header class="admin-header">
            <h1>{p.title}</h1>
            <button type="button" class="button" on:click=move |_| start(None)>{p.new}</button>
        </header>
        {move || open.get().map(|draft| view! {
            <section class="admin-card promotion-editor" id="promotion-editor">
                <h2>{move || if draft.saved.get() { (p.editing)(&draft.id.get()) } else { p.new.to_owned() }}</h2>
                <PromotionForm draft saved=Callback::new(move |_| list.refetch())/>
            </section>
            <PreviewPanel draft/>
        })}
        {move || match list.get() {
            None => view! { <p class="muted" aria-busy="true">{i18n.t().loading}</p> }.into_any(),
            Some(Err(e)) => view! { <p class="form-problem" role="alert">{failure(b, &e)}</p> }.into_any(),
            Some(Ok(items)) if items.is_empty() => view! { <p class="admin-empty">{p.none}</p> }.into_any(),
            Some(Ok(items)) => view! { <PromotionTable items start/> }.into_any(),
        }}
    }
}

#[component]
fn PromotionTable(
    items: Vec<PromotionRecord>,
    start: impl Fn(Option<PromotionRecord>) + Copy + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let b = i18n.b();
    let (p, c) = (b.promo, i18n.c());
    let when = move |at: Option<i64>| at.map(|t| (c.date_time)(&rfc3339(t))).unwrap_or_default();
    let rows = items
        .into_iter()
        .map(|record| {
            let promo = &record.promotion;
            let window = if promo.starts_at.is_none() && promo.ends_at.is_none() {
                p.always.to_owned()
            } else {
                (p.from_to)(&when(promo.starts_at), &when(promo.ends_at))
            };
            let how = if record.automatic {
                p.automatic.to_owned()
            } else {
                p.by_coupon.to_owned()
            };
            let coupons = record
                .coupons
                .iter()
                .map(|c| (p.coupon_uses)(&c.code, c.times_used, c.usage_limit))
                .collect::<Vec<_>>()
                .join("、");
            let min = promo
                .min_spend
                .map(|m| format!(" · ≥ {}", i18n.money(m)))
                .unwrap_or_default();
            let view = view! {
                <tr>
                    <td>
                        <strong>{i18n.text(&promo.label)}</strong><br/>
                        <span class="muted small sku-code">{promo.id.clone()}</span>
                    </td>
                    <td data-label=p.offer>{(p.describe)(&promo.offer)}{min}</td>
                    <td data-label=p.scope>{describe_scope(p, &promo.scope)}</td>
                    <td class="small" data-label=p.window>{window}</td>
                    <td data-label=p.how>{how}{(!coupons.is_empty()).then(|| view! { <br/><span class="muted small">{coupons}</span> })}</td>
                    <td class="row-action">
                        <button type="button" class="button button-quiet button-small"
                            on:click=move |_| start(Some(record.clone()))>{p.edit}</button>
                    </td>
                </tr>
            };
            view
        })
        .collect_view();
    view! {
        <div class="admin-table-wrap">
            <table class="admin-table stacked promotions-table">
                <thead>
                    <tr>
                        <th>{p.label}</th><th>{p.offer}</th><th>{p.scope}</th>
                        <th>{p.window}</th><th>{p.how}</th>
                        <th><span class="visually-hidden">{p.edit}</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
