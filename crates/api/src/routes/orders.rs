//! Orders: placing one (idempotently; a signed-in shopper's becomes theirs), reading one
//! back, by its owner or with its access token, and asking for it to be taken back.

use super::extract::{ApiPath, ApiQuery};
use axum::extract::{Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Json;
use fourflow_core::checkout::PlaceOrder;
use fourflow_core::order::OrderView;
use fourflow_core::returns::RefundRequestInput;
use fourflow_core::{ErrorBody, FieldError};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::{self, ApiJson};
use crate::error::ApiResult;
use crate::services::{orders, returns};
use crate::session::Shopper;
use crate::startup::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(place))
        .routes(routes!(order))
        .routes(routes!(request_return))
}

const IDEMPOTENCY_KEY: &str = "idempotency-key";

/// Places an order: the server prices the cart itself, holds the stock, and answers with the
/// order and its access token. Send a fresh `Idempotency-Key` per order: repeating a request
/// with the same key replays the first answer; the same key with another body is a 409.
#[utoipa::path(post, path = "/orders", tag = "orders",
    request_body = PlaceOrder,
    params(("Idempotency-Key" = String, Header, description = "A fresh random key per order, 8–200 characters")),
    responses(
        (status = 201, body = OrderView),
        (status = 400, description = "Malformed: `field` names it", body = ErrorBody),
        (status = 409, description = "Idempotency-Key reused for another order", body = ErrorBody),
        (status = 422, description = "Out of stock, unknown SKU, coupon refused", body = ErrorBody),
    ))]
async fn place(
    State(state): State<AppState>,
    shopper: Option<Shopper>,
    request: Request,
) -> ApiResult<impl IntoResponse> {
    let key = idempotency_key(request.headers())?;
    let (order, body) = extract::read::<PlaceOrder>(request).await?;
    let customer = shopper.map(|s| s.customer_id);
    let placed = orders::place(&state, &key, &body, &order, customer).await?;
    let status = StatusCode::from_u16(placed.status).unwrap_or(StatusCode::OK);
    Ok((status, [(CONTENT_TYPE, "application/json")], placed.body))
}

/// The request's `Idempotency-Key`: required on every call that takes money or stock.
pub fn idempotency_key(headers: &axum::http::HeaderMap) -> Result<String, FieldError> {
    headers
        .get(IDEMPOTENCY_KEY)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| (8..=200).contains(&k.len()))
        .map(str::to_owned)
        .ok_or_else(|| {
            FieldError::new(
                "Idempotency-Key",
                "send a fresh random key of 8–200 characters with each call",
            )
        })
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct Access {
    /// The order's access token, from the answer that placed it (the guest link).
    token: Option<String>,
}

/// An order, for its signed-in owner (no token needed) or whoever holds its access token.
/// Any other number, token or account answers 404.
#[utoipa::path(get, path = "/orders/{number}", tag = "orders",
    params(("number" = String, Path), Access),
    responses((status = 200, body = OrderView), (status = 404, body = ErrorBody)))]
async fn order(
    State(state): State<AppState>,
    shopper: Option<Shopper>,
    ApiPath(number): ApiPath<String>,
    ApiQuery(access): ApiQuery<Access>,
) -> ApiResult<Json<OrderView>> {
    let viewer = shopper.map(|s| s.customer_id);
    orders::get(&state, &number, access.token.as_deref(), viewer)
        .await
        .map(Json)
}

/// Asks for a delivered order to be taken back and refunded (七天鑑賞期): allowed within 7 days
/// of its delivery, once. The same owner or token as for reading it; answers the order as it
/// now stands, in `refund_requested`.
#[utoipa::path(post, path = "/orders/{number}/refund-request", tag = "orders",
    params(("number" = String, Path), Access),
    request_body = RefundRequestInput,
    responses(
        (status = 200, body = OrderView),
        (status = 400, description = "`field` is `reason`: empty, or over 500 characters", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "`not_delivered`, `already_requested`, `already_refunded` or `return_window_closed`", body = ErrorBody),
    ))]
async fn request_return(
    State(state): State<AppState>,
    shopper: Option<Shopper>,
    ApiPath(number): ApiPath<String>,
    ApiQuery(access): ApiQuery<Access>,
    ApiJson(input): ApiJson<RefundRequestInput>,
) -> ApiResult<Json<OrderView>> {
    let viewer = shopper.map(|s| s.customer_id);
    returns::request(&state, &number, access.token.as_deref(), viewer, &input)
        .await
        .map(Json)
}
