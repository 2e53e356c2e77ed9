//! What a page shows when it cannot show what was asked: an error with a way forward.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::use_i18n;

/// What kept a page from showing, in the terms a shopper can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// No answer: most likely offline.
    Offline,
    /// The server failed or answered something unexpected.
    Server,
    /// The URL itself asks for something malformed (a hand-edited or truncated link).
    BadLink,
}

impl From<&ApiError> for Problem {
    fn from(error: &ApiError) -> Problem {
        match error {
            ApiError::Network => Problem::Offline,
            ApiError::Api { status: 400, .. } => Problem::BadLink,
            _ => Problem::Server,
        }
    }
}

/// A problem explained for a shopper, with a retry when one can help.
#[component]
pub fn ErrorView(
    problem: Problem,
    #[prop(optional, into)] retry: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let message = move || match problem {
        Problem::Offline => i18n.t().error_network,
        Problem::Server => i18n.t().error_server,
        Problem::BadLink => i18n.t().error_bad_link,
    };
    view! {
        <section class="status-panel" role="alert">
            <h1>{i18n.t().error_title}</h1>
            <p>{message}</p>
            <p class="status-actions">
                {retry.map(|retry| view! {
                    <button type="button" class="button" on:click=move |_| retry.run(())>
                        {i18n.t().retry}
                    </button>
                })}
                <a class="button button-quiet" href="/">{i18n.t().back_home}</a>
            </p>
        </section>
    }
}

/// Nothing here: an unknown URL, product or category.
#[component]
pub fn NotFoundView(#[prop(optional)] message: Option<&'static str>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="status-panel">
            <p class="status-code" aria-hidden="true">"404"</p>
            <h1>{i18n.t().not_found_title}</h1>
            <p>{message.unwrap_or(i18n.t().not_found_text)}</p>
            <p class="status-actions">
                <a class="button" href="/">{i18n.t().back_home}</a>
            </p>
        </section>
    }
}
