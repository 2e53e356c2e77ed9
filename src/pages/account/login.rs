//! `/account/login?next=…`: signing in. The cart this browser holds goes with the sign-in,
//! and the cart that comes back (merged with the one saved on the account by the server,
//! `fourflow_core::cart::merge`) takes its place. Then on to `next` (the account when none).

use fourflow_core::account::SignIn;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use super::{bad_email, next_path, with_next, AuthCard, Submission};
use crate::api;
use crate::i18n::use_i18n;
use crate::pages::checkout::TextField;
use crate::state::cart::use_cart;
use crate::state::session::use_session;

#[component]
pub fn LoginPage() -> impl IntoView {
    let a = use_i18n().a();
    let session = use_session();
    let next = next_path();
    let navigate = use_navigate();
    // Signed in (now, or already when the page opened): on to where the shopper was going.
    Effect::new(move |_| {
        if session.profile().is_some() {
            navigate(
                &next.get_untracked(),
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });
    view! {
        <AuthCard title=a.sign_in_title lead=a.sign_in_why>
            <LoginForm/>
            <p class="auth-alt">
                {a.no_account}" "
                <a href=move || with_next("/account/signup", &next.get())>{a.sign_up}</a>
            </p>
        </AuthCard>
    }
}

/// Email, password, "sign in". On success the session knows the shopper; what follows is
/// the page's to decide.
#[component]
pub fn LoginForm() -> impl IntoView {
    let a = use_i18n().a();
    let session = use_session();
    let cart = use_cart();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let sub = Submission::new();
    let email_error = sub.error("email", move || email.with(|e| bad_email(e)));
    let password_error = sub.error("current_password", move || password.with(String::is_empty));
    let has_cart = move || cart.count.get() > 0;

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let valid =
            email_error.get_untracked().is_none() && password_error.get_untracked().is_none();
        if !sub.start(valid) {
            return;
        }
        let form = SignIn {
            email: email.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
            cart: Some(untrack(|| {
                cart.with(|d| d.lines.iter().map(|l| l.line()).collect())
            })),
        };
        spawn_local(async move {
            match api::sign_in(&form).await {
                Ok(signed_in) => {
                    session.signed_in(signed_in, cart).await;
                    sub.done();
                }
                Err(e) => sub.failed(&e),
            }
        });
    };
    view! {
        <form class="account-form" on:submit=submit novalidate>
            <TextField id="login-email" label=a.email kind="email" autocomplete="email" inputmode="email"
                value=email on_input=move |v| { sub.edited(); email.set(v) } error=email_error/>
            <TextField id="login-password" label=a.password kind="password" autocomplete="current-password"
                value=password on_input=move |v| { sub.edited(); password.set(v) } error=password_error/>
            <p class="form-link"><a href="/account/forgot">{a.forgot_link}</a></p>
            {move || has_cart().then(|| view! { <p class="form-note">{a.cart_merge_note}</p> })}
            {sub.alert()}
            <button type="submit" class="button button-wide" disabled=move || sub.busy.get()>
                {move || if sub.busy.get() { a.signing_in } else { a.sign_in }}
            </button>
        </form>
    }
}
