//! Step 2: how and where the parcel goes — home delivery, express or convenience-store pickup,
//! each with its fee and the days it should arrive; an address, or a store from the picker.

use fourflow_core::delivery::estimate;
use fourflow_core::pricing::{QuoteErrorCode, ShippingMethod, ShippingRate};
use leptos::prelude::*;

use super::area::{AreaField, AreaFields};
use super::field::TextField;
use super::stores::StorePicker;
use super::StepForm;
use crate::i18n::use_i18n;
use crate::state::cart::use_cart;
use crate::state::checkout::{use_checkout, Address, CheckoutDraft};
use crate::state::quote::use_cart_quote;

#[component]
pub fn DeliveryStep(on_next: Callback<()>) -> impl IntoView {
    let c = use_i18n().c();
    let cart = use_cart();
    let quote = use_cart_quote();
    let draft = use_checkout().draft;
    let method = move || cart.with(|d| d.shipping_method);
    let problems = move || draft.with(|d| d.delivery(method()).problems());
    let too_heavy = move || matches!(quote.quote.get(), Some(Err(e)) if e.code == QuoteErrorCode::ShippingUnavailable);
    let complete = Signal::derive(move || problems().is_empty() && !too_heavy());
    let place = move || {
        if method() == ShippingMethod::StorePickup {
            view! { <StorePicker/> }.into_any()
        } else {
            view! { <AddressFields/> }.into_any()
        }
    };
    view! {
        <StepForm title=c.step_delivery complete on_next>
            <MethodChoice/>
            {move || too_heavy().then(|| view! {
                <p class="line-warning" role="alert">{use_i18n().t().store_pickup_limit}</p>
            })}
            {place}
        </StepForm>
    }
}

/// The delivery methods with their fee and arrival days.
#[component]
fn MethodChoice() -> impl IntoView {
    let i18n = use_i18n();
    let c = i18n.c();
    let cart = use_cart();
    let quote = use_cart_quote();
    let now = (js_sys::Date::now() / 1000.0) as i64;
    // What each method costs for this parcel; "—" where it cannot carry it (and a warning
    // says so if it is the one chosen).
    let fee = move |rate: &ShippingRate| {
        rate.fee(cart.parcel_grams())
            .map_or_else(|| "—".to_owned(), |fee| i18n.money(fee))
    };
    let options = move || {
        quote
            .shipping_rates()
            .into_iter()
            .map(|rate| {
                let method = rate.method;
                let eta = estimate(method, now);
                let arrives = (c.arrives)(&eta.earliest, &eta.latest);
                view! {
                    <label class="choice choice-card">
                        <input type="radio" name="shipping_method" value=method.as_str()
                            prop:checked=move || cart.with(|d| d.shipping_method) == method
                            on:change=move |_| cart.set_shipping_method(method)/>
                        <span class="choice-main">
                            <strong>{i18n.text(&rate.label)}</strong>
                            <span class="choice-note">{arrives}</span>
                        </span>
                        <span class="choice-fee">{fee(&rate)}</span>
                    </label>
                }
            })
            .collect_view()
    };
    view! {
        <fieldset class="choices">
            <legend>{c.delivery_method}</legend>
            {options}
        </fieldset>
    }
}

#[component]
fn AddressFields() -> impl IntoView {
    let c = use_i18n().c();
    let draft = use_checkout().draft;
    let value = move |get: fn(&Address) -> &String| {
        Signal::derive(move || draft.with(|d| get(&d.address).clone()))
    };
    let set = move |put: fn(&mut Address, String)| {
        move |text: String| draft.update(|d| put(&mut d.address, text))
    };
    let error = move |field: &'static str| {
        Signal::derive(move || {
            draft
                .with(|d: &CheckoutDraft| {
                    d.delivery(ShippingMethod::HomeDelivery)
                        .problems()
                        .iter()
                        .any(|p| p.field == field)
                })
                .then(|| (c.field_error)(field))
        })
    };
    view! {
        <fieldset class="address-fields">
            <legend>{c.address}</legend>
            <crate::pages::account::SavedAddressChoices/>
            <AreaFields
                city=AreaField { id: "delivery-city", value: value(|a| &a.city),
                    set: Callback::new(set(|a, v| a.city = v)), error: error("delivery.city") }
                district=AreaField { id: "delivery-district", value: value(|a| &a.district),
                    set: Callback::new(set(|a, v| a.district = v)), error: error("delivery.district") }
                postal_code=AreaField { id: "delivery-postal-code", value: value(|a| &a.postal_code),
                    set: Callback::new(set(|a, v| a.postal_code = v)), error: error("delivery.postal_code") }/>
            <TextField id="delivery-line" label=c.street autocomplete="address-line1"
                value=value(|a| &a.line) on_input=set(|a, v| a.line = v) error=error("delivery.line")/>
        </fieldset>
    }
}
