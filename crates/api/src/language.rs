//! The language of a request, for what the shop says back.
//!
//! A client that prefers zh-TW (`Accept-Language`, which the web app sets from the language
//! the shopper or staff member chose) reads the refusals that speak it — the back office's
//! checks and the SKU import's report — in zh-TW; anyone else reads English. The choice is held
//! for the time the request is handled, so that an error turned into a response far from the
//! handler's arguments still answers in the right language.
//!
//! What the shop says to a customer later (an email) is in the language they were shopping
//! in: the order and the account keep [`customer`], which is the shop's own language, zh-TW,
//! when the client named none.

use axum::extract::Request;
use axum::http::header::ACCEPT_LANGUAGE;
use axum::middleware::Next;
use axum::response::Response;
use fourflow_core::Locale;

tokio::task_local! {
    static LANGUAGE: Option<Locale>;
}

pub async fn negotiate(request: Request, next: Next) -> Response {
    let locale = request
        .headers()
        .get(ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Locale::preferred);
    LANGUAGE.scope(locale, next.run(request)).await
}

/// The language the client prefers, if it named one of the shop's.
pub fn preferred() -> Option<Locale> {
    LANGUAGE.try_with(|locale| *locale).ok().flatten()
}

/// The language of the API's own words in the request being handled: English unless the
/// client prefers one of the shop's, and outside a request (a job, a test).
pub fn current() -> Locale {
    preferred().unwrap_or(Locale::En)
}

/// The language to keep for the customer making this request: the one they prefer, else the
/// shop's default (zh-TW).
pub fn customer() -> Locale {
    preferred().unwrap_or_default()
}
