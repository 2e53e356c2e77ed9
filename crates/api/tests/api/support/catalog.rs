//! Reading the catalog's answers: listings by slug, and search words put in a URL.

use serde_json::Value;

/// Slugs of a listing's items, in order.
pub fn slugs(list: &Value) -> Vec<String> {
    list["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|p| p["slug"].as_str().unwrap().to_owned())
        .collect()
}

/// `text` as the storefront puts it in a query string.
pub fn urlencode(text: &str) -> String {
    fourflow_core::catalog::ProductQuery {
        q: Some(text.into()),
        ..Default::default()
    }
    .to_query_string()
    .trim_start_matches("q=")
    .to_owned()
}
