//! Content over HTTP (marketers and admins): read a document, save a version (409 if someone
//! saved since), publish now or later, unpublish, revert, compare two versions. Audited.

use crate::routes::extract::ApiPath;
use axum::extract::State;
use axum::Json;
use fourflow_core::content::{
    ContentDocument, ContentKind, DiffLine, Publish, Revert, SaveDraft, Unpublish,
};
use fourflow_core::{ErrorBody, FieldError};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::guard::{EditsContent, Staff};
use crate::error::ApiResult;
use crate::routes::extract::ApiJson;
use crate::services::content;
use crate::startup::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(document, save))
        .routes(routes!(publish))
        .routes(routes!(unpublish))
        .routes(routes!(revert))
        .routes(routes!(diff))
}

fn kind(raw: &str) -> Result<ContentKind, FieldError> {
    ContentKind::parse("kind", raw)
}

/// The document, its latest version, what is published and scheduled, the preview link.
#[utoipa::path(get, path = "/content/{kind}/{slug}", tag = "admin",
    params(("kind" = String, Path, description = "home, landing, help or product"), ("slug" = String, Path)),
    responses((status = 200, body = ContentDocument), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn document(
    State(state): State<AppState>,
    _marketer: Staff<EditsContent>,
    ApiPath((raw_kind, slug)): ApiPath<(String, String)>,
) -> ApiResult<Json<ContentDocument>> {
    content::get(&state, kind(&raw_kind)?, &slug)
        .await
        .map(Json)
}

/// Saves a new version. `base_version` is the version the editor started from (0 for a new
/// document); if another was saved since, 409 `version_conflict`, and nothing is written.
#[utoipa::path(put, operation_id = "save_content", path = "/content/{kind}/{slug}", tag = "admin",
    params(("kind" = String, Path), ("slug" = String, Path)), request_body = SaveDraft,
    responses((status = 200, body = ContentDocument),
        (status = 400, description = "`field` names the bad part (`body.blocks[0].link`)", body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 409, description = "Someone saved a newer version", body = ErrorBody)))]
async fn save(
    State(state): State<AppState>,
    marketer: Staff<EditsContent>,
    ApiPath((raw_kind, slug)): ApiPath<(String, String)>,
    ApiJson(draft): ApiJson<SaveDraft>,
) -> ApiResult<Json<ContentDocument>> {
    let kind = kind(&raw_kind)?;
    content::save(&state, marketer.customer_id, kind, &slug, &draft)
        .await
        .map(Json)
}

/// Publishes a version now, or at `at` (Unix seconds); `unpublish_at` ends it.
#[utoipa::path(post, path = "/content/{kind}/{slug}/publish", tag = "admin",
    params(("kind" = String, Path), ("slug" = String, Path)), request_body = Publish,
    responses((status = 200, body = ContentDocument), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn publish(
    State(state): State<AppState>,
    marketer: Staff<EditsContent>,
    ApiPath((raw_kind, slug)): ApiPath<(String, String)>,
    ApiJson(request): ApiJson<Publish>,
) -> ApiResult<Json<ContentDocument>> {
    content::publish(
        &state,
        marketer.customer_id,
        kind(&raw_kind)?,
        &slug,
        &request,
    )
    .await
    .map(Json)
}

/// Takes the document off the shop now, or at `at`.
#[utoipa::path(post, path = "/content/{kind}/{slug}/unpublish", tag = "admin",
    params(("kind" = String, Path), ("slug" = String, Path)), request_body = Unpublish,
    responses((status = 200, body = ContentDocument), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "Product copy cannot be unpublished", body = ErrorBody)))]
async fn unpublish(
    State(state): State<AppState>,
    marketer: Staff<EditsContent>,
    ApiPath((raw_kind, slug)): ApiPath<(String, String)>,
    ApiJson(request): ApiJson<Unpublish>,
) -> ApiResult<Json<ContentDocument>> {
    content::unpublish(
        &state,
        marketer.customer_id,
        kind(&raw_kind)?,
        &slug,
        &request,
    )
    .await
    .map(Json)
}

/// A new version with an old version's body (409 if someone saved since `base_version`).
#[utoipa::path(post, path = "/content/{kind}/{slug}/revert", tag = "admin",
    params(("kind" = String, Path), ("slug" = String, Path)), request_body = Revert,
    responses((status = 200, body = ContentDocument), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody)))]
async fn revert(
    State(state): State<AppState>,
    marketer: Staff<EditsContent>,
    ApiPath((raw_kind, slug)): ApiPath<(String, String)>,
    ApiJson(request): ApiJson<Revert>,
) -> ApiResult<Json<ContentDocument>> {
    content::revert(
        &state,
        marketer.customer_id,
        kind(&raw_kind)?,
        &slug,
        &request,
    )
    .await
    .map(Json)
}

/// What changed between two versions, line by line.
#[utoipa::path(get, path = "/content/{kind}/{slug}/diff/{from}/{to}", tag = "admin",
    params(("kind" = String, Path), ("slug" = String, Path), ("from" = u32, Path), ("to" = u32, Path)),
    responses((status = 200, body = Vec<DiffLine>), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn diff(
    State(state): State<AppState>,
    _marketer: Staff<EditsContent>,
    ApiPath((raw_kind, slug, from, to)): ApiPath<(String, String, String, String)>,
) -> ApiResult<Json<Vec<DiffLine>>> {
    let version = |field: &str, raw: &str| {
        raw.parse::<u32>()
            .map_err(|_| FieldError::said(field, "must be a version number", "必須是版本號碼"))
    };
    let (from, to) = (version("from", &from)?, version("to", &to)?);
    content::diff(&state, kind(&raw_kind)?, &slug, from, to)
        .await
        .map(Json)
}
