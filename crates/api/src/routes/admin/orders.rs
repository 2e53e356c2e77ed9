//! The orders console over HTTP (operators and admins): find orders, read one, pack it, hand
//! it to the carrier, cancel it, refund it; and the bulk print of pick lists and shipping
//! slips at `/admin/print/…`. Changes need `X-Fourflow-Csrf: 1`; a refund also an
//! `Idempotency-Key`.

use std::collections::HashMap;

use crate::routes::extract::{ApiPath, ApiQuery};
use axum::extract::{Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse};
use axum::routing::get;
use axum::{Json, Router};
use fourflow_core::admin::orders::{CancelRequest, ConsoleOrder, OrderList, OrderSearch};
use fourflow_core::order::Actor;
use fourflow_core::refund::{RefundReceipt, RefundRequest};
use fourflow_core::{ErrorBody, FieldError};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::guard::{RunsOrders, Staff};
use crate::error::ApiResult;
use crate::routes::extract::{self, ApiJson};
use crate::routes::orders::idempotency_key;
use crate::routes::paging::paging;
use crate::services::fulfilment::{self, Document};
use crate::services::{order_console, refunds};
use crate::startup::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(order))
        .routes(routes!(pack))
        .routes(routes!(hand_over))
        .routes(routes!(cancel))
        .routes(routes!(refund))
}

/// The printed documents of many orders at once, outside the JSON API.
pub fn print() -> Router<AppState> {
    Router::new().route("/admin/print/{document}", get(print_documents))
}

/// Orders newest first, filtered; with how many match in each status.
#[utoipa::path(get, operation_id = "list_console_orders", path = "/orders", tag = "admin",
    params(
        ("status" = Option<String>, Query, description = "An order status, e.g. `processing`"),
        ("q" = Option<String>, Query, description = "Part of the number, email, name or phone"),
        ("payment_method" = Option<String>, Query),
        ("shipping_method" = Option<String>, Query),
        ("placed_from" = Option<String>, Query, description = "YYYY-MM-DD, Taipei"),
        ("placed_to" = Option<String>, Query, description = "YYYY-MM-DD, Taipei, inclusive"),
        ("page" = Option<u32>, Query), ("per_page" = Option<u32>, Query, description = "Default 25, at most 100"),
    ),
    responses(
        (status = 200, body = OrderList),
        (status = 400, description = "`field` names the bad parameter", body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    ))]
async fn list(
    State(state): State<AppState>,
    _operator: Staff<RunsOrders>,
    ApiQuery(query): ApiQuery<HashMap<String, String>>,
) -> ApiResult<Json<OrderList>> {
    let search = OrderSearch::parse(|name| query.get(name).map(String::as_str))?;
    let (page, per_page) = paging(&query, 25, 100)?;
    order_console::search(&state, &search, page, per_page)
        .await
        .map(Json)
}

/// One order: what its shopper sees, its refunds, and the actions allowed now.
#[utoipa::path(get, operation_id = "console_order", path = "/orders/{number}", tag = "admin",
    params(("number" = String, Path)),
    responses(
        (status = 200, body = ConsoleOrder),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    ))]
async fn order(
    State(state): State<AppState>,
    _operator: Staff<RunsOrders>,
    ApiPath(number): ApiPath<String>,
) -> ApiResult<Json<ConsoleOrder>> {
    order_console::detail(&state, &number).await.map(Json)
}

/// The parcel is picked and packed (again: no change).
#[utoipa::path(post, path = "/orders/{number}/pack", tag = "admin",
    params(("number" = String, Path)),
    responses(
        (status = 200, body = ConsoleOrder),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "Not in processing", body = ErrorBody),
    ))]
async fn pack(
    State(state): State<AppState>,
    operator: Staff<RunsOrders>,
    ApiPath(number): ApiPath<String>,
) -> ApiResult<Json<ConsoleOrder>> {
    fulfilment::pack(&state, &number, &Actor::Staff(operator.customer_id)).await?;
    order_console::detail(&state, &number).await.map(Json)
}

/// The packed parcel goes to the carrier, which answers with a tracking number.
#[utoipa::path(post, path = "/orders/{number}/hand-over", tag = "admin",
    params(("number" = String, Path)),
    responses(
        (status = 200, body = ConsoleOrder),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "Not in processing", body = ErrorBody),
    ))]
async fn hand_over(
    State(state): State<AppState>,
    operator: Staff<RunsOrders>,
    ApiPath(number): ApiPath<String>,
) -> ApiResult<Json<ConsoleOrder>> {
    fulfilment::hand_over(&state, &number, &Actor::Staff(operator.customer_id)).await?;
    order_console::detail(&state, &number).await.map(Json)
}

/// Cancels the order: held or sold stock goes back on the shelf, money received goes back
/// through the payment provider.
#[utoipa::path(post, path = "/orders/{number}/cancel", tag = "admin",
    params(("number" = String, Path)),
    request_body = CancelRequest,
    responses(
        (status = 200, body = ConsoleOrder),
        (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "Not cancellable now (shipped, say)", body = ErrorBody),
    ))]
async fn cancel(
    State(state): State<AppState>,
    operator: Staff<RunsOrders>,
    ApiPath(number): ApiPath<String>,
    ApiJson(request): ApiJson<CancelRequest>,
) -> ApiResult<Json<ConsoleOrder>> {
    request.check()?;
    order_console::cancel(&state, &number, operator.customer_id, &request.reason).await?;
    order_console::detail(&state, &number).await.map(Json)
}

/// Gives money back, for the whole order (no `lines`) or some units of some lines, through
/// the provider that took it. Repeating a request with the same `Idempotency-Key` replays
/// the first answer.
#[utoipa::path(post, path = "/orders/{number}/refunds", tag = "admin",
    params(("number" = String, Path), ("Idempotency-Key" = String, Header)),
    request_body = RefundRequest,
    responses(
        (status = 201, body = RefundReceipt),
        (status = 400, description = "`field` names the bad line or quantity", body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "Nothing to refund, or the key was used for another refund", body = ErrorBody),
    ))]
async fn refund(
    State(state): State<AppState>,
    operator: Staff<RunsOrders>,
    ApiPath(number): ApiPath<String>,
    request: Request,
) -> ApiResult<impl IntoResponse> {
    let key = idempotency_key(request.headers())?;
    let (refund, body) = extract::read::<RefundRequest>(request).await?;
    let actor = Actor::Staff(operator.customer_id);
    let (status, body) = refunds::refund(&state, &number, &actor, &key, &body, &refund).await?;
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    Ok((status, [(CONTENT_TYPE, "application/json")], body))
}

/// `/admin/print/pick-lists?orders=A,B` or `/admin/print/shipping-slips?orders=…`: one page
/// to print, a sheet per order, in the order given (at most 100).
async fn print_documents(
    State(state): State<AppState>,
    _operator: Staff<RunsOrders>,
    ApiPath(document): ApiPath<String>,
    ApiQuery(query): ApiQuery<HashMap<String, String>>,
) -> ApiResult<Html<String>> {
    let which = match document.as_str() {
        "pick-lists" => Document::PickList,
        "shipping-slips" => Document::ShippingSlip,
        _ => return Err(crate::error::ApiError::not_found("document")),
    };
    let numbers: Vec<String> = query
        .get("orders")
        .map(|list| {
            list.split(',')
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    if numbers.is_empty() || numbers.len() > 100 {
        return Err(FieldError::said(
            "orders",
            "name 1 to 100 order numbers, separated by commas",
            "請列出 1 到 100 個訂單編號，以逗號分隔",
        )
        .into());
    }
    fulfilment::print(&state, &numbers, which).await.map(Html)
}
