//! Recommendation endpoints: "frequently bought together" and "similar items" for a product's
//! page and for a cart.

use super::extract::ApiPath;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::Json;
use fourflow_core::catalog::{RecommendationQuery, Recommendations};
use fourflow_core::ErrorBody;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{ApiError, ApiResult};
use crate::services::recommendations;
use crate::startup::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(for_product))
        .routes(routes!(for_cart))
}

/// What other shoppers bought with this product (at most 4) and products like it (at most
/// 8), what can be bought now first.
#[utoipa::path(get, path = "/products/{slug}/recommendations", tag = "recommendations",
    params(("slug" = String, Path, description = "The product's slug")),
    responses(
        (status = 200, body = Recommendations),
        (status = 404, description = "Unknown product", body = ErrorBody),
    ))]
async fn for_product(
    State(state): State<AppState>,
    ApiPath(slug): ApiPath<String>,
) -> ApiResult<Json<Recommendations>> {
    recommendations::for_product(&state.catalog, &slug)
        .await
        .map(Json)
}

/// What other shoppers bought with any of the cart's products (at most 6) and products like
/// them (at most 8), never what is already in the cart. Unknown products are ignored; an
/// empty cart gets empty lists.
#[utoipa::path(get, path = "/recommendations", tag = "recommendations",
    params(("product" = Vec<String>, Query,
        description = "The slug of a product in the cart; repeatable, at most 50")),
    responses(
        (status = 200, body = Recommendations),
        (status = 400, description = "A malformed slug or too many: `field` is `product`", body = ErrorBody),
    ))]
async fn for_cart(
    State(state): State<AppState>,
    CartQuery(query): CartQuery,
) -> ApiResult<Json<Recommendations>> {
    recommendations::for_cart(&state.catalog, &query)
        .await
        .map(Json)
}

/// The cart's products read with the shared parser, so that a bad value is a 400 naming
/// `product` rather than axum's generic rejection.
struct CartQuery(RecommendationQuery);

impl<S: Send + Sync> FromRequestParts<S> for CartQuery {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let raw = parts.uri.query().unwrap_or_default();
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw)
            .map_err(|_| ApiError::BadRequest("the query string is not valid".into()))?;
        Ok(CartQuery(RecommendationQuery::from_pairs(pairs)?))
    }
}
