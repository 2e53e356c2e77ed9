//! The development mailbox: the emails the shop kept instead of sending them (no `--smtp-url`:
//! `email::DevMailbox`), newest first — a page for people at `/dev/mailbox` (links clickable,
//! each email's HTML at `/dev/mailbox/{id}` as it would be received) and JSON for tests at
//! `/api/v1/dev/mailbox?to=…`. Only with `--dev-mailbox` (`FOURFLOW_DEV_MAILBOX=1`;
//! on in tests and `cargo xtask run`): the emails hold sign-in and reset links, so a
//! production shop answers 404 here.

use super::extract::{ApiPath, ApiQuery};
use axum::extract::State;
use axum::response::Html;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

use crate::error::{ApiError, ApiResult};
use crate::startup::AppState;
use crate::store::mailbox::{self, Kept};

pub fn pages() -> Router<AppState> {
    Router::new()
        .route("/dev/mailbox", get(page))
        .route("/dev/mailbox/{id}", get(one))
        .route("/api/v1/dev/mailbox", get(list))
}

#[derive(Debug, Deserialize)]
struct Filter {
    to: Option<String>,
}

#[derive(Debug, Serialize)]
struct MailView {
    to: String,
    subject: String,
    /// The plain-text part.
    body: String,
    html: String,
    sent_at: String,
    /// The links in the body, in order.
    links: Vec<String>,
}

#[derive(Debug, Serialize)]
struct MailList {
    items: Vec<MailView>,
    total: usize,
    page: u32,
    per_page: u32,
}

async fn mails(state: &AppState, to: Option<&str>) -> ApiResult<Vec<Kept>> {
    if !state.accounts.dev_mailbox {
        return Err(ApiError::not_found("API route"));
    }
    let to = to.map(str::trim).filter(|t| !t.is_empty());
    Ok(mailbox::newest(state.db.pool(), to).await?)
}

async fn list(
    State(state): State<AppState>,
    ApiQuery(filter): ApiQuery<Filter>,
) -> ApiResult<Json<MailList>> {
    let items: Vec<MailView> = mails(&state, filter.to.as_deref())
        .await?
        .into_iter()
        .map(|m| MailView {
            links: m
                .body
                .split_whitespace()
                .filter(|w| is_link(w))
                .map(str::to_owned)
                .collect(),
            to: m.recipient,
            subject: m.subject,
            body: m.body,
            html: m.html,
            sent_at: m.sent_at,
        })
        .collect();
    Ok(Json(MailList {
        total: items.len(),
        per_page: items.len().max(1) as u32,
        page: 1,
        items,
    }))
}

async fn page(
    State(state): State<AppState>,
    ApiQuery(filter): ApiQuery<Filter>,
) -> ApiResult<Html<String>> {
    let mails = mails(&state, filter.to.as_deref()).await?;
    let mut html = String::from(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Dev mailbox · Fourflow</title>
<style>body{font-family:system-ui,"Noto Sans TC",sans-serif;max-width:760px;margin:24px auto;padding:0 16px;color:#222}
article{border:1px solid #ddd;border-radius:10px;padding:12px 16px;margin:12px 0}
h2{font-size:1rem;margin:0 0 4px}.meta{color:#666;font-size:.85rem}
pre{white-space:pre-wrap;font:inherit;margin:8px 0 0}</style></head><body>
<h1>Dev mailbox</h1><p class="meta">Emails the shop sent, newest first (the last 100). Filter: <code>?to=name@example.tw</code></p>
"#,
    );
    if mails.is_empty() {
        html.push_str("<p>No emails yet.</p>");
    }
    for m in &mails {
        html.push_str(&format!(
            "<article><h2>{}</h2><div class=\"meta\">To {} · {} · \
             <a href=\"/dev/mailbox/{}\">as received (HTML)</a></div><pre>{}</pre></article>\n",
            escape(&m.subject),
            escape(&m.recipient),
            escape(&m.sent_at),
            m.id,
            linkify(&m.body)
        ));
    }
    html.push_str("</body></html>");
    Ok(Html(html))
}

/// One email's HTML part, as a mail client would show it: its own page, scripts off.
async fn one(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<impl axum::response::IntoResponse> {
    if !state.accounts.dev_mailbox {
        return Err(ApiError::not_found("page"));
    }
    let kept = mailbox::one(state.db.pool(), id)
        .await?
        .ok_or(ApiError::not_found("email"))?;
    Ok((
        [(
            axum::http::header::CONTENT_SECURITY_POLICY,
            "sandbox allow-popups allow-popups-to-escape-sandbox; script-src 'none'",
        )],
        Html(kept.html),
    ))
}

fn is_link(word: &str) -> bool {
    word.starts_with("http://") || word.starts_with("https://") || word.starts_with("/account/")
}

/// The body as HTML: escaped, with its links made clickable.
fn linkify(body: &str) -> String {
    body.split('\n')
        .map(|line| {
            line.split(' ')
                .map(|word| {
                    if is_link(word) {
                        format!("<a href=\"{0}\">{0}</a>", escape(word))
                    } else {
                        escape(word)
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_clickable_and_the_rest_is_escaped() {
        let html = linkify("Open:\n/account/verify?token=ab&x=1 <b>now</b>");
        assert!(html.contains(
            "<a href=\"/account/verify?token=ab&amp;x=1\">/account/verify?token=ab&amp;x=1</a>"
        ));
        assert!(html.contains("&lt;b&gt;now&lt;/b&gt;"));
    }
}
