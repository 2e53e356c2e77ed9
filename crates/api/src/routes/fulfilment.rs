//! Logistics endpoints: the convenience stores parcels can be collected at, when each
//! shipping method would arrive, and the warehouse's printable pick list and shipping slip.

use super::extract::{ApiPath, ApiQuery};
use axum::extract::State;
use axum::http::header::CACHE_CONTROL;
use axum::response::Html;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use fourflow_core::delivery::areas::{self, AddressAreas};
use fourflow_core::delivery::{DeliveryEstimates, PickupStoreList, StoreChain};
use fourflow_core::pricing::ShippingMethod;
use fourflow_core::{ErrorBody, FieldError};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{ApiError, ApiResult};
use crate::fulfilment::stores;
use crate::services::fulfilment::{self, Document};
use crate::startup::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(pickup_stores))
        .routes(routes!(address_areas))
        .routes(routes!(delivery_estimates))
}

/// The printed documents, outside the JSON API.
pub fn documents() -> Router<AppState> {
    Router::new()
        .route("/orders/{number}/pick-list", get(pick_list))
        .route("/orders/{number}/shipping-slip", get(shipping_slip))
}

/// Query parameters as text: each is checked by hand so that a bad one names its field.
#[derive(Debug, Default, Deserialize)]
struct Params {
    q: Option<String>,
    chain: Option<String>,
    page: Option<String>,
    per_page: Option<String>,
    shipping_method: Option<String>,
    token: Option<String>,
}

fn number(field: &'static str, text: Option<&str>, default: u32) -> Result<u32, FieldError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(default),
        Some(t) => t.parse::<u32>().ok().filter(|n| *n >= 1).ok_or_else(|| {
            FieldError::said(
                field,
                "must be a whole number from 1",
                "必須是 1 以上的整數",
            )
        }),
    }
}

/// Taiwan's counties and cities with their townships and districts and each one's postal
/// code, in both languages: what address forms offer as linked choices. The same for every
/// caller and every day, so a browser keeps it.
#[utoipa::path(get, path = "/address-areas", tag = "fulfilment",
    responses((status = 200, body = AddressAreas)))]
async fn address_areas() -> impl IntoResponse {
    (
        [(CACHE_CONTROL, "public, max-age=86400")],
        Json(areas::taiwan()),
    )
}

/// Convenience stores for pickup, searched by name, store number, address, city or district
/// (zh-TW text, e.g. `大安`), optionally of one chain, each with its opening hours.
#[utoipa::path(get, path = "/pickup-stores", tag = "fulfilment",
    params(
        ("q" = Option<String>, Query, description = "Text in the store's name, number, address, city or district"),
        ("chain" = Option<String>, Query, description = "`7-ELEVEN`, `FamilyMart`, `Hi-Life` or `OKmart`"),
        ("page" = Option<u32>, Query, description = "1-based, default 1"),
        ("per_page" = Option<u32>, Query, description = "Default 20, at most 50"),
    ),
    responses((status = 200, body = PickupStoreList), (status = 400, body = ErrorBody)))]
async fn pickup_stores(ApiQuery(params): ApiQuery<Params>) -> ApiResult<Json<PickupStoreList>> {
    let q = params.q.unwrap_or_default();
    if q.chars().count() > 50 {
        return Err(FieldError::said("q", "must be at most 50 characters", "最多 50 個字").into());
    }
    let chain = match params.chain.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(name) => Some(StoreChain::parse(name).ok_or_else(|| {
            FieldError::said(
                "chain",
                "must be 7-ELEVEN, FamilyMart, Hi-Life or OKmart",
                "必須是 7-ELEVEN、FamilyMart、Hi-Life 或 OKmart",
            )
        })?),
    };
    let page = number("page", params.page.as_deref(), 1)?;
    let per_page = number("per_page", params.per_page.as_deref(), 20)?;
    Ok(Json(stores::search(q.trim(), chain, page, per_page)))
}

/// When a parcel would arrive if the order were placed now: the day it would leave the
/// warehouse (orders before the cut-off on a business day leave the same day) and, per
/// shipping method, the first and last likely day of arrival (`YYYY-MM-DD`, Taipei).
#[utoipa::path(get, path = "/delivery-estimates", tag = "fulfilment",
    params(("shipping_method" = Option<String>, Query, description = "Only this method; default all")),
    responses((status = 200, body = DeliveryEstimates), (status = 400, body = ErrorBody)))]
async fn delivery_estimates(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<Params>,
) -> ApiResult<Json<DeliveryEstimates>> {
    let methods = match params.shipping_method.as_deref() {
        None | Some("") => ShippingMethod::ALL.to_vec(),
        Some(text) => vec![ShippingMethod::ALL
            .into_iter()
            .find(|m| m.as_str() == text)
            .ok_or_else(|| {
                FieldError::said(
                    "shipping_method",
                    "must be home_delivery, express or store_pickup",
                    "必須是 home_delivery、express 或 store_pickup",
                )
            })?],
    };
    Ok(Json(DeliveryEstimates::at(state.clock.now(), &methods)))
}

async fn pick_list(
    state: State<AppState>,
    number: ApiPath<String>,
    params: ApiQuery<Params>,
) -> ApiResult<Html<String>> {
    printed(state, number, params, Document::PickList).await
}

async fn shipping_slip(
    state: State<AppState>,
    number: ApiPath<String>,
    params: ApiQuery<Params>,
) -> ApiResult<Html<String>> {
    printed(state, number, params, Document::ShippingSlip).await
}

async fn printed(
    State(state): State<AppState>,
    ApiPath(number): ApiPath<String>,
    ApiQuery(params): ApiQuery<Params>,
    which: Document,
) -> ApiResult<Html<String>> {
    let token = params.token.ok_or(ApiError::not_found("order"))?;
    let order = fulfilment::document_access(&state, &number, &token).await?;
    fulfilment::document(&state, &order, which).await.map(Html)
}
