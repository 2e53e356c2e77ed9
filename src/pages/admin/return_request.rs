//! A return the shopper requested, in the orders console: what they wrote, and declining it
//! (refunding it is the console's own refund). Declining answers the order as it now stands.

use fourflow_core::admin::orders::ConsoleOrder;
use fourflow_core::returns::{self, MAX_REASON_CHARS};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::failure;
use crate::api::admin as api;
use crate::api::ApiError;
use crate::i18n::use_i18n;

#[component]
pub fn ReturnRequest(
    o: ConsoleOrder,
    order: RwSignal<Option<Result<ConsoleOrder, ApiError>>>,
) -> impl IntoView {
    if !returns::declinable(o.order.status) {
        return None;
    }
    let b = use_i18n().b();
    let r = b.returns;
    let said = o
        .order
        .events
        .iter()
        .rev()
        .find(|e| e.kind == "return_requested")
        .and_then(|e| e.note.clone());
    let number = StoredValue::new(o.order.number.clone());
    let open = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            match api::decline_return(&number.get_value(), &reason.get_untracked()).await {
                Ok(updated) => order.set(Some(Ok(updated))),
                Err(e) => problem.set(Some(failure(b, &e))),
            }
            busy.set(false);
        });
    };
    Some(view! {
        <section class="admin-card admin-form">
            <h2>{r.requested}</h2>
            {said.map(|said| view! { <p>{r.shopper_says}</p><blockquote>{said}</blockquote> })}
            <p class="muted">{r.refund_it}</p>
            <Show when=move || open.get() fallback=move || view! {
                <div class="admin-actions">
                    <button type="button" class="button button-quiet" on:click=move |_| open.set(true)>{r.decline}</button>
                </div>
            }>
                <form class="admin-form" on:submit=submit>
                    <p class="muted">{r.decline_note}</p>
                    <label><span>{b.reason}</span>
                        <input type="text" required maxlength=MAX_REASON_CHARS.to_string() bind:value=reason/>
                    </label>
                    <button type="submit" class="button" disabled=move || busy.get()>{r.confirm_decline}</button>
                </form>
            </Show>
            {move || problem.get().map(|p| view! { <p class="form-problem" role="alert">{p}</p> })}
        </section>
    })
}
