//! Step 1: who is ordering — name, email (for the receipt and the order link), mobile (for the
//! courier or the store's pickup text).

use fourflow_core::checkout::Contact;
use leptos::prelude::*;

use super::field::TextField;
use super::StepForm;
use crate::i18n::use_i18n;
use crate::state::checkout::use_checkout;

#[component]
pub fn ContactStep(on_next: Callback<()>) -> impl IntoView {
    let c = use_i18n().c();
    let draft = use_checkout().draft;
    crate::pages::account::prefill_contact();
    let value = move |get: fn(&Contact) -> &String| {
        Signal::derive(move || draft.with(|d| get(&d.contact).clone()))
    };
    let set = move |put: fn(&mut Contact, String)| {
        move |text: String| draft.update(|d| put(&mut d.contact, text))
    };
    let error = move |field: &'static str| {
        Signal::derive(move || {
            draft
                .with(|d| d.contact.problems().iter().any(|p| p.field == field))
                .then(|| (c.field_error)(field))
        })
    };
    let complete = Signal::derive(move || draft.with(|d| d.contact.problems().is_empty()));
    view! {
        <StepForm title=c.step_contact complete on_next>
            <TextField id="contact-name" label=c.name autocomplete="name"
                value=value(|c| &c.name) on_input=set(|c, v| c.name = v) error=error("contact.name")/>
            <TextField id="contact-email" label=c.email kind="email" autocomplete="email" hint=c.email_hint
                value=value(|c| &c.email) on_input=set(|c, v| c.email = v) error=error("contact.email")/>
            <TextField id="contact-phone" label=c.mobile kind="tel" autocomplete="tel" inputmode="tel"
                placeholder="0912 345 678"
                value=value(|c| &c.phone) on_input=set(|c, v| c.phone = v) error=error("contact.phone")/>
        </StepForm>
    }
}
