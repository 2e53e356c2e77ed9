//! A JSON body extractor whose rejection is our own error: a body that does not fit names the
//! field at fault (`lines[0].qty`), as every other bad input does.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header::CONTENT_TYPE;
use fourflow_core::FieldError;
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
    parse(&bytes).map(|value| (value, bytes))
}

pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let mut field = e.path().to_string();
        // serde's message ends "at line 1 column 30": the field says where already.
        let inner = e.inner().to_string();
        let inner = inner
            .rsplit_once(" at line ")
            .map_or(inner.as_str(), |(m, _)| m);
        // A missing field is reported at its parent: name the field itself.
        let missing = inner
            .strip_prefix("missing field `")
            .and_then(|rest| rest.strip_suffix('`'));
        let message = match missing {
            Some(name) => {
                field = if field == "." {
                    name.to_owned()
                } else {
                    format!("{field}.{name}")
                };
                "is required".to_owned()
            }
            None => format!("is not valid: {inner}"),
        };
        if field == "." {
            ApiError::BadRequest(format!("the body is not valid: {message}"))
        } else {
            FieldError::new(field, message).into()
        }
    })
}
