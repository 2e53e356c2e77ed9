//! Cross-site request forgery defence, in one place for the whole API.
//!
//! A mutation (POST, PUT, PATCH, DELETE) under `/api/v1` that a browser could send with the
//! shopper's session cookie must carry `X-Fourflow-Csrf: 1` — a custom header, which a
//! cross-site form cannot set and a cross-site script cannot send without a CORS preflight we
//! never grant — and, when the browser says where it comes from (`Origin`), come from the shop
//! itself. The sign-up, sign-in and password-reset calls need it even without a cookie, or a
//! foreign page could sign the shopper into the attacker's account (login CSRF).
//!
//! Not checked: requests with no session cookie elsewhere (a guest's checkout, the cart quote,
//! the bench: there is no ambient authority to abuse), and providers' webhooks, which are
//! server-to-server and signed.

use axum::extract::{Request, State};
use axum::http::header::{HOST, ORIGIN};
use axum::http::{HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::session::{cookie_token, AccountConfig};
use crate::startup::AppState;

pub const HEADER: &str = "x-fourflow-csrf";

pub async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    match check(
        request.method(),
        request.uri().path(),
        request.headers(),
        &state.accounts,
    ) {
        Ok(()) => next.run(request).await,
        Err(e) => e.into_response(),
    }
}

fn check(
    method: &Method,
    path: &str,
    headers: &HeaderMap,
    config: &AccountConfig,
) -> Result<(), ApiError> {
    let mutation = matches!(
        *method,
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    );
    if !mutation || !path.starts_with("/api/v1/") || path.starts_with("/api/v1/payments/webhooks/")
    {
        return Ok(());
    }
    let always = path.starts_with("/api/v1/auth/");
    if !always && cookie_token(headers).is_none() {
        return Ok(());
    }
    if headers.get(HEADER).and_then(|v| v.to_str().ok()) != Some("1") {
        return Err(ApiError::Forbidden {
            code: "csrf",
            message: "send the header X-Fourflow-Csrf: 1 with every change you make",
        });
    }
    if let Some(origin) = headers.get(ORIGIN) {
        let origin = origin.to_str().unwrap_or_default();
        if !same_origin(origin, headers, config) {
            return Err(ApiError::Forbidden {
                code: "csrf",
                message: "this change must come from the shop's own pages",
            });
        }
    }
    Ok(())
}

/// The configured public origin exactly; without one, the origin's host and port must be
/// the `Host` the request was sent to (the scheme is the proxy's business).
fn same_origin(origin: &str, headers: &HeaderMap, config: &AccountConfig) -> bool {
    match &config.public_origin {
        Some(public) => origin.eq_ignore_ascii_case(public),
        None => {
            let Some((_, authority)) = origin.split_once("://") else {
                return false; // `null` (sandboxed frames, some redirects): unknown origin
            };
            headers
                .get(HOST)
                .and_then(|h| h.to_str().ok())
                .is_some_and(|host| host.eq_ignore_ascii_case(authority))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::AccountSettings;
    use axum::http::HeaderValue;

    fn config(public_origin: Option<&str>) -> AccountConfig {
        AccountConfig::from_settings(&AccountSettings {
            public_origin: public_origin.map(str::to_owned),
            secure_cookies: false,
            trust_forwarded_for: false,
            dev_mailbox: false,
            password_hash_memory_kib: 1024,
        })
        .unwrap()
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn rules() {
        let c = config(None);
        let post = &Method::POST;
        let cookie = ("cookie", "fourflow_session=abc");
        let ok = |p, h: &HeaderMap| check(post, p, h, &c).is_ok();
        assert!(ok("/api/v1/orders", &headers(&[])), "no cookie: guest");
        assert!(!ok("/api/v1/orders", &headers(&[cookie])));
        assert!(!ok("/api/v1/auth/login", &headers(&[])), "login CSRF");
        assert!(ok("/api/v1/payments/webhooks/sandbox", &headers(&[cookie])));
        assert!(check(&Method::GET, "/api/v1/me", &headers(&[cookie]), &c).is_ok());
        let same = headers(&[
            cookie,
            (HEADER, "1"),
            ("host", "127.0.0.1:8080"),
            ("origin", "http://127.0.0.1:8080"),
        ]);
        assert!(ok("/api/v1/orders", &same));
        let foreign = headers(&[
            cookie,
            (HEADER, "1"),
            ("host", "127.0.0.1:8080"),
            ("origin", "https://evil.example"),
        ]);
        assert!(!ok("/api/v1/orders", &foreign));
        let public = config(Some("https://shop.example.tw/"));
        let proxied = headers(&[
            (HEADER, "1"),
            ("host", "10.0.0.5:8080"),
            ("origin", "https://shop.example.tw"),
        ]);
        assert!(check(post, "/api/v1/auth/login", &proxied, &public).is_ok());
    }
}
