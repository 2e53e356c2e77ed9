//! Content for shoppers: a published page (home, landing page, help article, product copy)
//! with its Markdown rendered and sanitised; a draft only through its secret preview link.

use super::extract::{ApiPath, ApiQuery};
use axum::extract::State;
use axum::Json;
use fourflow_core::content::{ContentKind, PublishedContent};
use fourflow_core::ErrorBody;
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ApiResult;
use crate::services::content;
use crate::startup::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(page))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct Preview {
    /// The document's preview token, from the back office's preview link: shows the draft.
    preview: Option<String>,
}

/// The published page; with `preview`, the latest draft. 404 when there is none to show.
#[utoipa::path(get, path = "/content/{kind}/{slug}", tag = "content",
    params(("kind" = String, Path, description = "home, landing, help or product"),
        ("slug" = String, Path), Preview),
    responses((status = 200, body = PublishedContent), (status = 400, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
async fn page(
    State(state): State<AppState>,
    ApiPath((kind, slug)): ApiPath<(String, String)>,
    ApiQuery(query): ApiQuery<Preview>,
) -> ApiResult<Json<PublishedContent>> {
    let kind = ContentKind::parse("kind", &kind)?;
    content::page(&state, kind, &slug, query.preview.as_deref())
        .await
        .map(Json)
}
