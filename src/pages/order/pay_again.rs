//! Paying for an order that is still waiting: the first try after placing failed, was
//! refused, or never happened (the connection dropped). The shopper may pay another way ahead
//! this time (`fourflow_core::payment::can_switch`); card details are typed again (they were
//! never kept), the other methods just start.

use fourflow_core::checkout::PaymentMethod;
use fourflow_core::order::OrderView;
use fourflow_core::payment::{can_switch, card_problems, typed_expiry, NextAction, StartPayment};
use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::i18n::use_i18n;
use crate::pages::checkout::{this_month, TextField, METHODS};
use crate::state::checkout::new_key;

#[component]
pub fn PayAgain(order: OrderView, token: Option<String>, reload: Callback<()>) -> impl IntoView {
    let c = use_i18n().c();
    let placed_with = order.payment_method;
    if !can_switch(placed_with, placed_with) {
        return None;
    }
    let chosen = RwSignal::new(placed_with);
    let number = StoredValue::new(order.number.clone());
    let token = StoredValue::new(token);
    let total = order.quote.total;
    let (card_number, expiry, cvc) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let problems = move || {
        card_problems(
            &card_number.get(),
            &expiry.get(),
            &cvc.get(),
            1,
            total,
            this_month(),
        )
        .into_iter()
        .map(|p| p.field)
        .collect::<Vec<_>>()
    };
    let error_of = move |field: &'static str, key: &'static str| {
        Signal::derive(move || {
            problems()
                .iter()
                .any(|p| p == field)
                .then(|| (c.field_error)(key))
        })
    };
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let method = chosen.get_untracked();
        if method == PaymentMethod::Card && !problems().is_empty() {
            failed.set(Some(c.check_card.to_owned()));
            return;
        }
        let payment = match method {
            PaymentMethod::Card => StartPayment::Card {
                number: card_number.get_untracked(),
                expiry: expiry.get_untracked(),
                cvc: cvc.get_untracked(),
                instalments: 1,
            },
            PaymentMethod::AtmTransfer => StartPayment::AtmTransfer,
            PaymentMethod::StoreCode => StartPayment::StoreCode,
            _ => StartPayment::EWallet,
        };
        busy.set(true);
        failed.set(None);
        leptos::task::spawn_local(async move {
            let token = token.get_value();
            let answer = api::start_payment(
                &number.get_value(),
                token.as_deref(),
                &payment,
                &new_key("pay"),
            )
            .await;
            busy.set(false);
            match answer {
                Ok(p) => match p.next_action {
                    Some(NextAction::Redirect { url }) => {
                        let _ = window().location().assign(&url);
                    }
                    _ => reload.run(()),
                },
                Err(ApiError::Network) => failed.set(Some(use_i18n().t().error_network.to_owned())),
                Err(ApiError::Api { body, .. }) => failed.set(Some((c.refused)(
                    &body.error.code,
                    body.error.field.as_deref().unwrap_or(""),
                ))),
                Err(ApiError::Unexpected { .. }) => {
                    failed.set(Some(use_i18n().t().error_server.to_owned()))
                }
            }
        });
    };
    let choices = METHODS
        .into_iter()
        .filter(|m| can_switch(placed_with, *m))
        .map(|m| view! {
            <label class="choice choice-inline">
                <input type="radio" name="retry_method" value=m.as_str() checked=m == placed_with
                    on:change=move |_| chosen.set(m)/>
                {(c.payment_method)(m)}
            </label>
        })
        .collect_view();
    let card_fields = move || {
        (chosen.get() == PaymentMethod::Card).then(|| view! {
        <p class="field-hint">{c.sandbox_cards}</p>
        <TextField id="retry-card-number" label=c.card_number autocomplete="cc-number" inputmode="numeric"
            value=card_number on_input=move |v| card_number.set(v) error=error_of("number", "card.number")/>
        <div class="field-row">
            <TextField id="retry-card-expiry" label=c.card_expiry autocomplete="cc-exp" placeholder="MM/YY"
                inputmode="numeric" value=expiry on_input=move |v: String| expiry.set(typed_expiry(&v))
                error=error_of("expiry", "card.expiry")/>
            <TextField id="retry-card-cvc" label=c.card_cvc autocomplete="cc-csc" inputmode="numeric"
                value=cvc on_input=move |v| cvc.set(v) error=error_of("cvc", "card.cvc")/>
        </div>
    })
    };
    Some(view! {
        <form class="pay-again checkout-step" on:submit=submit novalidate>
            <fieldset class="retry-methods">
                <legend>{c.pay_another_way}</legend>
                {choices}
            </fieldset>
            {card_fields}
            <p class="place-error" role="alert">{move || failed.get()}</p>
            <button type="submit" class="button" disabled=move || busy.get()>{move || (c.pay_with)(chosen.get())}</button>
        </form>
    })
}
