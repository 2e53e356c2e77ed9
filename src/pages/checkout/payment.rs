//! Step 3: how the shopper pays — card (in one payment or in instalments when the order is
//! large enough), ATM transfer, a convenience-store payment code, cash on delivery (with its
//! fee, up to its ceiling) or an e-wallet. Card details stay in this page's memory only.

use fourflow_core::checkout::PaymentMethod;
use fourflow_core::payment::{
    card_problems, check_method, instalment_options, payment_fee, typed_expiry,
};
use fourflow_core::Money;
use leptos::prelude::*;

use super::field::{ShowErrors, TextField};
use super::invoice::{invoice_error, InvoiceFields};
use super::StepForm;
use crate::i18n::use_i18n;
use crate::state::checkout::{use_checkout, CheckoutDraft};
use crate::state::quote::use_cart_quote;

/// Card details as typed: never persisted, never sent anywhere but the payment call.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CardDetails {
    pub number: String,
    pub expiry: String,
    pub cvc: String,
}

#[derive(Clone, Copy)]
pub struct CardEntry(pub RwSignal<CardDetails>);

/// The methods in the order they are offered.
pub const METHODS: [PaymentMethod; 5] = [
    PaymentMethod::Card,
    PaymentMethod::AtmTransfer,
    PaymentMethod::StoreCode,
    PaymentMethod::CashOnDelivery,
    PaymentMethod::EWallet,
];

/// This month, for card expiry: `(year, month)` by the browser's clock.
pub fn this_month() -> (i32, u32) {
    let now = js_sys::Date::new_0();
    (now.get_full_year() as i32, now.get_month() + 1)
}

/// The card's problems, field by field (none when the method is not card).
pub fn card_errors(card: &CardDetails, instalments: u32, total: Money) -> Vec<&'static str> {
    card_problems(
        &card.number,
        &card.expiry,
        &card.cvc,
        instalments.max(1),
        total,
        this_month(),
    )
    .into_iter()
    .map(|p| match p.field.as_str() {
        "number" => "card.number",
        "expiry" => "card.expiry",
        "cvc" => "card.cvc",
        _ => "card.instalments",
    })
    .collect()
}

/// Whether the payment step is complete: a method chosen that can pay `total`, with a
/// card's details right when it is a card.
pub fn payment_ready(draft: &CheckoutDraft, card: &CardDetails, total: Option<Money>) -> bool {
    match (draft.payment_method, total) {
        (Some(PaymentMethod::Card), Some(total)) => {
            card_errors(card, draft.instalments, total).is_empty()
                && invoice_error(&draft.invoice).is_none()
        }
        (Some(method), Some(total)) => {
            check_method(method, total).is_ok() && invoice_error(&draft.invoice).is_none()
        }
        _ => false,
    }
}

/// The merchandise and shipping total the methods are judged by (before any method's fee).
pub fn order_total() -> Option<Money> {
    use_cart_quote()
        .quote
        .get()
        .and_then(Result::ok)
        .map(|q| q.total)
}

#[component]
pub fn PaymentStep(on_next: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let c = i18n.c();
    let draft = use_checkout().draft;
    let card = expect_context::<CardEntry>().0;
    let chosen = move || draft.with(|d| d.payment_method);
    let show_errors = use_context::<ShowErrors>().map(|s| s.0);
    let complete = Signal::derive(move || {
        let total = order_total();
        draft.with(|d| card.with(|card| payment_ready(d, card, total)))
    });
    let options = move || {
        METHODS
            .into_iter()
            .map(|method| {
                let refused = move || order_total().is_some_and(|t| check_method(method, t).is_err());
                let fee = payment_fee(method).map(|fee| format!("+{}", i18n.money(fee)));
                view! {
                    <label class="choice choice-card" class:disabled=refused>
                        <input type="radio" name="payment_method" value=method.as_str()
                            disabled=refused
                            prop:checked=move || chosen() == Some(method)
                            on:change=move |_| draft.update(|d| d.payment_method = Some(method))/>
                        <span class="choice-main">
                            <strong>{(c.payment_method)(method)}</strong>
                            <span class="choice-note">{move || if refused() { c.cod_too_large } else { (c.payment_note)(method) }}</span>
                        </span>
                        {fee.map(|fee| view! { <span class="choice-fee">{fee}</span> })}
                    </label>
                    {move || (chosen() == Some(method) && method == PaymentMethod::Card).then(|| view! { <CardFields/> })}
                }
            })
            .collect_view()
    };
    view! {
        <StepForm title=c.step_payment complete on_next>
            <fieldset class="choices">
                <legend>{c.payment}</legend>
                {options}
            </fieldset>
            <p class="field-error" role="alert">
                {move || (chosen().is_none() && show_errors.is_some_and(|s| s.get())).then_some(c.choose_payment)}
            </p>
            <InvoiceFields/>
        </StepForm>
    }
}

#[component]
fn CardFields() -> impl IntoView {
    let i18n = use_i18n();
    let c = i18n.c();
    let draft = use_checkout().draft;
    let card = expect_context::<CardEntry>().0;
    let errors = move || {
        let total = order_total().unwrap_or(Money::twd(0));
        card.with(|card| card_errors(card, draft.with(|d| d.instalments), total))
    };
    let error = move |field: &'static str| {
        Signal::derive(move || errors().contains(&field).then(|| (c.field_error)(field)))
    };
    let value = move |get: fn(&CardDetails) -> &String| {
        Signal::derive(move || card.with(|c| get(c).clone()))
    };
    let instalments = move || order_total().map(instalment_options).unwrap_or_default();
    let plans = move || {
        let options = instalments();
        (!options.is_empty()).then(|| {
            let choices = std::iter::once(1)
                .chain(options)
                .map(|n| view! {
                    <label class="choice choice-inline">
                        <input type="radio" name="instalments" value=n.to_string()
                            prop:checked=move || draft.with(|d| d.instalments.max(1)) == n
                            on:change=move |_| draft.update(|d| d.instalments = n)/>
                        <span>{(c.instalment_plan)(n)}</span>
                    </label>
                })
                .collect_view();
            view! { <fieldset class="instalments"><legend>{c.instalments}</legend>{choices}</fieldset> }
        })
    };
    view! {
        <div class="card-fields">
            <p class="field-hint">{c.sandbox_cards}</p>
            <TextField id="card-number" label=c.card_number autocomplete="cc-number" inputmode="numeric"
                placeholder="4242 4242 4242 4242"
                value=value(|c| &c.number)
                on_input=move |v: String| card.update(|c| c.number = spaced(&v))
                error=error("card.number")/>
            <div class="field-row">
                <TextField id="card-expiry" label=c.card_expiry autocomplete="cc-exp" inputmode="numeric" placeholder="MM/YY"
                    value=value(|c| &c.expiry) on_input=move |v: String| card.update(|c| c.expiry = typed_expiry(&v))
                    error=error("card.expiry")/>
                <TextField id="card-cvc" label=c.card_cvc autocomplete="cc-csc" inputmode="numeric" placeholder="123"
                    value=value(|c| &c.cvc) on_input=move |v: String| card.update(|c| c.cvc = v.trim().to_owned())
                    error=error("card.cvc")/>
            </div>
            {plans}
        </div>
    }
}

/// A card number in groups of four, as printed on the card.
fn spaced(typed: &str) -> String {
    let digits: Vec<char> = typed
        .chars()
        .filter(char::is_ascii_digit)
        .take(19)
        .collect();
    digits
        .chunks(4)
        .map(|group| group.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}
