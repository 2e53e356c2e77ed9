//! Merchandising of SKUs over HTTP (marketers and admins): the list, a price change, a stock
//! adjustment with its reason, and the CSV export and import (a dry run unless told
//! otherwise). Every change is audited.

use std::collections::HashMap;

use crate::routes::extract::{ApiPath, ApiQuery};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::IntoResponse;
use axum::Json;
use fourflow_core::admin::sku_csv::ImportReport;
use fourflow_core::admin::stock::{PriceChange, SkuList, SkuRecord, StockAdjustment};
use fourflow_core::{ErrorBody, FieldError};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::guard::{Merchandises, Staff};
use crate::error::ApiResult;
use crate::routes::extract::ApiJson;
use crate::routes::paging::paging;
use crate::services::merchandising;
use crate::startup::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(change_price))
        .routes(routes!(adjust_stock))
        .routes(routes!(export))
        .routes(routes!(import))
}

/// SKUs in catalog order with price and stock; `q` matches the SKU, product slug or title.
#[utoipa::path(get, operation_id = "list_skus", path = "/skus", tag = "admin",
    params(("q" = Option<String>, Query), ("page" = Option<u32>, Query),
        ("per_page" = Option<u32>, Query, description = "Default 50, at most 200")),
    responses(
        (status = 200, body = SkuList), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    ))]
async fn list(
    State(state): State<AppState>,
    _marketer: Staff<Merchandises>,
    ApiQuery(query): ApiQuery<HashMap<String, String>>,
) -> ApiResult<Json<SkuList>> {
    let (page, per_page) = paging(&query, 50, 200)?;
    let q = query.get("q").map(|q| q.trim()).filter(|q| !q.is_empty());
    if q.is_some_and(|q| q.chars().count() > 100) {
        return Err(
            FieldError::said("q", "must be at most 100 characters", "最多 100 個字").into(),
        );
    }
    merchandising::list(&state, q, page, per_page)
        .await
        .map(Json)
}

/// Sets the price, the was-price (struck through; must be higher) and the shipping weight.
#[utoipa::path(put, path = "/skus/{sku}/price", tag = "admin",
    params(("sku" = String, Path)), request_body = PriceChange,
    responses(
        (status = 200, body = SkuRecord), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    ))]
async fn change_price(
    State(state): State<AppState>,
    marketer: Staff<Merchandises>,
    ApiPath(sku): ApiPath<String>,
    ApiJson(change): ApiJson<PriceChange>,
) -> ApiResult<Json<SkuRecord>> {
    merchandising::change_price(&state, marketer.customer_id, &sku, &change)
        .await
        .map(Json)
}

/// Moves stock in (received, returned) or out (damaged, lost), or corrects it (recount);
/// never below what orders hold.
#[utoipa::path(post, path = "/skus/{sku}/stock-adjustments", tag = "admin",
    params(("sku" = String, Path)), request_body = StockAdjustment,
    responses(
        (status = 200, body = SkuRecord), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    ))]
async fn adjust_stock(
    State(state): State<AppState>,
    marketer: Staff<Merchandises>,
    ApiPath(sku): ApiPath<String>,
    ApiJson(adjustment): ApiJson<StockAdjustment>,
) -> ApiResult<Json<SkuRecord>> {
    merchandising::adjust_stock(&state, marketer.customer_id, &sku, &adjustment)
        .await
        .map(Json)
}

/// Every SKU as CSV: `sku,product,name,price,compare_at,on_hand,weight_grams`.
#[utoipa::path(get, path = "/skus/export", tag = "admin",
    responses(
        (status = 200, content_type = "text/csv", body = String),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    ))]
async fn export(
    State(state): State<AppState>,
    _marketer: Staff<Merchandises>,
) -> ApiResult<impl IntoResponse> {
    let csv = merchandising::export(&state).await?;
    Ok((
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                CONTENT_DISPOSITION,
                "attachment; filename=\"fourflow-skus.csv\"",
            ),
        ],
        csv,
    ))
}

/// Reads a CSV of SKUs (the export's columns; `product` and `name` are not imported) and
/// reports every change and every error by line and column. A dry run unless
/// `dry_run=false`; even then nothing changes while the file has any error.
#[utoipa::path(post, path = "/skus/import", tag = "admin",
    params(("dry_run" = Option<bool>, Query, description = "Default true")),
    request_body(content = String, content_type = "text/csv"),
    responses(
        (status = 200, body = ImportReport), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 409, description = "Stock moved meanwhile: nothing was changed", body = ErrorBody),
    ))]
async fn import(
    State(state): State<AppState>,
    marketer: Staff<Merchandises>,
    ApiQuery(query): ApiQuery<HashMap<String, String>>,
    body: Bytes,
) -> ApiResult<Json<ImportReport>> {
    let dry_run = match query.get("dry_run").map(String::as_str) {
        None | Some("true" | "1") => true,
        Some("false" | "0") => false,
        Some(_) => {
            return Err(FieldError::said(
                "dry_run",
                "must be true or false",
                "必須是 true 或 false",
            )
            .into())
        }
    };
    let csv = std::str::from_utf8(&body).map_err(|_| {
        FieldError::said(
            "body",
            "the file must be UTF-8 text (save the CSV as UTF-8)",
            "檔案必須是 UTF-8 文字（請將 CSV 另存為 UTF-8 編碼）",
        )
    })?;
    // The report's errors come back in a 200, past the error formatting that words refusals
    // in the request's language: word them here.
    merchandising::import(&state, marketer.customer_id, csv, dry_run)
        .await
        .map(|report| Json(report.in_language(crate::language::current())))
}
