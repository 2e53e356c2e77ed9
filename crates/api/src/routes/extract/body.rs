//! A JSON body, read through [`crate::json::parse`].

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header::CONTENT_TYPE;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// Bodies larger than this are refused before parsing.
const MAX_BODY: usize = 256 * 1024;

pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, _: &S) -> Result<Self, Self::Rejection> {
        read(req).await.map(|(value, _)| ApiJson(value))
    }
}

/// The body as `T`, with its raw bytes (for a request hash or a signature).
pub async fn read<T: DeserializeOwned>(req: Request) -> Result<(T, Bytes), ApiError> {
    let is_json = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !is_json {
        return Err(ApiError::BadRequest(
            "send the body as JSON, with Content-Type: application/json".into(),
        ));
    }
    let bytes = axum::body::to_bytes(req.into_body(), MAX_BODY)
        .await
        .map_err(|_| ApiError::BadRequest(format!("the body is larger than {MAX_BODY} bytes")))?;
    crate::json::parse(&bytes).map(|value| (value, bytes))
}
