//! Reading JSON from outside (a request body, a provider's webhook) into the shop's types, with
//! the field at fault named (`lines[0].qty`) as every other bad input is.
//!
//! Before a value reaches its type, every string in it (keys too) is held to
//! [`fourflow_core::text::check`]: a control character is refused here, once, for every body,
//! so that no handler can store a NUL that PostgreSQL would choke on and SQLite would keep.

use fourflow_core::FieldError;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::ApiError;

pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    // Read as a tree first: a body that is not JSON at all is refused as a whole, and the
    // strings are checked before any of them is taken for a value.
    let tree: Value = serde_json::from_slice(bytes)
        .map_err(|e| ApiError::BadRequest(format!("the body is not valid JSON: {}", plain(&e))))?;
    check_text(&tree, &mut String::new())?;
    serde_path_to_error::deserialize(tree).map_err(|e| {
        let mut field = e.path().to_string();
        let inner = e.inner().to_string();
        let inner = plain_text(&inner);
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

/// serde's message without its "at line 1 column 30": the field says where already.
fn plain(e: &serde_json::Error) -> String {
    plain_text(&e.to_string()).to_owned()
}

fn plain_text(message: &str) -> &str {
    message.rsplit_once(" at line ").map_or(message, |(m, _)| m)
}

/// Refuses the first string (or key) holding a control character, naming where it is as
/// serde_path_to_error does (`contact.name`, `lines[0].sku`).
fn check_text(value: &Value, at: &mut String) -> Result<(), FieldError> {
    match value {
        Value::String(text) => fourflow_core::text::check(field(at), text),
        Value::Array(items) => items.iter().enumerate().try_for_each(|(i, item)| {
            let len = at.len();
            at.push_str(&format!("[{i}]"));
            let checked = check_text(item, at);
            at.truncate(len);
            checked
        }),
        Value::Object(members) => members.iter().try_for_each(|(key, item)| {
            // A key at fault is named by the object that holds it: echoing it back would
            // repeat the very character refused.
            fourflow_core::text::check(field(at), key)?;
            let len = at.len();
            if !at.is_empty() {
                at.push('.');
            }
            at.push_str(key);
            let checked = check_text(item, at);
            at.truncate(len);
            checked
        }),
        Value::Null | Value::Bool(_) | Value::Number(_) => Ok(()),
    }
}

fn field(at: &str) -> &str {
    if at.is_empty() {
        "body"
    } else {
        at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Order {
        lines: Vec<Line>,
        coupon: Option<String>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Line {
        sku: String,
        qty: u32,
    }

    fn field_of(body: &str) -> Option<String> {
        match parse::<Order>(body.as_bytes()) {
            Err(ApiError::Invalid(e)) => Some(e.field),
            Err(other) => panic!("{body}: not a field error: {other}"),
            Ok(order) => panic!("{body}: accepted as {order:?}"),
        }
    }

    #[test]
    fn a_control_character_anywhere_is_refused_where_it_is() {
        let at = |b: &str| field_of(b).unwrap();
        assert_eq!(at(r#"{"lines":[],"coupon":"\u0000"}"#), "coupon");
        assert_eq!(
            at(r#"{"lines":[{"sku":"A","qty":1},{"sku":"B\u001b","qty":1}],"coupon":null}"#),
            "lines[1].sku"
        );
        // An unknown member is not kept, but a NUL in its name is still refused, not ignored.
        assert_eq!(at(r#"{"lines":[],"x\u0000":1}"#), "body");
        assert_eq!(at(r#"{"lines":[{"s\u0000":1}]}"#), "lines[0]");
    }

    #[test]
    fn a_wrong_or_missing_field_is_named() {
        assert_eq!(
            field_of(r#"{"lines":[{"sku":"A"}]}"#).unwrap(),
            "lines[0].qty"
        );
        assert_eq!(
            field_of(r#"{"lines":[{"sku":"A","qty":-1}]}"#).unwrap(),
            "lines[0].qty"
        );
        assert!(matches!(
            parse::<Order>(b"{not json"),
            Err(ApiError::BadRequest(_))
        ));
    }
}
