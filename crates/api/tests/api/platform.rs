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
        .request(reqwest::Method::GET, "/api/v1/categories")
        .send()
        .await
        .unwrap();
    let id = response
        .headers()
        .get("x-request-id")
        .expect("x-request-id");
    assert!(id.len() >= 32);
    let response = app
        .request(reqwest::Method::GET, "/healthz")
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
        .request(reqwest::Method::GET, "/api/v1/products?per_page=60")
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

#[tokio::test]
async fn the_storefront_is_served_with_fallback_compression_and_caching() {
    let dist = std::env::temp_dir().join(format!("fourflow-dist-{}", std::process::id()));
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(
        dist.join("index.html"),
        "<!doctype html><html><head><title>shop | tagline</title>\
         <meta name=\"description\" content=\"the shop\"></head><body></body></html>",
    )
    .unwrap();
    for app in ["cart", "checkout", "orders", "account"] {
        std::fs::create_dir_all(dist.join("apps").join(app)).unwrap();
        std::fs::write(
            dist.join("apps").join(app).join("index.html"),
            format!("<!doctype html><title>{app}</title>"),
        )
        .unwrap();
    }
    let wasm = "shop-0123456789abcdef_bg.wasm";
    std::fs::write(dist.join(wasm), b"\0asm-plain").unwrap();
    std::fs::write(dist.join(format!("{wasm}.br")), b"brotli-bytes").unwrap();
    let app = TestApp::spawn_serving(dist.clone()).await;
    let get = |path: &str, encoding: Option<&str>| {
        let mut request = app.request(reqwest::Method::GET, path);
        if let Some(encoding) = encoding {
            request = request.header("accept-encoding", encoding);
        }
        request.send()
    };

    // Shopper URLs load the app, which routes in the browser.
    for path in [
        "/",
        "/products/floral-midi-dress?sku=FMD-NAVY-S",
        "/search?q=%E6%B4%8B%E8%A3%9D",
    ] {
        let response = get(path, None).await.unwrap();
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(response.headers()["cache-control"], "no-cache", "{path}");
        assert!(response
            .text()
            .await
            .unwrap()
            .starts_with("<!doctype html>"));
    }
    // Hashed assets are immutable and served precompressed to browsers that take brotli.
    let response = get(&format!("/{wasm}"), Some("br, gzip")).await.unwrap();
    assert_eq!(
        response.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(response.headers()["content-encoding"], "br");
    assert_eq!(response.bytes().await.unwrap().as_ref(), b"brotli-bytes");
    let response = get(&format!("/{wasm}"), None).await.unwrap();
    assert_eq!(response.bytes().await.unwrap().as_ref(), b"\0asm-plain");
    // The other apps' URLs get their shell.
    for (path, app) in [
        ("/cart", "cart"),
        ("/cart/", "cart"),
        ("/checkout?step=review", "checkout"),
        ("/orders/FF20261125-ABCDEF?token=x", "orders"),
        ("/account/login", "account"),
    ] {
        let html = get(path, None).await.unwrap().text().await.unwrap();
        assert!(
            html.contains(&format!("<title>{app}</title>")),
            "{path}: {html}"
        );
    }
    // A path no app has a page at is a 404 — with the storefront's not-found page for a
    // person who mistyped, never a 200 that a scanner or a crawler would take as a page.
    for path in ["/cartoons", "/metrics", "/wp-login.php", "/.env"] {
        let response = get(path, None).await.unwrap();
        assert_eq!(response.status(), 404, "{path}");
    }
    let html = get("/cartoons", None).await.unwrap().text().await.unwrap();
    assert!(
        html.contains("<title>shop"),
        "the storefront's shell: {html}"
    );
    assert!(
        !html.contains("<title>cart") && !html.contains("checkout") && !html.contains("account")
    );
    // A product's URL carries its title and OpenGraph tags for link previews.
    let html = get("/products/floral-midi-dress", None)
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("<title>碎花中長洋裝 | shop</title>"),
        "{html}"
    );
    assert!(
        html.contains("<meta property=\"og:title\" content=\"碎花中長洋裝\">"),
        "{html}"
    );
    assert!(
        html.contains(&format!("content=\"{}/demo/products/", app.base)),
        "{html}"
    );
    // A missing file is a 404, not the app.
    assert_eq!(
        get("/missing-0123456789abcdef.js", None)
            .await
            .unwrap()
            .status(),
        404
    );
    let _ = std::fs::remove_dir_all(&dist);
}
