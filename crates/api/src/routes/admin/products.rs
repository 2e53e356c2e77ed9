//! Products and categories over HTTP (marketers and admins): create a product with its
//! variants, arrange one (shelf, brand, images, specs), add a variant, create or change a
//! category. Copy is edited as content (`/admin/content/product/{slug}`). Audited.

use crate::routes::extract::ApiPath;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use fourflow_core::admin::products::{CategoryEdit, NewProduct, NewVariant, ProductArrangement};
use fourflow_core::catalog::{CategoryTree, ProductDetail};
use fourflow_core::ErrorBody;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::guard::{Merchandises, Staff};
use crate::error::ApiResult;
use crate::routes::extract::ApiJson;
use crate::services::products;
use crate::startup::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create))
        .routes(routes!(arrange))
        .routes(routes!(add_variant))
        .routes(routes!(save_category))
}

/// Creates a product with its variants; on sale at once.
#[utoipa::path(post, path = "/products", tag = "admin", request_body = NewProduct,
    responses((status = 201, body = ProductDetail),
        (status = 400, description = "`field` names the bad part (`variants[1].sku`)", body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 422, description = "The slug or a SKU is taken", body = ErrorBody)))]
async fn create(
    State(state): State<AppState>,
    marketer: Staff<Merchandises>,
    ApiJson(product): ApiJson<NewProduct>,
) -> ApiResult<(StatusCode, Json<ProductDetail>)> {
    let created = products::create(&state, marketer.customer_id, &product).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// Moves a product to another category, changes its brand, images, specs, or whether the
/// home page features it.
#[utoipa::path(put, path = "/products/{slug}", tag = "admin",
    params(("slug" = String, Path)), request_body = ProductArrangement,
    responses((status = 200, body = ProductDetail), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn arrange(
    State(state): State<AppState>,
    marketer: Staff<Merchandises>,
    ApiPath(slug): ApiPath<String>,
    ApiJson(arrangement): ApiJson<ProductArrangement>,
) -> ApiResult<Json<ProductDetail>> {
    products::arrange(&state, marketer.customer_id, &slug, &arrangement)
        .await
        .map(Json)
}

/// Adds a size or colour to a product.
#[utoipa::path(post, path = "/products/{slug}/variants", tag = "admin",
    params(("slug" = String, Path)), request_body = NewVariant,
    responses((status = 201, body = ProductDetail), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, description = "The SKU is taken", body = ErrorBody)))]
async fn add_variant(
    State(state): State<AppState>,
    marketer: Staff<Merchandises>,
    ApiPath(slug): ApiPath<String>,
    ApiJson(variant): ApiJson<NewVariant>,
) -> ApiResult<(StatusCode, Json<ProductDetail>)> {
    let product = products::add_variant(&state, marketer.customer_id, &slug, &variant).await?;
    Ok((StatusCode::CREATED, Json(product)))
}

/// Creates or changes a category; answers the whole tree.
#[utoipa::path(put, path = "/categories/{slug}", tag = "admin",
    params(("slug" = String, Path)), request_body = CategoryEdit,
    responses((status = 200, body = CategoryTree), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn save_category(
    State(state): State<AppState>,
    marketer: Staff<Merchandises>,
    ApiPath(slug): ApiPath<String>,
    ApiJson(edit): ApiJson<CategoryEdit>,
) -> ApiResult<Json<CategoryTree>> {
    products::save_category(&state, marketer.customer_id, &slug, &edit)
        .await
        .map(Json)
}
