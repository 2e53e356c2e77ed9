//! Query strings (`?token=…&page=2`): each value free of control characters, each parameter
//! given once unless the type takes a list, and of the type the handler asks for, or a 400
//! naming the parameter.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use fourflow_core::FieldError;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

pub struct ApiQuery<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parse(parts.uri.query().unwrap_or_default()).map(ApiQuery)
    }
}

/// `raw` (the part after `?`) as `T`.
pub fn parse<T: DeserializeOwned>(raw: &str) -> Result<T, ApiError> {
    for (name, value) in form_urlencoded::parse(raw.as_bytes()) {
        // The name is checked at the query as a whole: a name at fault is not echoed back.
        fourflow_core::text::check_line("query", &name)?;
        fourflow_core::text::check_line(&name, &value)?;
    }
    let deserializer = serde_urlencoded::Deserializer::new(form_urlencoded::parse(raw.as_bytes()));
    serde_path_to_error::deserialize(deserializer).map_err(|e| {
        let message = e.inner().to_string();
        // serde names a repeated parameter only in its text: "duplicate field `token`".
        if let Some(name) = message
            .strip_prefix("duplicate field `")
            .and_then(|rest| rest.strip_suffix('`'))
        {
            return FieldError::new(name, "is given more than once: give it once").into();
        }
        if let Some(name) = message
            .strip_prefix("missing field `")
            .and_then(|rest| rest.strip_suffix('`'))
        {
            return FieldError::new(name, "is required").into();
        }
        match e.path().to_string().as_str() {
            "." => ApiError::BadRequest(format!("the query string is not valid: {message}")),
            field => FieldError::new(field, format!("is not valid: {message}")).into(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Params {
        token: Option<String>,
        page: Option<u32>,
    }

    fn field_of(raw: &str) -> String {
        match parse::<Params>(raw) {
            Err(ApiError::Invalid(e)) => e.field,
            other => panic!("{raw}: {other:?}"),
        }
    }

    #[test]
    fn each_fault_names_its_parameter() {
        assert_eq!(field_of("token=a&token=b"), "token");
        assert_eq!(field_of("token=%00"), "token");
        assert_eq!(field_of("page=two"), "page");
        assert_eq!(field_of("a%00=1"), "query");
    }

    #[test]
    fn what_fits_is_read() {
        let params: Params = parse("token=abc&page=2&utm_source=line").unwrap();
        assert_eq!(params.token.as_deref(), Some("abc"));
        assert_eq!(params.page, Some(2));
    }
}
