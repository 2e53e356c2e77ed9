//! Every answer under `/api` is the contract's JSON error, whoever gave it: our handlers and
//! extractors already answer so, and this catches what the framework answers on its own — a
//! method the path does not take (405, with its `Allow`), a body over a limit (413), a request
//! that ran out of time (503).

use axum::extract::Request;
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use fourflow_core::{ErrorBody, ErrorDetail};

pub async fn json_errors(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let is_api = path == "/api" || path.starts_with("/api/");
    let mut response = next.run(request).await;
    let status = response.status();
    if !is_api || !(status.is_client_error() || status.is_server_error()) || is_json(&response) {
        return response;
    }
    let body = ErrorBody {
        error: ErrorDetail {
            code: code(status).into(),
            message: message(status).into(),
            field: None,
        },
    };
    let json = serde_json::to_vec(&body).expect("an error body always serialises");
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.remove(CONTENT_LENGTH);
    headers.remove(axum::http::header::CONTENT_ENCODING);
    *response.body_mut() = json.into();
    response
}

fn is_json(response: &Response) -> bool {
    response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"))
}

fn code(status: StatusCode) -> &'static str {
    match status {
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::PAYLOAD_TOO_LARGE => "too_large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::SERVICE_UNAVAILABLE | StatusCode::REQUEST_TIMEOUT => "unavailable",
        s if s.is_server_error() => "internal",
        _ => "bad_request",
    }
}

fn message(status: StatusCode) -> &'static str {
    match status {
        StatusCode::METHOD_NOT_ALLOWED => {
            "this path does not take that method: the Allow header lists those it takes"
        }
        StatusCode::PAYLOAD_TOO_LARGE => "the body is larger than this call accepts",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "the body's Content-Type is not one this call reads",
        StatusCode::NOT_FOUND => "API route not found",
        StatusCode::SERVICE_UNAVAILABLE | StatusCode::REQUEST_TIMEOUT => {
            "the service is temporarily unavailable; try again shortly"
        }
        s if s.is_server_error() => "something went wrong on our side; it has been logged",
        _ => "the request is not valid",
    }
}
