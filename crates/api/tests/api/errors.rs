//! Bad input is a 4xx naming the field; unknown things are 404s; never a 500.

use crate::support::TestApp;

#[tokio::test]
async fn every_malformed_listing_parameter_is_a_400_naming_it() {
    let app = TestApp::spawn().await;
    for (query, field) in [
        ("per_page=-1", "per_page"),
        ("per_page=0", "per_page"),
        ("per_page=ten", "per_page"),
        ("page=abc", "page"),
        ("page=0", "page"),
        ("page=-3", "page"),
        ("page=99999", "page"),
        ("sort=bogus", "sort"),
        ("category=Not%20A%20Slug", "category"),
        ("price_min=-1", "price_min"),
        ("price_max=12.5", "price_max"),
        ("price_min=500&price_max=100", "price_max"),
        ("in_stock=perhaps", "in_stock"),
    ] {
        let (status, body) = app.get(&format!("/api/v1/products?{query}")).await;
        assert_eq!(status, 400, "{query}: {body}");
        assert_eq!(body["error"]["code"], "invalid", "{query}");
        assert_eq!(body["error"]["field"], field, "{query}");
        let message = body["error"]["message"].as_str().unwrap();
        assert!(
            message.starts_with(field) && message.len() > field.len() + 5,
            "{message}"
        );
    }
    let long = "字".repeat(101);
    let (status, body) = app.get(&format!("/api/v1/products?q={long}")).await;
    assert_eq!((status, body["error"]["field"].as_str()), (400, Some("q")));
}

#[tokio::test]
async fn unknown_things_are_404s_with_a_json_error() {
    let app = TestApp::spawn().await;
    let (status, body) = app.get("/api/v1/products/no-such-product").await;
    assert_eq!(status, 404);
    assert_eq!(body["error"]["code"], "not_found");
    let (status, body) = app.get("/api/v1/products?category=no-such-category").await;
    assert_eq!(
        (status, body["error"]["field"].as_str()),
        (404, Some("category"))
    );
    let (status, body) = app.get("/api/v1/no/such/route").await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (404, Some("not_found"))
    );
    let (status, _) = app.get("/api/v1/products/%E6%B4%8B%E8%A3%9D").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn unknown_parameters_are_ignored() {
    let app = TestApp::spawn().await;
    let plain = app.ok("/api/v1/products").await;
    let tracked = app.ok("/api/v1/products?utm_source=line&fbclid=x").await;
    assert_eq!(plain, tracked);
}
