//! Reading the API's answers and the saved cart. The browser's own parser (`JSON.parse`)
//! turns the text into a value and serde reads the fields from it: the bundle then carries no
//! JSON parser inlined into every answer type's decoder.

use serde::de::DeserializeOwned;

/// `text` as a `T`, or `None` if it is not JSON or not shaped like one.
pub fn decode<T: DeserializeOwned>(text: &str) -> Option<T> {
    let value = js_sys::JSON::parse(text).ok()?;
    serde_wasm_bindgen::from_value(value).ok()
}
