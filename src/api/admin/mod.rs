//! The back office's calls (`/api/v1/admin/…`), for the admin app only: the shopper's apps
//! never link them. Staff are signed in with the same session cookie as shoppers; the server
//! checks the role on every call. Orders and content here; the other consoles in a file each.

pub mod media;
pub mod merchandising;
pub mod promotions;
pub mod staff;

use fourflow_core::admin::orders::{CancelRequest, ConsoleOrder, OrderList};
use fourflow_core::content::{
    ContentDocument, ContentKind, DiffLine, Publish, Revert, SaveDraft, Unpublish,
};
use fourflow_core::refund::{RefundReceipt, RefundRequest};
use fourflow_core::returns::DeclineReturn;
use serde::Serialize;

use super::{fetch, get, post, send, ApiError, Body, Verb};

/// Orders matching the console's query string (`status=…&q=…&page=…`), as the URL has it.
pub async fn orders(query: &str) -> Result<OrderList, ApiError> {
    get(&format!("/admin/orders?{query}")).await
}

pub async fn order(number: &str) -> Result<ConsoleOrder, ApiError> {
    get(&format!("/admin/orders/{number}")).await
}

#[derive(Serialize)]
struct Nothing {}

/// `pack` or `hand-over`.
pub async fn move_parcel(number: &str, step: &str) -> Result<ConsoleOrder, ApiError> {
    post(&format!("/admin/orders/{number}/{step}"), &Nothing {}, None).await
}

pub async fn cancel(number: &str, reason: &str) -> Result<ConsoleOrder, ApiError> {
    let body = CancelRequest {
        reason: reason.to_owned(),
    };
    post(&format!("/admin/orders/{number}/cancel"), &body, None).await
}

/// Declines the return the shopper requested: the order is delivered again.
pub async fn decline_return(number: &str, reason: &str) -> Result<ConsoleOrder, ApiError> {
    let body = DeclineReturn {
        reason: reason.to_owned(),
    };
    post(
        &format!("/admin/orders/{number}/refund-request/decline"),
        &body,
        None,
    )
    .await
}

/// A refund; `key` makes a retry of the same refund (a lost answer) safe.
pub async fn refund(
    number: &str,
    request: &RefundRequest,
    key: &str,
) -> Result<RefundReceipt, ApiError> {
    post(
        &format!("/admin/orders/{number}/refunds"),
        request,
        Some(key),
    )
    .await
}

fn content_path(kind: ContentKind, slug: &str) -> String {
    format!("/admin/content/{}/{slug}", kind.as_str())
}

pub async fn document(kind: ContentKind, slug: &str) -> Result<ContentDocument, ApiError> {
    get(&content_path(kind, slug)).await
}

pub async fn save_draft(
    kind: ContentKind,
    slug: &str,
    draft: &SaveDraft,
) -> Result<ContentDocument, ApiError> {
    send(Verb::Put, &content_path(kind, slug), draft).await
}

pub async fn publish(
    kind: ContentKind,
    slug: &str,
    request: &Publish,
) -> Result<ContentDocument, ApiError> {
    post(
        &format!("{}/publish", content_path(kind, slug)),
        request,
        None,
    )
    .await
}

pub async fn revert(
    kind: ContentKind,
    slug: &str,
    request: &Revert,
) -> Result<ContentDocument, ApiError> {
    post(
        &format!("{}/revert", content_path(kind, slug)),
        request,
        None,
    )
    .await
}

pub async fn diff(
    kind: ContentKind,
    slug: &str,
    from: u32,
    to: u32,
) -> Result<Vec<DiffLine>, ApiError> {
    get(&format!("{}/diff/{from}/{to}", content_path(kind, slug))).await
}

/// Takes a published document down, now or at `request.at`.
pub async fn unpublish(
    kind: ContentKind,
    slug: &str,
    request: &Unpublish,
) -> Result<ContentDocument, ApiError> {
    post(
        &format!("{}/unpublish", content_path(kind, slug)),
        request,
        None,
    )
    .await
}

/// A POST whose body is not JSON (a CSV file, an image), answered with JSON.
async fn post_raw<T: serde::de::DeserializeOwned>(
    path: &str,
    content_type: &'static str,
    data: wasm_bindgen::JsValue,
) -> Result<T, ApiError> {
    let body = Body { content_type, data };
    let (status, text) = fetch(Verb::Post, path, Some(body), None).await?;
    crate::json::decode(&text).ok_or(ApiError::Unexpected { status })
}
