//! The transport: every call to the Fourflow API goes through here, and comes back typed —
//! the response body, or an [`ApiError`] that says what went wrong.

use fourflow_core::catalog::{CategoryTree, ProductDetail, ProductList, ProductQuery, Suggestions};
use fourflow_core::ErrorBody;
use gloo_net::http::Request;
use serde::de::DeserializeOwned;

const BASE: &str = "/api/v1";

#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The request never got an answer: offline, DNS, connection reset.
    Network,
    /// The API answered with an error body.
    Api { status: u16, body: ErrorBody },
    /// The API answered with something that is not what this version of the app expects.
    Unexpected { status: u16 },
}

impl ApiError {
    pub fn is_not_found(&self) -> bool {
        matches!(self, ApiError::Api { status: 404, .. })
    }
}

/// The body of a successful GET. Not generic, so that the request code exists once in the
/// bundle rather than once per response type.
async fn fetch(path: &str) -> Result<(u16, String), ApiError> {
    let response = Request::get(&format!("{BASE}{path}"))
        .header("accept", "application/json")
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    let status = response.status();
    let text = response.text().await.map_err(|_| ApiError::Network)?;
    if response.ok() {
        return Ok((status, text));
    }
    Err(match serde_json::from_str::<ErrorBody>(&text) {
        Ok(body) => ApiError::Api { status, body },
        Err(_) => ApiError::Unexpected { status },
    })
}

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let (status, text) = fetch(path).await?;
    serde_json::from_str(&text).map_err(|_| ApiError::Unexpected { status })
}

pub async fn categories() -> Result<CategoryTree, ApiError> {
    get("/categories").await
}

pub async fn products(query: &ProductQuery) -> Result<ProductList, ApiError> {
    get(&format!("/products?{}", query.to_query_string())).await
}

pub async fn product(slug: &str) -> Result<ProductDetail, ApiError> {
    get(&format!("/products/{slug}")).await
}

pub async fn suggestions(text: &str) -> Result<Suggestions, ApiError> {
    let query = ProductQuery {
        q: Some(text.to_owned()),
        ..ProductQuery::default()
    };
    get(&format!("/search/suggestions?{}", query.to_query_string())).await
}
