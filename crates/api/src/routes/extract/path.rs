//! Path parameters (`/orders/{number}`): percent-decoded, UTF-8, free of control characters,
//! and of the type the handler asks for, or a 400 naming the parameter.

use axum::extract::path::ErrorKind;
use axum::extract::rejection::{PathRejection, RawPathParamsRejection};
use axum::extract::{FromRequestParts, Path, RawPathParams};
use axum::http::request::Parts;
use fourflow_core::FieldError;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

pub struct ApiPath<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiPath<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let raw = RawPathParams::from_request_parts(parts, state)
            .await
            .map_err(raw_rejection)?;
        for (name, value) in &raw {
            fourflow_core::text::check_line(name, value)?;
        }
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(ApiPath(value)),
            Err(PathRejection::FailedToDeserializePathParams(e)) => Err(kind_error(e.kind())),
            Err(other) => Err(ApiError::Internal(anyhow::anyhow!(
                "path parameters unavailable: {other}"
            ))),
        }
    }
}

fn raw_rejection(rejection: RawPathParamsRejection) -> ApiError {
    match rejection {
        RawPathParamsRejection::InvalidUtf8InPathParam(e) => {
            // axum names the parameter only in its text: "Invalid UTF-8 in `number`".
            let text = e.body_text();
            let name = text.split('`').nth(1).unwrap_or("path");
            FieldError::said(name, "must be UTF-8 text", "必須是 UTF-8 文字").into()
        }
        other => ApiError::Internal(anyhow::anyhow!("path parameters unavailable: {other}")),
    }
}

fn kind_error(kind: &ErrorKind) -> ApiError {
    let invalid = |field: &str, expected: &str| -> ApiError {
        FieldError::new(field, format!("is not valid: expected {expected}")).into()
    };
    match kind {
        ErrorKind::ParseErrorAtKey {
            key, expected_type, ..
        } => invalid(key, expected_type),
        ErrorKind::DeserializeError { key, message, .. } => {
            FieldError::new(key.as_str(), format!("is not valid: {message}")).into()
        }
        ErrorKind::InvalidUtf8InPathParam { key } => {
            FieldError::said(key.as_str(), "must be UTF-8 text", "必須是 UTF-8 文字").into()
        }
        other => ApiError::BadRequest(format!("the path is not valid: {other}")),
    }
}
