//! Who is asking: the session cookie and the signed-in shopper it proves, the client's
//! address (for rate limits), and the account settings every request may need.
//!
//! The cookie `fourflow_session` holds 256 random bits; the database keeps only their SHA-256,
//! so a leaked table signs no one in. The cookie is HttpOnly (no script reads it), SameSite=Lax
//! (not sent on cross-site POSTs), `Secure` when the shop is served over https, and lives 30
//! days; a new one is issued at every sign-in.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts, OptionalFromRequestParts};
use axum::http::header::COOKIE;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};

use crate::config::AccountSettings;
use crate::error::ApiError;
use crate::passwords::Hasher;
use crate::secrets;
use crate::startup::AppState;
use crate::store;

pub const COOKIE_NAME: &str = "fourflow_session";
/// How long a session lasts from sign-in.
pub const SESSION_SECONDS: i64 = 30 * 24 * 3600;
/// `last_seen` is written at most this often: a write per request would serialise SQLite.
const TOUCH_EVERY: i64 = 300;

/// The account settings, as the running server uses them.
#[derive(Debug, Clone)]
pub struct AccountConfig {
    pub hasher: Hasher,
    /// `https://shop.example.tw`, without a trailing slash; `None`: compare with `Host`.
    pub public_origin: Option<String>,
    pub secure_cookies: bool,
    pub trust_forwarded_for: bool,
    pub dev_mailbox: bool,
}

impl AccountConfig {
    pub fn from_settings(s: &AccountSettings) -> anyhow::Result<AccountConfig> {
        let public_origin = s
            .public_origin
            .as_deref()
            .map(|o| o.trim().trim_end_matches('/').to_owned())
            .filter(|o| !o.is_empty());
        let https = public_origin
            .as_deref()
            .is_some_and(|o| o.starts_with("https://"));
        Ok(AccountConfig {
            hasher: Hasher::new(s.password_hash_memory_kib)?,
            secure_cookies: s.secure_cookies || https,
            public_origin,
            trust_forwarded_for: s.trust_forwarded_for,
            dev_mailbox: s.dev_mailbox,
        })
    }

    /// `Set-Cookie` for a new session.
    pub fn session_cookie(&self, token: &str) -> HeaderValue {
        self.cookie(token, SESSION_SECONDS)
    }

    /// `Set-Cookie` that makes the browser forget its session.
    pub fn cleared_cookie(&self) -> HeaderValue {
        self.cookie("", 0)
    }

    fn cookie(&self, value: &str, max_age: i64) -> HeaderValue {
        let secure = if self.secure_cookies { "; Secure" } else { "" };
        HeaderValue::from_str(&format!(
            "{COOKIE_NAME}={value}; Max-Age={max_age}; Path=/; HttpOnly; SameSite=Lax{secure}"
        ))
        .expect("a hex token makes a valid header")
    }
}

/// 256 random bits as 64 hex digits: session ids and mailed tokens.
pub fn new_token() -> String {
    secrets::random_hex::<32>()
}

/// What the database keeps of a token.
pub fn token_hash(token: &str) -> String {
    secrets::sha256_hex(token.as_bytes())
}

/// The session token the request's cookies carry, if any.
pub fn cookie_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, value)| *name == COOKIE_NAME && !value.is_empty())
        .map(|(_, value)| value.to_owned())
}

/// A signed-in shopper: the extractor answers 401 when the request has no live session.
#[derive(Debug, Clone)]
pub struct Shopper {
    pub customer_id: i64,
    /// The session's stored id, to end it.
    pub session_hash: String,
}

impl FromRequestParts<AppState> for Shopper {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        <Shopper as OptionalFromRequestParts<AppState>>::from_request_parts(parts, state)
            .await?
            .ok_or(ApiError::Unauthorised("sign in first"))
    }
}

impl OptionalFromRequestParts<AppState> for Shopper {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<Self>, ApiError> {
        let Some(token) = cookie_token(&parts.headers) else {
            return Ok(None);
        };
        let hash = token_hash(&token);
        let now = state.clock.now();
        let pool = state.db.pool();
        let Some((customer_id, last_seen)) = store::accounts::session(pool, &hash, now).await?
        else {
            return Ok(None);
        };
        if now - last_seen >= TOUCH_EVERY {
            store::accounts::touch_session(pool, &hash, now).await?;
        }
        Ok(Some(Shopper {
            customer_id,
            session_hash: hash,
        }))
    }
}

/// The client's address, for rate limits: the connection's peer, or the last
/// `X-Forwarded-For` entry (the one our own proxy added) when the proxy is trusted.
#[derive(Debug, Clone)]
pub struct ClientIp(pub String);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        Ok(ClientIp(client_ip(
            &parts.headers,
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0),
            state.accounts.trust_forwarded_for,
        )))
    }
}

fn client_ip(headers: &HeaderMap, peer: Option<SocketAddr>, trust_forwarded: bool) -> String {
    let forwarded = trust_forwarded
        .then(|| headers.get("x-forwarded-for")?.to_str().ok())
        .flatten()
        .and_then(|v| v.rsplit(',').next())
        .map(str::trim)
        .filter(|v| !v.is_empty());
    match (forwarded, peer) {
        (Some(ip), _) => ip.to_owned(),
        (None, Some(peer)) => peer.ip().to_string(),
        (None, None) => "unknown".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_session_among_other_cookies() {
        let mut headers = HeaderMap::new();
        headers.insert(
            COOKIE,
            HeaderValue::from_static("theme=dark; fourflow_session=abc123; lang=en"),
        );
        assert_eq!(cookie_token(&headers).as_deref(), Some("abc123"));
        headers.insert(COOKIE, HeaderValue::from_static("fourflow_session="));
        assert_eq!(cookie_token(&headers), None);
    }

    #[test]
    fn forwarded_for_counts_only_when_trusted() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            HeaderValue::from_static("6.6.6.6, 203.0.113.9"),
        );
        let peer = Some("10.0.0.2:5555".parse().unwrap());
        assert_eq!(client_ip(&headers, peer, false), "10.0.0.2");
        assert_eq!(client_ip(&headers, peer, true), "203.0.113.9");
        assert_eq!(client_ip(&HeaderMap::new(), None, true), "unknown");
    }
}
