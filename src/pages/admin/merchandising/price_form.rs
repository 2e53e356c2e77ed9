//! A SKU's price, was-price and weight. Prices are typed in whole dollars; the rules (a
//! was-price above the price, …) are the server's, and its word shows beside the field.

use fourflow_core::admin::stock::{PriceChange, SkuRecord};
use fourflow_core::Money;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::admin::merchandising as api;
use crate::i18n::use_i18n;
use crate::pages::admin::problem::{
    dollars, invalid, problem_id, FieldProblem, FormProblem, Problem,
};

const FIELDS: &[&str] = &["price", "compare_at", "weight_grams"];

#[component]
pub fn PriceForm(record: SkuRecord, changed: Callback<SkuRecord>) -> impl IntoView {
    let i18n = use_i18n();
    let b = i18n.b();
    let m = b.merch;
    let whole = |money: Money| (money.amount / money.currency.unit()).to_string();
    let price = RwSignal::new(whole(record.price));
    let compare_at = RwSignal::new(record.compare_at.map(whole).unwrap_or_default());
    let weight = RwSignal::new(record.weight_grams.to_string());
    let problem = RwSignal::new(None::<Problem>);
    let done = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let sku = StoredValue::new(record.sku.clone());
    let currency = record.price.currency;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        done.set(None);
        let change = (|| {
            let price = dollars(&price.get_untracked())
                .ok_or_else(|| Problem::at("price", m.not_whole_dollars))?;
            let compare_at = match compare_at.get_untracked().trim() {
                "" => None,
                was => Some(
                    dollars(was).ok_or_else(|| Problem::at("compare_at", m.not_whole_dollars))?,
                ),
            };
            let weight_grams = weight
                .get_untracked()
                .trim()
                .parse()
                .map_err(|_| Problem::at("weight_grams", m.not_whole_number))?;
            Ok::<_, Problem>(PriceChange {
                price: Money::new(price, currency),
                compare_at: compare_at.map(|was| Money::new(was, currency)),
                weight_grams,
            })
        })();
        let change = match change {
            Ok(change) => change,
            Err(p) => return problem.set(Some(p)),
        };
        problem.set(None);
        busy.set(true);
        spawn_local(async move {
            let sku = sku.get_value();
            match api::change_price(&sku, &change).await {
                Ok(record) => {
                    done.set(Some((m.price_saved)(&sku, &i18n.money(record.price))));
                    changed.run(record);
                }
                Err(e) => problem.set(Some(Problem::from_api(b, &e))),
            }
            busy.set(false);
        });
    };
    view! {
        <form class="admin-form price-form" on:submit=submit novalidate>
            <h3>{m.price_form}</h3>
            <label>
                <span>{m.price_dollars}</span>
                <input type="text" inputmode="numeric" name="price" bind:value=price required
                    aria-invalid=invalid(problem, "price") aria-describedby=problem_id("price")/>
                <FieldProblem problem field="price"/>
            </label>
            <label>
                <span>{m.compare_at}</span>
                <input type="text" inputmode="numeric" name="compare_at" bind:value=compare_at
                    aria-invalid=invalid(problem, "compare_at") aria-describedby=problem_id("compare_at")/>
                <small class="muted">{m.compare_at_hint}</small>
                <FieldProblem problem field="compare_at"/>
            </label>
            <label>
                <span>{m.weight}</span>
                <input type="text" inputmode="numeric" name="weight_grams" bind:value=weight
                    aria-invalid=invalid(problem, "weight_grams") aria-describedby=problem_id("weight_grams")/>
                <FieldProblem problem field="weight_grams"/>
            </label>
            <FormProblem problem fields=FIELDS/>
            {move || done.get().map(|d| view! { <p class="form-ok" role="status">{d}</p> })}
            <div><button type="submit" class="button" disabled=move || busy.get()>{m.save_price}</button></div>
        </form>
    }
}
