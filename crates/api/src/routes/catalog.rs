//! Catalog endpoints: the category tree, product listings with facets, product pages and
//! search suggestions.

use super::extract::{ApiPath, ApiQuery};
use axum::extract::{FromRequestParts, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::request::Parts;
use axum::response::IntoResponse;
use axum::Json;
use fourflow_core::catalog::{CategoryTree, ProductDetail, ProductList, ProductQuery, Suggestions};
use fourflow_core::ErrorBody;
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{ApiError, ApiResult};
use crate::startup::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(categories))
        .routes(routes!(products))
        .routes(routes!(product))
        .routes(routes!(suggestions))
}

/// The category tree with product counts.
#[utoipa::path(get, path = "/categories", tag = "catalog",
    responses((status = 200, body = CategoryTree)))]
async fn categories(State(state): State<AppState>) -> Json<CategoryTree> {
    Json(state.catalog.categories())
}

/// A page of products with facet counts. Filters combine with AND across facets and OR within
/// one (repeat the key: `size=S&size=M`).
#[utoipa::path(get, path = "/products", tag = "catalog",
    params(
        ("q" = Option<String>, Query, description = "Search text, Chinese or English, ≤ 100 characters"),
        ("category" = Option<String>, Query, description = "Category slug; includes its sub-categories"),
        ("sort" = Option<String>, Query, description = "relevance (default), price_asc, price_desc, newest, popularity"),
        ("page" = Option<u32>, Query, description = "1-based, default 1"),
        ("per_page" = Option<u32>, Query, description = "Default 24; larger values are capped at 60"),
        ("brand" = Option<Vec<String>>, Query, description = "Brand name; repeatable"),
        ("size" = Option<Vec<String>>, Query, description = "Size; repeatable"),
        ("colour" = Option<Vec<String>>, Query, description = "Colour code; repeatable"),
        ("price_min" = Option<i64>, Query, description = "Lowest price, minor units (NT$1 = 100)"),
        ("price_max" = Option<i64>, Query, description = "Highest price, minor units"),
        ("in_stock" = Option<bool>, Query, description = "Only what can be bought now"),
    ),
    responses(
        (status = 200, body = ProductList),
        (status = 400, description = "A parameter is malformed; `field` names it", body = ErrorBody),
        (status = 404, description = "Unknown category", body = ErrorBody),
    ))]
async fn products(
    State(state): State<AppState>,
    ListingQuery(query): ListingQuery,
) -> ApiResult<impl IntoResponse> {
    let json = state.catalog.list_json(&query)?;
    Ok(([(CONTENT_TYPE, "application/json")], json))
}

/// One product with its variants, live stock, specs and related products.
#[utoipa::path(get, path = "/products/{slug}", tag = "catalog",
    params(("slug" = String, Path, description = "The product's slug")),
    responses(
        (status = 200, body = ProductDetail),
        (status = 404, body = ErrorBody),
    ))]
async fn product(
    State(state): State<AppState>,
    ApiPath(slug): ApiPath<String>,
) -> ApiResult<Json<ProductDetail>> {
    state.catalog.product(&slug).await.map(Json)
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct SuggestionParams {
    /// What has been typed so far.
    #[serde(default)]
    q: String,
}

/// Categories and products for a search box, as the shopper types.
#[utoipa::path(get, path = "/search/suggestions", tag = "catalog",
    params(SuggestionParams),
    responses(
        (status = 200, body = Suggestions),
        (status = 400, body = ErrorBody),
    ))]
async fn suggestions(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<SuggestionParams>,
) -> ApiResult<Json<Suggestions>> {
    let q = ProductQuery::from_pairs([("q", params.q.as_str())])?;
    Ok(Json(
        state.catalog.suggestions(q.q.as_deref().unwrap_or("")),
    ))
}

/// A listing query read with the shared parser, so that a malformed value is a 400 naming the
/// field rather than axum's generic rejection.
struct ListingQuery(ProductQuery);

impl<S: Send + Sync> FromRequestParts<S> for ListingQuery {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        // As pairs: a facet is repeated on purpose (`size=S&size=M`).
        let ApiQuery(pairs) =
            ApiQuery::<Vec<(String, String)>>::from_request_parts(parts, state).await?;
        Ok(ListingQuery(ProductQuery::from_pairs(pairs)?))
    }
}
