//! Image uploads over HTTP (marketers and admins): the file as the request body, told apart by
//! its bytes; and the library of images uploaded so far.

use std::collections::HashMap;

use crate::routes::extract::ApiQuery;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::Json;
use fourflow_core::admin::media::{MediaRecord, MAX_BYTES};
use fourflow_core::ErrorBody;
use serde::Serialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::guard::{EditsContent, Staff};
use crate::error::ApiResult;
use crate::routes::paging::paging;
use crate::services::media;
use crate::startup::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(upload, library))
        // The body limit is ours to state (8 MB, said in the error), not axum's 2 MB.
        .layer(DefaultBodyLimit::max(MAX_BYTES + 1))
}

/// Uploads an image: the request body is the file (JPEG, PNG, WebP or AVIF, by its bytes; at
/// most 8 MB). Answers its address and the sizes made of it; the same file again answers the
/// same record.
#[utoipa::path(post, path = "/media", tag = "admin",
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, body = MediaRecord),
        (status = 400, description = "Not an accepted image, damaged, too large: the message says which", body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn upload(
    State(state): State<AppState>,
    marketer: Staff<EditsContent>,
    body: Bytes,
) -> ApiResult<(StatusCode, Json<MediaRecord>)> {
    let record = media::upload(&state, marketer.customer_id, body.to_vec()).await?;
    Ok((StatusCode::CREATED, Json(record)))
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
struct MediaList {
    items: Vec<MediaRecord>,
    total: u32,
    page: u32,
    per_page: u32,
}

/// Images uploaded so far, newest first.
#[utoipa::path(get, path = "/media", tag = "admin",
    params(("page" = Option<u32>, Query), ("per_page" = Option<u32>, Query)),
    responses((status = 200, body = MediaList), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn library(
    State(state): State<AppState>,
    _marketer: Staff<EditsContent>,
    ApiQuery(query): ApiQuery<HashMap<String, String>>,
) -> ApiResult<Json<MediaList>> {
    let (page, per_page) = paging(&query, 40, 100)?;
    let (items, total) = media::list(&state, page, per_page).await?;
    Ok(Json(MediaList {
        items,
        total,
        page,
        per_page,
    }))
}
