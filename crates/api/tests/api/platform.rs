//! Probes, the OpenAPI description, request ids, compression and the SPA fallback.

use crate::support::TestApp;

#[tokio::test]
async fn probes_answer() {
    let app = TestApp::spawn().await;
    assert_eq!(app.get("/healthz").await.0, 200);
    assert_eq!(app.get("/readyz").await.0, 200);
}

#[tokio::test]
async fn the_openapi_description_lists_the_catalog() {
    let app = TestApp::spawn().await;
    let spec = app.ok("/api/openapi.json").await;
    let paths = spec["paths"].as_object().unwrap();
    for path in [
        "/api/v1/categories",
        "/api/v1/products",
        "/api/v1/products/{slug}",
        "/api/v1/search/suggestions",
    ] {
        assert!(
            paths.contains_key(path),
            "{path} missing from {:?}",
            paths.keys()
        );
    }
    assert!(spec["components"]["schemas"]["ProductList"].is_object());
}

#[tokio::test]
async fn every_response_carries_a_request_id() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .get(format!("{}/api/v1/categories", app.base))
        .send()
        .await
        .unwrap();
    let id = response
        .headers()
        .get("x-request-id")
        .expect("x-request-id");
    assert!(id.len() >= 32);
    let response = app
        .client
        .get(format!("{}/healthz", app.base))
        .header("x-request-id", "from-the-load-balancer")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["x-request-id"], "from-the-load-balancer");
}

#[tokio::test]
async fn json_is_compressed_for_clients_that_ask() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .get(format!("{}/api/v1/products?per_page=60", app.base))
        .header("accept-encoding", "br, gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-encoding"], "br");
}

#[tokio::test]
async fn shopper_urls_get_a_clear_answer_when_the_app_is_not_built() {
    let app = TestApp::spawn().await;
    let (status, body) = app.get("/products/anything").await;
    assert_eq!(status, 404);
    assert!(body.as_str().unwrap().contains("cargo xtask run"));
}
