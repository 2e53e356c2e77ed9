//! The signed-in shopper's own things over HTTP: address book, saved cart, order history and
//! claiming a guest order. Every route needs a session (401 without); changes need
//! `X-Fourflow-Csrf: 1`.

use std::collections::HashMap;

use super::extract::{ApiPath, ApiQuery};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use fourflow_core::account::{Address, AddressInput, ClaimOrder, OrderList, SavedCart};
use fourflow_core::{ErrorBody, FieldError};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::ApiJson;
use super::paging::paging;
use crate::error::ApiResult;
use crate::services::address_book::{self, DEFAULT_PER_PAGE, MAX_PER_PAGE};
use crate::session::Shopper;
use crate::startup::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(addresses, add_address))
        .routes(routes!(update_address, delete_address))
        .routes(routes!(cart, save_cart))
        .routes(routes!(orders))
        .routes(routes!(claim))
}

/// The address book, the default first.
#[utoipa::path(get, path = "/me/addresses", tag = "accounts",
    responses((status = 200, body = Vec<Address>), (status = 401, body = ErrorBody)))]
async fn addresses(
    State(state): State<AppState>,
    shopper: Shopper,
) -> ApiResult<Json<Vec<Address>>> {
    address_book::addresses(&state, shopper.customer_id)
        .await
        .map(Json)
}

/// Adds an address; the first one (or one with `is_default`) becomes the default.
#[utoipa::path(post, path = "/me/addresses", tag = "accounts",
    request_body = AddressInput,
    responses(
        (status = 201, body = Address),
        (status = 400, body = ErrorBody),
        (status = 422, description = "The book is full", body = ErrorBody),
    ))]
async fn add_address(
    State(state): State<AppState>,
    shopper: Shopper,
    ApiJson(input): ApiJson<AddressInput>,
) -> ApiResult<(StatusCode, Json<Address>)> {
    let address = address_book::add_address(&state, shopper.customer_id, &input).await?;
    Ok((StatusCode::CREATED, Json(address)))
}

/// Replaces one of the shopper's addresses; another customer's id is a 404.
#[utoipa::path(put, path = "/me/addresses/{id}", tag = "accounts",
    request_body = AddressInput,
    params(("id" = i64, Path)),
    responses((status = 200, body = Address), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn update_address(
    State(state): State<AppState>,
    shopper: Shopper,
    ApiPath(id): ApiPath<String>,
    ApiJson(input): ApiJson<AddressInput>,
) -> ApiResult<Json<Address>> {
    let id = address_id(&id)?;
    address_book::update_address(&state, shopper.customer_id, id, &input)
        .await
        .map(Json)
}

#[utoipa::path(delete, path = "/me/addresses/{id}", tag = "accounts",
    params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)))]
async fn delete_address(
    State(state): State<AppState>,
    shopper: Shopper,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    let id = address_id(&id)?;
    address_book::delete_address(&state, shopper.customer_id, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

fn address_id(raw: &str) -> Result<i64, FieldError> {
    raw.parse()
        .map_err(|_| FieldError::new("id", "must be an address id (a whole number)"))
}

/// The cart saved on the account.
#[utoipa::path(get, path = "/me/cart", tag = "accounts",
    responses((status = 200, body = SavedCart), (status = 401, body = ErrorBody)))]
async fn cart(State(state): State<AppState>, shopper: Shopper) -> ApiResult<Json<SavedCart>> {
    address_book::cart(&state, shopper.customer_id)
        .await
        .map(Json)
}

/// Replaces the saved cart with the browser's (one line per SKU, quantities 1–99).
#[utoipa::path(put, path = "/me/cart", tag = "accounts",
    request_body = SavedCart,
    responses((status = 200, body = SavedCart), (status = 400, body = ErrorBody)))]
async fn save_cart(
    State(state): State<AppState>,
    shopper: Shopper,
    ApiJson(cart): ApiJson<SavedCart>,
) -> ApiResult<Json<SavedCart>> {
    address_book::save_cart(&state, shopper.customer_id, &cart)
        .await
        .map(Json)
}

/// The shopper's orders, newest first (`page` from 1, `per_page` up to 100).
#[utoipa::path(get, path = "/me/orders", tag = "accounts",
    params(("page" = Option<u32>, Query), ("per_page" = Option<u32>, Query)),
    responses((status = 200, body = OrderList), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
async fn orders(
    State(state): State<AppState>,
    shopper: Shopper,
    ApiQuery(query): ApiQuery<HashMap<String, String>>,
) -> ApiResult<Json<OrderList>> {
    let (page, per_page) = paging(&query, DEFAULT_PER_PAGE, MAX_PER_PAGE)?;
    address_book::orders(&state, shopper.customer_id, page, per_page)
        .await
        .map(Json)
}

/// Attaches a guest order (its number and access token) to the account. The account's email
/// must be verified (403 `email_unverified`) and be the order's (403 `email_mismatch`);
/// someone else's order is a 404.
#[utoipa::path(post, path = "/me/orders/claim", tag = "accounts",
    request_body = ClaimOrder,
    responses(
        (status = 204),
        (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
    ))]
async fn claim(
    State(state): State<AppState>,
    shopper: Shopper,
    ApiJson(form): ApiJson<ClaimOrder>,
) -> ApiResult<StatusCode> {
    address_book::claim(&state, shopper.customer_id, &form).await?;
    Ok(StatusCode::NO_CONTENT)
}
