//! The language the API's own words are in, per request.
//!
//! A client that prefers zh-TW (`Accept-Language`, which the web app sets from the language
//! the shopper or staff member chose) reads the refusals that speak it — the back office's
//! checks and the SKU import's report — in zh-TW; anyone else reads English. The choice is held
//! for the time the request is handled, so that an error turned into a response far from the
//! handler's arguments still answers in the right language.

use axum::extract::Request;
use axum::http::header::ACCEPT_LANGUAGE;
use axum::middleware::Next;
use axum::response::Response;
use fourflow_core::Locale;

tokio::task_local! {
    static LANGUAGE: Locale;
}

pub async fn negotiate(request: Request, next: Next) -> Response {
    let locale = request
        .headers()
        .get(ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Locale::preferred)
        .unwrap_or(Locale::En);
    LANGUAGE.scope(locale, next.run(request)).await
}

/// The language of the request being handled; English outside one (a job, a test).
pub fn current() -> Locale {
    LANGUAGE.try_with(|locale| *locale).unwrap_or(Locale::En)
}
