//! Moving a SKU's stock with a reason (received, returned, damaged, lost, recount): the
//! reason goes to the audit log with the figures before and after.

use fourflow_core::admin::stock::{AdjustmentReason, SkuRecord, StockAdjustment};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::admin::merchandising as api;
use crate::i18n::use_i18n;
use crate::pages::admin::problem::{invalid, problem_id, FieldProblem, FormProblem, Problem};

const FIELDS: &[&str] = &["delta", "reason", "note"];
const REASONS: [AdjustmentReason; 5] = [
    AdjustmentReason::Received,
    AdjustmentReason::Returned,
    AdjustmentReason::Damaged,
    AdjustmentReason::Lost,
    AdjustmentReason::Recount,
];

#[component]
pub fn StockForm(
    record: SkuRecord,
    /// The SKU as last answered, for figures that move with each adjustment.
    current: RwSignal<Option<SkuRecord>>,
    changed: Callback<SkuRecord>,
) -> impl IntoView {
    let b = use_i18n().b();
    let m = b.merch;
    let delta = RwSignal::new(String::new());
    let reason = RwSignal::new(AdjustmentReason::Received.as_str().to_owned());
    let note = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    let done = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let sku = StoredValue::new(record.sku.clone());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        done.set(None);
        let Ok(units) = delta
            .get_untracked()
            .trim()
            .trim_start_matches('+')
            .parse::<i64>()
        else {
            return problem.set(Some(Problem::at("delta", m.not_whole_number)));
        };
        let picked = reason.get_untracked();
        let reason = REASONS
            .into_iter()
            .find(|r| r.as_str() == picked)
            .unwrap_or(AdjustmentReason::Recount);
        let adjustment = StockAdjustment {
            delta: units,
            reason,
            note: note.get_untracked().trim().to_owned(),
        };
        problem.set(None);
        busy.set(true);
        spawn_local(async move {
            let sku = sku.get_value();
            match api::adjust_stock(&sku, &adjustment).await {
                Ok(record) => {
                    // Emptied, so that a second click does not move the stock twice.
                    delta.set(String::new());
                    note.set(String::new());
                    done.set(Some((m.stock_saved)(&sku, record.on_hand)));
                    changed.run(record);
                }
                Err(e) => problem.set(Some(Problem::from_api(b, &e))),
            }
            busy.set(false);
        });
    };
    let options = REASONS
        .into_iter()
        .map(|r| view! { <option value=r.as_str()>{(m.reason_name)(r)}</option> })
        .collect_view();
    view! {
        <form class="admin-form stock-form" on:submit=submit novalidate>
            <h3>{m.stock_form}</h3>
            <p class="muted small">
                {move || current.with(|r| {
                    let r = r.as_ref().unwrap_or(&record);
                    format!("{} {} · {} {} · {}", m.on_hand, r.on_hand, m.reserved, r.reserved, m.delta_hint)
                })}
            </p>
            <label>
                <span>{m.reason}</span>
                <select name="reason" bind:value=reason>{options}</select>
                <FieldProblem problem field="reason"/>
            </label>
            <label>
                <span>{m.delta}</span>
                <input type="text" inputmode="numeric" name="delta" bind:value=delta required placeholder="+24 / -2"
                    aria-invalid=invalid(problem, "delta") aria-describedby=problem_id("delta")/>
                <FieldProblem problem field="delta"/>
            </label>
            <label>
                <span>{m.note}</span>
                <input type="text" name="note" maxlength="200" bind:value=note
                    aria-invalid=invalid(problem, "note") aria-describedby=problem_id("note")/>
                <FieldProblem problem field="note"/>
            </label>
            <FormProblem problem fields=FIELDS/>
            {move || done.get().map(|d| view! { <p class="form-ok" role="status">{d}</p> })}
            <div><button type="submit" class="button" disabled=move || busy.get()>{m.adjust}</button></div>
        </form>
    }
}
