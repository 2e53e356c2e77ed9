//! One error type for every route, mapped to HTTP in one place.
//!
//! Every failure answers `{"error":{"code","message","field"?}}`. Bad input is a 4xx a person
//! can act on; internal details are logged with the request's span, never returned.

use axum::http::header::RETRY_AFTER;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use fourflow_core::pricing::{QuoteError, QuoteErrorCode};
use fourflow_core::{ErrorBody, ErrorDetail, FieldError};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// One field of the request is not acceptable: 400 naming it.
    #[error("invalid {}: {}", .0.field, .0.message)]
    Invalid(#[from] FieldError),
    /// The request as a whole could not be read (malformed JSON, wrong content type): 400.
    #[error("bad request: {0}")]
    BadRequest(String),
    /// The request is well formed but the shop cannot do it (out of stock, coupon expired):
    /// 422 with a specific code, naming the field.
    #[error("{code}: {field}: {message}")]
    Rejected {
        code: &'static str,
        field: String,
        message: String,
    },
    /// The request clashes with the state of things (a reused idempotency key, an order that
    /// cannot make that move): 409.
    #[error("{code}: {message}")]
    Conflict {
        code: &'static str,
        message: String,
        field: Option<&'static str>,
    },
    /// The caller did not prove who it is (an unsigned or forged webhook): 401.
    #[error("unauthorised: {0}")]
    Unauthorised(&'static str),
    /// The caller may not do this (a cross-site request, an unverified account): 403.
    #[error("forbidden: {code}: {message}")]
    Forbidden {
        code: &'static str,
        message: &'static str,
    },
    /// Too many attempts (sign-in): 429 with `Retry-After` in seconds.
    #[error("rate limited for {retry_after} s")]
    TooManyRequests { retry_after: i64 },
    /// The thing asked for does not exist (or is not the caller's to see): 404.
    #[error("{what} not found")]
    NotFound {
        what: &'static str,
        field: Option<&'static str>,
    },
    /// A dependency is down; try again later: 503.
    #[error("unavailable: {0}")]
    Unavailable(String),
    /// A bug or an outage: 500, logged in full, answered in general terms.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    pub fn not_found(what: &'static str) -> Self {
        ApiError::NotFound { what, field: None }
    }

    /// A 409 about no field in particular.
    pub fn conflict(code: &'static str, message: String) -> Self {
        ApiError::Conflict {
            code,
            message,
            field: None,
        }
    }

    fn status(&self) -> StatusCode {
        match self {
            ApiError::Invalid(_) | ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Rejected { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::Unauthorised(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden { .. } => StatusCode::FORBIDDEN,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::NotFound { .. } => StatusCode::NOT_FOUND,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn detail(&self) -> ErrorDetail {
        let (code, message, field) = match self {
            ApiError::Invalid(e) => {
                let message = match e.message_in(crate::language::current()) {
                    m if m == e.message => format!("{} {m}", e.field),
                    m => format!("{}：{m}", e.field),
                };
                ("invalid", message, Some(e.field.clone()))
            }
            ApiError::BadRequest(message) => ("bad_request", message.clone(), None),
            ApiError::Rejected {
                code,
                field,
                message,
            } => (*code, format!("{field} {message}"), Some(field.clone())),
            ApiError::Conflict {
                code,
                message,
                field,
            } => (*code, message.clone(), field.map(str::to_owned)),
            ApiError::Unauthorised(message) => ("unauthorised", (*message).to_owned(), None),
            ApiError::Forbidden { code, message } => (*code, (*message).to_owned(), None),
            ApiError::TooManyRequests { retry_after } => (
                "rate_limited",
                format!("too many attempts; try again in {retry_after} seconds"),
                None,
            ),
            ApiError::NotFound { what, field } => (
                "not_found",
                format!("{what} not found"),
                field.map(str::to_owned),
            ),
            ApiError::Unavailable(_) => (
                "unavailable",
                "the service is temporarily unavailable; try again shortly".into(),
                None,
            ),
            ApiError::Internal(_) => (
                "internal",
                "something went wrong on our side; it has been logged".into(),
                None,
            ),
        };
        ErrorDetail {
            code: code.into(),
            message,
            field,
        }
    }
}

impl From<QuoteError> for ApiError {
    fn from(e: QuoteError) -> Self {
        match e.code {
            QuoteErrorCode::Invalid => ApiError::Invalid(FieldError::new(e.field, e.message)),
            code => ApiError::Rejected {
                code: code.as_str(),
                field: e.field,
                message: e.message,
            },
        }
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        ApiError::Internal(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() {
            tracing::error!(error = ?self, "request failed");
        }
        let mut response = (
            status,
            Json(ErrorBody {
                error: self.detail(),
            }),
        )
            .into_response();
        if let ApiError::TooManyRequests { retry_after } = self {
            response
                .headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from(retry_after.max(1)));
        }
        response
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_names_the_field() {
        let detail = ApiError::from(FieldError::new("per_page", "must be at least 1")).detail();
        assert_eq!(detail.code, "invalid");
        assert_eq!(detail.field.as_deref(), Some("per_page"));
        assert_eq!(detail.message, "per_page must be at least 1");
    }

    #[test]
    fn internal_details_are_not_returned() {
        let err = ApiError::Internal(anyhow::anyhow!("password=hunter2 in connection string"));
        assert!(!err.detail().message.contains("hunter2"));
        assert_eq!(err.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }
}
