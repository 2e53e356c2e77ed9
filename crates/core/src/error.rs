//! Errors as data: the JSON body every failed API call answers with, and the error a parser
//! returns when one field of the input is wrong.

use serde::{Deserialize, Serialize};

/// `{"error":{"code":"out_of_stock","message":"…","field":"lines[0].qty"}}`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    /// Stable, machine-readable: clients branch on this, never on `message`.
    pub code: String,
    /// For a person: says what was wrong and what would be accepted.
    pub message: String,
    /// The input field at fault, as a path (`per_page`, `lines[0].qty`), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// One field of some input was not acceptable. Parsers in this crate return it; the API turns it
/// into a 400 with the field named.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            message: message.into(),
        }
    }
}
