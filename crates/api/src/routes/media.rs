//! Uploaded images served at `/media/…`: named by their contents' hash, so cached for good;
//! `nosniff`, so a browser never takes one for anything but the image it was checked to be.

use std::path::Path;

use axum::http::header::{CACHE_CONTROL, X_CONTENT_TYPE_OPTIONS};
use axum::http::HeaderValue;
use axum::Router;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::startup::AppState;

pub fn files(media_dir: &Path) -> Router<AppState> {
    Router::new().nest_service(
        "/media",
        tower::ServiceBuilder::new()
            .layer(SetResponseHeaderLayer::overriding(
                CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            ))
            .layer(SetResponseHeaderLayer::overriding(
                X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ))
            .service(ServeDir::new(media_dir)),
    )
}
