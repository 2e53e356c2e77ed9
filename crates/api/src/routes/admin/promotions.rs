//! Promotions and coupons over HTTP (marketers and admins): list, create or change one, point
//! a coupon code at a promotion, and preview a draft on a sample cart. Changes are audited.

use crate::routes::extract::ApiPath;
use axum::extract::State;
use axum::Json;
use fourflow_core::admin::promotions::{
    CouponEdit, CouponRecord, PreviewAnswer, PromotionEdit, PromotionPreview, PromotionRecord,
};
use fourflow_core::ErrorBody;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::guard::{Merchandises, Staff};
use crate::error::ApiResult;
use crate::routes::extract::ApiJson;
use crate::services::promotions;
use crate::startup::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(save))
        .routes(routes!(save_coupon))
        .routes(routes!(preview))
}

/// Every promotion, automatic or behind coupons, with its coupons' use.
#[utoipa::path(get, operation_id = "list_promotions", path = "/promotions", tag = "admin",
    responses((status = 200, body = Vec<PromotionRecord>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn list(
    State(state): State<AppState>,
    _marketer: Staff<Merchandises>,
) -> ApiResult<Json<Vec<PromotionRecord>>> {
    promotions::list(&state).await.map(Json)
}

/// Creates or replaces a promotion (its offer, scope, minimum spend, window); shoppers' carts
/// are priced with it at once.
#[utoipa::path(put, operation_id = "save_promotion", path = "/promotions/{id}", tag = "admin",
    params(("id" = String, Path)), request_body = PromotionEdit,
    responses((status = 200, body = PromotionRecord),
        (status = 400, description = "`field` names the bad part (`promotion.offer.percent`)", body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn save(
    State(state): State<AppState>,
    marketer: Staff<Merchandises>,
    ApiPath(id): ApiPath<String>,
    ApiJson(edit): ApiJson<PromotionEdit>,
) -> ApiResult<Json<PromotionRecord>> {
    promotions::save(&state, marketer.customer_id, &id, &edit)
        .await
        .map(Json)
}

/// Points a coupon code at a promotion, with a limit of uses (never below the uses so far).
#[utoipa::path(put, path = "/coupons/{code}", tag = "admin",
    params(("code" = String, Path)), request_body = CouponEdit,
    responses((status = 200, body = CouponRecord), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn save_coupon(
    State(state): State<AppState>,
    marketer: Staff<Merchandises>,
    ApiPath(code): ApiPath<String>,
    ApiJson(edit): ApiJson<CouponEdit>,
) -> ApiResult<Json<CouponRecord>> {
    promotions::save_coupon(&state, marketer.customer_id, &code, &edit)
        .await
        .map(Json)
}

/// What a sample cart pays with the live promotions, and with a draft added (or as a coupon).
#[utoipa::path(post, path = "/promotions/preview", tag = "admin",
    request_body = PromotionPreview,
    responses((status = 200, body = PreviewAnswer), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 422, description = "A line's SKU is unknown", body = ErrorBody)))]
async fn preview(
    State(state): State<AppState>,
    _marketer: Staff<Merchandises>,
    ApiJson(preview): ApiJson<PromotionPreview>,
) -> ApiResult<Json<PreviewAnswer>> {
    promotions::preview(&state, &preview).await.map(Json)
}
