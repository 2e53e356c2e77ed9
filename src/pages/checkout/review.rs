//! Step 4: everything at a glance, each part with a way back to change it, then "place order".

use fourflow_core::checkout::PaymentMethod;
use fourflow_core::delivery::estimate;
use fourflow_core::order::hold_seconds;
use leptos::prelude::*;

use super::payment::{CardDetails, CardEntry};
use super::place::{place, PlaceError};
use super::Step;
use crate::i18n::use_i18n;
use crate::state::cart::use_cart;
use crate::state::checkout::use_checkout;
use crate::state::quote::use_cart_quote;

#[component]
pub fn ReviewStep() -> impl IntoView {
    let i18n = use_i18n();
    let c = i18n.c();
    let cart = use_cart();
    let quote = use_cart_quote();
    let checkout = use_checkout();
    let card = expect_context::<CardEntry>().0;
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<PlaceError>);
    let draft = checkout.draft;
    let method = move || cart.with(|d| d.shipping_method);

    let contact = move || {
        draft.with(|d| {
        view! {
            <p>{d.contact.name.clone()}<br/>{d.contact.email.clone()}<br/>{d.contact.phone.clone()}</p>
        }
    })
    };
    let delivery = move || {
        let eta = estimate(method(), (js_sys::Date::now() / 1000.0) as i64);
        let place = draft.with(|d| d.delivery(method()).one_line());
        let label = quote
            .shipping_rates()
            .into_iter()
            .find(|r| r.method == method())
            .map(|r| i18n.text(&r.label))
            .unwrap_or_default();
        view! { <p>{label}<br/>{place}<br/><span class="muted">{(c.arrives)(&eta.earliest, &eta.latest)}</span></p> }
    };
    let payment = move || {
        let chosen = draft.with(|d| d.payment_method);
        let detail = match chosen {
            Some(PaymentMethod::Card) => {
                let last4: String =
                    card.with(|c| c.number.chars().filter(char::is_ascii_digit).collect());
                let last4 = last4
                    .get(last4.len().saturating_sub(4)..)
                    .unwrap_or_default()
                    .to_owned();
                let plan = (c.instalment_plan)(draft.with(|d| d.instalments.max(1)));
                format!("•••• {last4} · {plan}")
            }
            Some(method) => (c.payment_note)(method).to_owned(),
            None => String::new(),
        };
        let invoice = draft.with(|d| c.invoice_choice(&d.invoice));
        view! {
            <p>{chosen.map(c.payment_method)}<br/><span class="muted">{detail}</span></p>
            <p>{c.invoice}<br/><span class="muted">{invoice}</span></p>
        }
    };
    let hold = move || {
        draft
            .with(|d| d.payment_method)
            .and_then(hold_seconds)
            .map(|seconds| view! { <p class="hold-note">{(c.hold_note)(seconds / 60)}</p> })
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let coupon = quote.coupon();
        let Some(order) = cart.with(|d| draft.with(|dr| dr.order(d, coupon))) else {
            return;
        };
        let details: CardDetails = card.get_untracked();
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            match place(checkout, cart, order, details).await {
                Ok(placed) => {
                    card.set(CardDetails::default());
                    // A real load: the order page, or a payment provider's page.
                    let _ = window().location().assign(&placed.next_url);
                }
                Err(problem) => {
                    busy.set(false);
                    error.set(Some(problem));
                }
            }
        });
    };
    let error_view = move || {
        error.get().map(|problem| {
            let message = match &problem {
                PlaceError::Network => c.place_offline.to_string(),
                PlaceError::Server => use_i18n().t().error_server.to_string(),
                PlaceError::Refused(body) => (c.refused)(&body.error.code, body.error.field.as_deref().unwrap_or("")),
            };
            let fix = match &problem {
                PlaceError::Refused(body) => Some(Step::fix_href(body.error.field.as_deref().unwrap_or(""))),
                _ => None,
            };
            view! {
                <div class="place-error" role="alert">
                    <p>{message}</p>
                    {fix.map(|href| view! { <a class="button button-small button-quiet" href=href>{c.fix_it}</a> })}
                </div>
            }
        })
    };
    let section = move |title: &'static str, step: Step, body: AnyView| {
        view! {
            <section class="review-part">
                <header><h3>{title}</h3><a href=step.href() class="link-button">{c.edit}</a></header>
                {body}
            </section>
        }
    };
    view! {
        <form class="checkout-form" on:submit=submit novalidate>
            <h2>{c.step_review}</h2>
            {section(c.step_contact, Step::Contact, view! { {contact} }.into_any())}
            {section(c.step_delivery, Step::Delivery, view! { {delivery} }.into_any())}
            {section(c.step_payment, Step::Payment, view! { {payment} }.into_any())}
            {hold}
            {error_view}
            <button type="submit" class="button button-wide place-order" disabled=move || busy.get()>
                {move || if busy.get() { c.placing } else { c.place_order }}
            </button>
            <p class="muted small">{c.place_terms}</p>
        </form>
    }
}
