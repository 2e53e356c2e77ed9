//! Sending a delivered order back in the appraisal period (七天鑑賞期): while the core rule
//! allows it, the order page offers a return and refund; the shopper says why, and the page
//! reads the order again, which now shows the request in its status and timeline. Once asked,
//! it says what happens next.

use fourflow_core::order::{OrderStatus, OrderView};
use fourflow_core::returns::{self, RefundRequestInput, MAX_REASON_CHARS};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::api::{self, ApiError};
use crate::i18n::use_i18n;

#[component]
pub fn ReturnRequest(
    order: OrderView,
    token: Option<String>,
    reload: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let c = i18n.c();
    if order.status == OrderStatus::RefundRequested {
        return Some(
            view! {
                <section class="next-step" aria-live="polite">
                    <h2>{c.return_requested}</h2>
                    <p class="muted">{c.return_requested_note}</p>
                </section>
            }
            .into_any(),
        );
    }
    let delivered =
        returns::delivered_at(order.events.iter().map(|e| (e.to_status, e.at.as_str())))
            .and_then(unix_seconds);
    let now = (js_sys::Date::now() / 1000.0) as i64;
    returns::may_request(order.status, delivered, now).ok()?;
    let until = delivered
        .map(|at| (c.date_time)(&rfc3339(returns::deadline(at))))
        .unwrap_or_default();
    let note = (c.return_note)(&until);
    let note_shut = note.clone();

    let number = StoredValue::new(order.number.clone());
    let token = StoredValue::new(token);
    let open = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(None::<&'static str>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = reason.get_untracked();
        let input = RefundRequestInput {
            reason: text.clone(),
        };
        if input.check().is_err() {
            failed.set(Some(if text.trim().is_empty() {
                c.return_reason_needed
            } else {
                c.return_reason_too_long
            }));
            return;
        }
        busy.set(true);
        failed.set(None);
        leptos::task::spawn_local(async move {
            let token = token.get_value();
            let answer = api::request_return(&number.get_value(), token.as_deref(), &text).await;
            busy.set(false);
            failed.set(match answer {
                Ok(_) => {
                    reload.run(());
                    None
                }
                Err(ApiError::Network) => Some(i18n.t().error_network),
                Err(ApiError::Api { body, .. })
                    if body.error.field.as_deref() == Some("reason") =>
                {
                    Some(c.return_reason_needed)
                }
                Err(ApiError::Api { body, .. }) => Some((c.return_refused)(&body.error.code)),
                Err(ApiError::Unexpected { .. }) => Some(i18n.t().error_server),
            });
        });
    };
    // Only a problem with the reason marks the field; the others are the request's.
    let reason_wrong = move || {
        failed
            .get()
            .is_some_and(|m| m == c.return_reason_needed || m == c.return_reason_too_long)
    };
    let form = move || {
        view! {
            <h2>{c.return_title}</h2>
            <p class="muted">{note.clone()}</p>
            <form class="return-form" on:submit=submit novalidate>
                <div class="field" class:invalid=reason_wrong>
                    <label for="return-reason">{c.return_reason}</label>
                    <p class="field-hint" id="return-reason-hint">{c.return_reason_hint}</p>
                    <textarea id="return-reason" name="reason" rows="4" required
                        maxlength=MAX_REASON_CHARS.to_string()
                        aria-describedby="return-reason-hint return-error"
                        aria-invalid=move || reason_wrong().to_string()
                        prop:value=move || reason.get()
                        on:input:target=move |ev| reason.set(ev.target().value())></textarea>
                </div>
                <p class="place-error" id="return-error" role="alert">{move || failed.get()}</p>
                <div class="return-actions">
                    <button type="submit" class="button" disabled=move || busy.get()>
                        {move || if busy.get() { c.sending_return } else { c.send_return }}
                    </button>
                    <button type="button" class="button button-quiet" on:click=move |_| open.set(false)>
                        {c.not_now}
                    </button>
                </div>
            </form>
        }
    };
    let closed = move || {
        view! {
            <p class="muted">{note_shut.clone()}</p>
            <p><button type="button" class="button button-quiet" on:click=move |_| open.set(true)>
                {c.return_title}
            </button></p>
        }
    };
    Some(
        view! {
            <section class="return-request">
                {move || if open.get() { form().into_any() } else { closed().into_any() }}
            </section>
        }
        .into_any(),
    )
}

/// An RFC 3339 time as Unix seconds.
fn unix_seconds(rfc3339: &str) -> Option<i64> {
    let millis = js_sys::Date::parse(rfc3339);
    (!millis.is_nan()).then(|| (millis / 1000.0) as i64)
}

fn rfc3339(unix: i64) -> String {
    js_sys::Date::new(&JsValue::from_f64(unix as f64 * 1000.0))
        .to_iso_string()
        .into()
}
