//! What the account brings to checkout's pages (which are otherwise the checkout's own): a
//! signed-in shopper's contact details filled in, their saved addresses offered as quick
//! choices, and for a shopper not signed in, a way to sign in and come back.

use fourflow_core::account::Address;
use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::state::checkout::{use_checkout, Address as DraftAddress};
use crate::state::session::{Session, SessionState};

/// Fills the contact step's empty fields from the signed-in shopper's profile (name, email)
/// and default address (mobile), as soon as who is signed in is known. What the shopper
/// typed is never replaced.
pub fn prefill_contact() {
    let Some(session) = use_context::<Session>() else {
        return;
    };
    let draft = use_checkout().draft;
    let book = session.address_book();
    Effect::new(move |_| {
        let Some(profile) = session.profile() else {
            return;
        };
        let phone = book.with(|b| {
            b.as_ref()
                .and_then(|list| list.iter().find(|a| a.fields.is_default).or(list.first()))
                .map(|a| a.fields.phone.clone())
        });
        let empty = untrack(|| {
            draft.with(|d| {
                (
                    d.contact.name.trim().is_empty(),
                    d.contact.email.trim().is_empty(),
                    d.contact.phone.trim().is_empty() && phone.is_some(),
                )
            })
        });
        if empty != (false, false, false) {
            draft.update(|d| {
                if empty.0 {
                    d.contact.name = profile.name.clone();
                }
                if empty.1 {
                    d.contact.email = profile.email.clone();
                }
                if let (true, Some(phone)) = (empty.2, phone) {
                    d.contact.phone = phone;
                }
            });
        }
    });
}

fn as_draft(address: &Address) -> DraftAddress {
    let f = &address.fields;
    DraftAddress {
        postal_code: f.postal_code.clone(),
        city: f.city.clone(),
        district: f.district.clone(),
        line: f.line.clone(),
    }
}

/// The saved addresses as one-tap choices above the delivery step's address fields; the one
/// the draft holds is marked.
#[component]
pub fn SavedAddressChoices() -> impl IntoView {
    let book = use_context::<Session>().map(|s| s.address_book());
    let a = use_i18n().c();
    let draft = use_checkout().draft;
    move || {
        let list = book?.get().filter(|l| !l.is_empty())?;
        let choices = list
            .into_iter()
            .map(|entry| {
                let address = as_draft(&entry);
                let chosen = {
                    let address = address.clone();
                    move || draft.with(|d| d.address == address)
                };
                let f = entry.fields;
                view! {
                    <li>
                        <button type="button" class="saved-address" aria-pressed=move || chosen().to_string()
                            on:click=move |_| draft.update(|d| d.address = address.clone())>
                            <strong>{f.label}</strong>
                            <span>{format!("{}{}{}", f.city, f.district, f.line)}</span>
                        </button>
                    </li>
                }
            })
            .collect_view();
        Some(view! {
            <div class="saved-addresses">
                <p class="saved-addresses-title">{a.saved_addresses}</p>
                <ul>{choices}</ul>
            </div>
        })
    }
}

/// "Have an account? Sign in" for a shopper not signed in; nothing otherwise.
#[component]
pub fn SignInPrompt() -> impl IntoView {
    let session = use_context::<Session>();
    let a = use_i18n().c();
    move || {
        let signed_out = session?.state.get() == SessionState::SignedOut;
        signed_out.then(|| {
            view! {
                <p class="sign-in-prompt">
                    {a.have_account_prompt}" "
                    <a href="/account/login?next=/checkout">{a.sign_in_to_prefill}</a>
                </p>
            }
        })
    }
}
