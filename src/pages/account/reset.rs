//! `/account/reset?token=…`: the mailed link to choose a new password. Once it is changed,
//! every session of the account has ended, this one too: the shopper signs in again.

use fourflow_core::account::PasswordReset;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;

use super::{bad_new_password, AuthCard, Submission};
use crate::api;
use crate::i18n::use_i18n;
use crate::pages::checkout::TextField;
use crate::state::session::{use_session, SessionState};

#[component]
pub fn ResetPage() -> impl IntoView {
    let a = use_i18n().a();
    let session = use_session();
    let token = use_query_map()
        .with_untracked(|q| q.get("token"))
        .unwrap_or_default();
    let changed = RwSignal::new(false);
    let password = RwSignal::new(String::new());
    let sub = Submission::new();
    let password_error = sub.error("password", move || password.with(|p| bad_new_password(p)));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !sub.start(password_error.get_untracked().is_none()) {
            return;
        }
        let form = PasswordReset {
            token: token.clone(),
            password: password.get_untracked(),
        };
        spawn_local(async move {
            match api::reset_password(&form).await {
                Ok(_) => {
                    sub.done();
                    session.state.set(SessionState::SignedOut);
                    changed.set(true);
                }
                Err(e) => sub.failed(&e),
            }
        });
    };
    let body = move || {
        if changed.get() {
            view! {
                <div class="auth-done" role="status">
                    <p class="done-mark">{a.password_changed}</p>
                    <a class="button button-wide" href="/account/login">{a.sign_in}</a>
                </div>
            }
            .into_any()
        } else {
            view! {
                <form class="account-form" on:submit=submit.clone() novalidate>
                    <TextField id="reset-password" label=a.new_password kind="password" autocomplete="new-password"
                        hint=a.password_hint
                        value=password on_input=move |v| { sub.edited(); password.set(v) } error=password_error/>
                    {sub.alert()}
                    <button type="submit" class="button button-wide" disabled=move || sub.busy.get()>
                        {move || if sub.busy.get() { a.saving } else { a.save_password }}
                    </button>
                </form>
                <p class="auth-alt"><a href="/account/forgot">{a.forgot_title}</a></p>
            }
            .into_any()
        }
    };
    view! { <AuthCard title=a.reset_title lead=a.reset_text>{body}</AuthCard> }
}
