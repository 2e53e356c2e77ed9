//! `/account/forgot`: asks for a password-reset link. The answer is always the same, whether
//! or not the email has an account.

use fourflow_core::account::PasswordResetRequest;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{bad_email, AuthCard, Submission};
use crate::api;
use crate::i18n::use_i18n;
use crate::pages::checkout::TextField;

#[component]
pub fn ForgotPage() -> impl IntoView {
    let a = use_i18n().a();
    let sent = RwSignal::new(false);
    let email = RwSignal::new(String::new());
    let sub = Submission::new();
    let email_error = sub.error("email", move || email.with(|e| bad_email(e)));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !sub.start(email_error.get_untracked().is_none()) {
            return;
        }
        let form = PasswordResetRequest {
            email: email.get_untracked().trim().to_owned(),
        };
        spawn_local(async move {
            match api::request_password_reset(&form).await {
                Ok(_) => {
                    sub.done();
                    sent.set(true);
                }
                Err(e) => sub.failed(&e),
            }
        });
    };
    let body = move || {
        if sent.get() {
            view! {
                <div class="auth-done" role="status">
                    <p>{a.reset_sent}</p>
                    <a class="button button-wide" href="/account/login">{a.back_to_sign_in}</a>
                </div>
            }
            .into_any()
        } else {
            view! {
                <form class="account-form" on:submit=submit novalidate>
                    <TextField id="forgot-email" label=a.email kind="email" autocomplete="email" inputmode="email"
                        value=email on_input=move |v| { sub.edited(); email.set(v) } error=email_error/>
                    {sub.alert()}
                    <button type="submit" class="button button-wide" disabled=move || sub.busy.get()>
                        {move || if sub.busy.get() { a.sending } else { a.send_link }}
                    </button>
                </form>
                <p class="auth-alt"><a href="/account/login">{a.back_to_sign_in}</a></p>
            }
            .into_any()
        }
    };
    view! { <AuthCard title=a.forgot_title lead=a.forgot_text>{body}</AuthCard> }
}
