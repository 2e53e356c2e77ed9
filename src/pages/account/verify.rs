//! `/account/verify?token=…`: the link mailed at sign-up. Proves the email, and says how many
//! guest orders placed with it joined the account.

use std::cell::RefCell;

use fourflow_core::account::{EmailVerified, VerifyEmail};
use fourflow_core::{ErrorBody, ErrorDetail};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;

use super::AuthCard;
use crate::api::{self, ApiError};
use crate::i18n::use_i18n;
use crate::state::session::use_session;

thread_local! {
    /// The answer for a token already spent: a link works once, and switching the language
    /// redraws the page, which must not ask again (and be told the link is spent).
    static ANSWERED: RefCell<Option<(String, Result<EmailVerified, ApiError>)>> =
        const { RefCell::new(None) };
}

#[component]
pub fn VerifyPage() -> impl IntoView {
    let i18n = use_i18n();
    let a = i18n.a();
    let session = use_session();
    let token = use_query_map()
        .with_untracked(|q| q.get("token"))
        .unwrap_or_default();
    let answer = RwSignal::new(ANSWERED.with_borrow(|cached| {
        cached
            .as_ref()
            .filter(|(t, _)| *t == token)
            .map(|(_, answer)| answer.clone())
    }));
    if answer.get_untracked().is_none() {
        let form = VerifyEmail { token };
        spawn_local(async move {
            let result = match form.check() {
                Ok(()) => api::verify_email(&form).await,
                Err(e) => Err(ApiError::Api {
                    status: 400,
                    body: ErrorBody {
                        error: ErrorDetail {
                            code: "invalid".into(),
                            message: e.message,
                            field: Some(e.field),
                        },
                    },
                }),
            };
            ANSWERED.set(Some((form.token, result.clone())));
            if result.is_ok() && session.is_signed_in_untracked() {
                session.check();
            }
            answer.try_set(Some(result));
        });
    }
    let body = move || {
        match answer.get() {
        None => view! { <p class="muted" aria-busy="true">{a.verifying}</p> }.into_any(),
        Some(Ok(verified)) => view! {
            <div class="auth-done" role="status">
                <p class="done-mark">{a.verified}</p>
                {(verified.claimed_orders > 0).then(|| view! { <p>{(a.claimed_orders)(verified.claimed_orders)}</p> })}
                {move || if session.profile().is_some() {
                    view! { <a class="button button-wide" href="/account">{a.go_to_account}</a> }
                } else {
                    view! { <a class="button button-wide" href="/account/login">{a.sign_in}</a> }
                }}
            </div>
        }
        .into_any(),
        Some(Err(e)) => view! {
            <div class="auth-done">
                <p class="form-problem" role="alert">{a.problem(&e).1}</p>
                <a class="button button-wide" href="/account">{a.go_to_account}</a>
            </div>
        }
        .into_any(),
    }
    };
    view! { <AuthCard title=a.verify_title>{body}</AuthCard> }
}
