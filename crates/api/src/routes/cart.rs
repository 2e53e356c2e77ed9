//! Cart endpoints: the server's quote, the facts a browser needs to price a cart by itself
//! (SKUs with live stock, promotions and shipping rates), for offline use and re-quoting.

use axum::extract::State;
use axum::Json;
use fourflow_core::catalog::Sku;
use fourflow_core::pricing::{PricedSku, PricingRules, Quote, QuoteRequest};
use fourflow_core::{ErrorBody, FieldError};
use serde::{Deserialize, Serialize};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::ApiJson;
use crate::error::{ApiError, ApiResult};
use crate::services::cart;
use crate::startup::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(quote))
        .routes(routes!(variants))
        .routes(routes!(promotions))
}

/// Prices a cart: catalog prices, live stock, promotions, the coupon, shipping and VAT. Any
/// price, total or discount in the request is ignored.
#[utoipa::path(post, path = "/cart/quote", tag = "cart",
    request_body = QuoteRequest,
    responses(
        (status = 200, body = Quote),
        (status = 400, description = "Malformed: `field` names the line or field", body = ErrorBody),
        (status = 422, description = "Unknown SKU, not enough stock, coupon refused, shipping unavailable", body = ErrorBody),
    ))]
async fn quote(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<QuoteRequest>,
) -> ApiResult<Json<Quote>> {
    cart::quote(&state, &request).await.map(Json)
}

/// `GET /api/v1/variants?sku=A&sku=B`.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Variants {
    /// The SKUs that exist, in the order asked; unknown ones are absent.
    pub items: Vec<PricedSku>,
}

const MAX_SKUS: usize = 100;

/// Current price and stock of SKUs: what a browser needs to price its cart and to show what
/// changed while it was offline.
#[utoipa::path(get, path = "/variants", tag = "cart",
    params(("sku" = Vec<String>, Query, description = "A SKU; repeatable, at most 100")),
    responses(
        (status = 200, body = Variants),
        (status = 400, body = ErrorBody),
    ))]
async fn variants(
    State(state): State<AppState>,
    query: axum::extract::RawQuery,
) -> ApiResult<Json<Variants>> {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(query.0.as_deref().unwrap_or_default())
            .map_err(|_| ApiError::BadRequest("the query string is not valid".into()))?;
    let skus = pairs
        .iter()
        .filter(|(k, _)| k == "sku")
        .map(|(_, v)| Sku::parse("sku", v))
        .collect::<Result<Vec<_>, _>>()?;
    if skus.len() > MAX_SKUS {
        return Err(FieldError::new("sku", format!("at most {MAX_SKUS} at a time")).into());
    }
    let skus: Vec<&str> = skus.iter().map(Sku::as_str).collect();
    Ok(Json(Variants {
        items: cart::priced_skus(&state, &skus).await?,
    }))
}

/// The promotions that apply by themselves and the shipping rates.
#[utoipa::path(get, path = "/promotions", tag = "cart",
    responses((status = 200, body = PricingRules)))]
async fn promotions(State(state): State<AppState>) -> Json<PricingRules> {
    Json(state.catalog.snapshot().pricing.clone())
}
