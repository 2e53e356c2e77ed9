//! Errors as data: the JSON body every failed API call answers with, and the error a parser
//! returns when one field of the input is wrong.

use serde::{Deserialize, Serialize};

use crate::Locale;

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
///
/// The message is English, the API's language when a client asks for none. The checks staff
/// meet in the back office also say it in Traditional Chinese ([`FieldError::said`]), so that a
/// zh-TW screen never shows an English sentence; the shopper's screens word their own messages
/// from the field instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct FieldError {
    pub field: String,
    pub message: String,
    pub zh_tw: Option<String>,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            message: message.into(),
            zh_tw: None,
        }
    }

    /// A refusal in both of the shop's languages.
    pub fn said(field: impl Into<String>, en: impl Into<String>, zh_tw: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            message: en.into(),
            zh_tw: Some(zh_tw.into()),
        }
    }

    /// The message in `locale`, English where the check speaks only English.
    pub fn message_in(&self, locale: Locale) -> &str {
        match (locale, &self.zh_tw) {
            (Locale::ZhTw, Some(zh_tw)) => zh_tw,
            _ => &self.message,
        }
    }

    /// The same refusal, about a field nested under `parent` (`title` → `body.title`).
    pub fn under(self, parent: &str) -> Self {
        FieldError {
            field: format!("{parent}.{}", self.field),
            ..self
        }
    }
}
