//! The form of one promotion: its name in both languages, the offer and its figures, what it
//! applies to, its window, automatic or behind a coupon code. Saving sends the promotion and
//! then its coupon; each refusal is shown beside the field the server names.

use fourflow_core::admin::promotions::PromotionRecord;
use fourflow_core::pricing::ShippingMethod;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::draft::{Draft, OFFERS, SCOPES};
use crate::api::admin::promotions as api;
use crate::i18n::use_i18n;
use crate::pages::admin::problem::{invalid, problem_id, FieldProblem, FormProblem, Problem};

const FIELDS: &[&str] = &[
    "promotion.id",
    "promotion.label.zh_tw",
    "promotion.label.en",
    "promotion.offer.percent",
    "promotion.offer.amount",
    "promotion.offer.buy",
    "promotion.offer.get",
    "promotion.offer.qty",
    "promotion.offer.price",
    "promotion.offer.methods",
    "promotion.scope.slugs",
    "promotion.min_spend",
    "promotion.starts_at",
    "promotion.ends_at",
    "code",
    "usage_limit",
];

/// A text field bound to `value`, with the server's word on `field` beside it.
fn input(
    label: &'static str,
    field: &'static str,
    value: RwSignal<String>,
    kind: &'static str,
    problem: RwSignal<Option<Problem>>,
) -> impl IntoView {
    view! {
        <label>
            <span>{label}</span>
            <input type=kind name=field bind:value=value
                aria-invalid=invalid(problem, field) aria-describedby=problem_id(field)/>
            <FieldProblem problem field/>
        </label>
    }
}

#[component]
pub fn PromotionForm(draft: Draft, saved: Callback<PromotionRecord>) -> impl IntoView {
    let i18n = use_i18n();
    let b = i18n.b();
    let (m, p) = (b.merch, b.promo);
    let problem = RwSignal::new(None::<Problem>);
    let done = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        done.set(None);
        let (edit, coupon) = match draft.edit(m).and_then(|e| Ok((e, draft.coupon(m)?))) {
            Ok(both) => both,
            Err(e) => return problem.set(Some(e)),
        };
        problem.set(None);
        busy.set(true);
        spawn_local(async move {
            let id = edit.promotion.id.clone();
            let answer = match api::save(&id, &edit).await {
                Ok(mut record) => match coupon {
                    Some((code, coupon)) => api::save_coupon(&code, &coupon).await.map(|c| {
                        record.coupons.retain(|x| x.code != c.code);
                        record.coupons.insert(0, c);
                        record
                    }),
                    None => Ok(record),
                },
                Err(e) => Err(e),
            };
            match answer {
                Ok(record) => {
                    done.set(Some((p.saved)(&id)));
                    draft.saved.set(true);
                    saved.run(record);
                }
                Err(e) => problem.set(Some(Problem::from_api(b, &e))),
            }
            busy.set(false);
        });
    };
    let offer_options = OFFERS
        .into_iter()
        .map(|o| view! { <option value=o>{(p.offer_kind)(o)}</option> })
        .collect_view();
    let scope_options = SCOPES
        .into_iter()
        .map(|s| view! { <option value=s>{(p.scope_kind)(s)}</option> })
        .collect_view();
    let method_boxes = move || {
        ShippingMethod::ALL
            .into_iter()
            .map(|method| {
                let ticked = move || draft.methods.with(|ms| ms.contains(&method));
                let toggle = move |_| {
                    draft.methods.update(|ms| {
                        if let Some(at) = ms.iter().position(|x| *x == method) {
                            ms.remove(at);
                        } else {
                            ms.push(method);
                        }
                    })
                };
                view! {
                    <label class="check">
                        <input type="checkbox" prop:checked=ticked on:change=toggle/>
                        <span>{(b.shipping_method)(method)}</span>
                    </label>
                }
            })
            .collect_view()
    };
    let offer_fields = move || match draft.offer.get().as_str() {
        "percent_off" => input(
            p.percent,
            "promotion.offer.percent",
            draft.percent,
            "number",
            problem,
        )
        .into_any(),
        "amount_off" => input(
            p.amount,
            "promotion.offer.amount",
            draft.amount,
            "text",
            problem,
        )
        .into_any(),
        "buy_x_get_y" => view! {
            {input(p.buy, "promotion.offer.buy", draft.buy, "number", problem)}
            {input(p.get, "promotion.offer.get", draft.get, "number", problem)}
        }
        .into_any(),
        "bundle_price" => view! {
            {input(p.qty, "promotion.offer.qty", draft.qty, "number", problem)}
            {input(p.bundle_price, "promotion.offer.price", draft.price, "text", problem)}
        }
        .into_any(),
        _ => view! {
            <fieldset class="checks">
                <legend>{p.methods}</legend>
                {method_boxes()}
                <FieldProblem problem field="promotion.offer.methods"/>
            </fieldset>
        }
        .into_any(),
    };
    view! {
        <form class="admin-form promotion-form" on:submit=submit novalidate>
            <label>
                <span>{p.id}</span>
                <input type="text" name="promotion.id" bind:value=draft.id placeholder=p.id_hint
                    readonly=move || draft.saved.get()
                    aria-invalid=invalid(problem, "promotion.id") aria-describedby=problem_id("promotion.id")/>
                <FieldProblem problem field="promotion.id"/>
            </label>
            <fieldset class="both">
                <legend>{p.label}</legend>
                {input(b.zh, "promotion.label.zh_tw", draft.label_zh, "text", problem)}
                {input(b.en, "promotion.label.en", draft.label_en, "text", problem)}
            </fieldset>
            <fieldset class="both">
                <legend>{p.offer}</legend>
                <label>
                    <span>{p.offer}</span>
                    <select name="offer" bind:value=draft.offer>{offer_options}</select>
                </label>
                {offer_fields}
            </fieldset>
            <fieldset class="both">
                <legend>{p.scope}</legend>
                <label>
                    <span>{p.scope}</span>
                    <select name="scope" bind:value=draft.scope>{scope_options}</select>
                </label>
                {move || (draft.scope.get() != "all").then(|| input(p.slugs, "promotion.scope.slugs", draft.slugs, "text", problem))}
                {input(p.min_spend, "promotion.min_spend", draft.min_spend, "text", problem)}
            </fieldset>
            <fieldset class="both">
                <legend>{p.window}</legend>
                {input(p.starts_at, "promotion.starts_at", draft.starts, "datetime-local", problem)}
                {input(p.ends_at, "promotion.ends_at", draft.ends, "datetime-local", problem)}
            </fieldset>
            <fieldset class="both">
                <legend>{p.how}</legend>
                <label class="check wide">
                    <input type="checkbox" bind:checked=draft.automatic/>
                    <span>{p.automatic}" — "{p.automatic_hint}</span>
                </label>
                {input(p.coupon_code, "code", draft.code, "text", problem)}
                {input(p.usage_limit, "usage_limit", draft.usage_limit, "number", problem)}
                <small class="muted wide">{p.coupon_hint}</small>
            </fieldset>
            <FormProblem problem fields=FIELDS/>
            {move || done.get().map(|d| view! { <p class="form-ok" role="status">{d}</p> })}
            <div><button type="submit" class="button" disabled=move || busy.get()>{p.save}</button></div>
        </form>
    }
}
