//! Values the shop stored as JSON or as an enum's word, read back into their types: what a
//! newer or older release wrote that this one cannot read is an error naming the order.

use serde::de::DeserializeOwned;

use crate::error::ApiResult;

/// A stored JSON document (a quote, a delivery) of order `number` as its type.
pub(crate) fn parsed<T: DeserializeOwned>(json: &str, number: &str, what: &str) -> ApiResult<T> {
    serde_json::from_str(json).map_err(|e| {
        anyhow::anyhow!("order {number}: stored {what} does not read back: {e}").into()
    })
}

/// A stored enum word (`home_delivery`, `card`) as its type.
pub(crate) fn parsed_word<T: DeserializeOwned>(word: &str, number: &str) -> ApiResult<T> {
    serde_json::from_value(serde_json::Value::String(word.to_owned())).map_err(|e| {
        anyhow::anyhow!("order {number}: stored {word} does not read back: {e}").into()
    })
}
