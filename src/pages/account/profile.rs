//! `/account`: who is signed in — name (which can be changed), email and whether it is
//! verified, since when — and signing out.

use fourflow_core::account::{Profile, ProfileUpdate};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{bad_name, AccountFrame, Submission};
use crate::api;
use crate::components::use_title;
use crate::i18n::use_i18n;
use crate::pages::checkout::TextField;
use crate::state::cart::use_cart;
use crate::state::session::use_session;

#[component]
pub fn ProfilePage() -> impl IntoView {
    let a = use_i18n().a();
    use_title(move || Some(a.account.to_owned()));
    view! {
        <AccountFrame here="/account">
            <ProfileCard/>
            <SignOut/>
        </AccountFrame>
    }
}

#[component]
fn ProfileCard() -> impl IntoView {
    let i18n = use_i18n();
    let a = i18n.a();
    let session = use_session();
    let editing = RwSignal::new(false);
    let details = move || {
        session.profile().map(|p: Profile| {
            let since = (i18n.c().date_time)(&p.created_at);
            // The day without the time (the time comes last in every locale).
            let day = since.rsplit_once(' ').map_or(since.as_str(), |(day, _)| day).to_owned();
            let badge = if p.email_verified {
                view! { <span class="verified-badge">{a.verified_badge}</span> }.into_any()
            } else {
                view! { <span class="verified-badge unverified">{a.unverified_badge}</span> }.into_any()
            };
            view! {
                <dl class="profile-details">
                    <div><dt>{a.name}</dt><dd class="profile-name">{p.name.clone()}</dd></div>
                    <div><dt>{a.email}</dt><dd class="profile-email">{p.email.clone()}" "{badge}</dd></div>
                </dl>
                {(!p.email_verified).then(|| view! { <p class="form-note">{a.unverified_note}</p> })}
                <p class="muted small">{(a.member_since)(&day)}</p>
            }
        })
    };
    view! {
        <section class="account-card">
            <header class="account-card-head">
                <h2>{a.profile}</h2>
                {move || (!editing.get()).then(|| view! {
                    <button type="button" class="button button-quiet button-small edit-name" on:click=move |_| editing.set(true)>
                        {a.edit_name}
                    </button>
                })}
            </header>
            {move || if editing.get() {
                view! { <NameForm editing/> }.into_any()
            } else {
                details.into_any()
            }}
        </section>
    }
}

#[component]
fn NameForm(editing: RwSignal<bool>) -> impl IntoView {
    let a = use_i18n().a();
    let session = use_session();
    let name = RwSignal::new(session.profile().map(|p| p.name).unwrap_or_default());
    let sub = Submission::new();
    let name_error = sub.error("name", move || name.with(|n| bad_name(n)));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !sub.start(name_error.get_untracked().is_none()) {
            return;
        }
        let update = ProfileUpdate {
            name: Some(name.get_untracked().trim().to_owned()),
        };
        spawn_local(async move {
            match api::update_me(&update).await {
                Ok(profile) => {
                    sub.done();
                    session.set_profile(profile);
                    editing.set(false);
                }
                Err(e) => sub.failed(&e),
            }
        });
    };
    view! {
        <form class="account-form" on:submit=submit novalidate>
            <TextField id="profile-name" label=a.name autocomplete="name"
                value=name on_input=move |v| { sub.edited(); name.set(v) } error=name_error/>
            {sub.alert()}
            <div class="form-actions">
                <button type="submit" class="button" disabled=move || sub.busy.get()>
                    {move || if sub.busy.get() { a.saving } else { a.save }}
                </button>
                <button type="button" class="button button-quiet" on:click=move |_| editing.set(false)>{a.cancel}</button>
            </div>
        </form>
    }
}

/// Signing out: the cart is kept on the account, and the shopper lands on the home page.
#[component]
fn SignOut() -> impl IntoView {
    let a = use_i18n().a();
    let session = use_session();
    let cart = use_cart();
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let sign_out = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match session.sign_out(cart).await {
                // A full load: the home page is the storefront's.
                Ok(()) => {
                    let _ = window().location().set_href("/");
                }
                Err(e) => {
                    problem.set(Some(a.problem(&e).1));
                    busy.set(false);
                }
            }
        });
    };
    view! {
        <section class="sign-out">
            <p class="form-problem" role="alert">{move || problem.get()}</p>
            <button type="button" class="button button-quiet sign-out-button" on:click=sign_out disabled=move || busy.get()>
                {move || if busy.get() { a.signing_out } else { a.sign_out }}
            </button>
        </section>
    }
}
