//! Product copy from the content editor: published, it becomes the catalog's title,
//! description (sanitised) and SEO text, and the server's link preview uses it.

use serde_json::json;

use super::{article, editor, publish, save};
use crate::support::TestApp;

#[tokio::test]
async fn published_product_copy_becomes_the_catalogs() {
    let app = TestApp::spawn().await;
    let m = editor(&app, "mei@example.tw").await;
    let slug = "alishan-high-mountain-oolong";
    let start = m
        .get(&format!("/api/v1/admin/content/product/{slug}"))
        .await;
    assert_eq!(start.status, 200, "{}", start.body);
    assert_eq!(start.body["version"], 0, "never edited: the catalog's copy");
    let mut body = start.body["body"].clone();
    let catalog_title = body["title"]["zh_tw"].clone();
    body["title"]["zh_tw"] = json!("阿里山高山烏龍（冬茶）");
    body["markdown"]["zh_tw"] = json!("**冬茶**上市 <img src=x onerror=alert(1)>");
    let (status, saved) = save(&m, &format!("product/{slug}"), 0, body).await;
    assert_eq!(status, 200, "{saved}");
    let product = app.ok(&format!("/api/v1/products/{slug}")).await;
    assert_eq!(
        product["title"]["zh_tw"], catalog_title,
        "a draft changes nothing"
    );

    let (status, _) = publish(&m, &format!("product/{slug}"), json!({ "version": 1 })).await;
    assert_eq!(status, 200);
    let product = app.ok(&format!("/api/v1/products/{slug}")).await;
    assert_eq!(product["title"]["zh_tw"], "阿里山高山烏龍（冬茶）");
    let html = product["description_html"]["zh_tw"].as_str().unwrap();
    assert!(
        html.contains("<strong>冬茶</strong>") && !html.contains("onerror"),
        "{html}"
    );
    let refused = m
        .post(
            &format!("/api/v1/admin/content/product/{slug}/unpublish"),
            &json!({}),
        )
        .await;
    assert_eq!(refused.status, 409);
    let (status, bad) = save(&m, "product/no-such-tea", 0, article("x")).await;
    assert_eq!(
        (status, bad["error"]["field"].as_str()),
        (400, Some("slug"))
    );
}

#[tokio::test]
async fn a_product_copys_seo_text_reaches_the_catalog_and_the_link_preview() {
    let dist = std::env::temp_dir().join(format!("fourflow-seo-dist-{}", std::process::id()));
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(
        dist.join("index.html"),
        "<!doctype html><html><head><title>shop | tagline</title>\
         <meta name=\"description\" content=\"the shop\"></head><body></body></html>",
    )
    .unwrap();
    let app = TestApp::spawn_serving(dist.clone()).await;
    let m = editor(&app, "mei@example.tw").await;
    let slug = "alishan-high-mountain-oolong";
    let start = m
        .get(&format!("/api/v1/admin/content/product/{slug}"))
        .await;
    let mut body = start.body["body"].clone();
    body["seo_title"] = json!({ "zh_tw": "阿里山冬茶 75g 限量", "en": "" });
    body["seo_description"] = json!({ "zh_tw": "焙火清香、回甘綿長的高山烏龍。", "en": "" });
    let (status, saved) = save(&m, &format!("product/{slug}"), 0, body).await;
    assert_eq!(status, 200, "{saved}");
    let (status, _) = publish(&m, &format!("product/{slug}"), json!({ "version": 1 })).await;
    assert_eq!(status, 200);

    let product = app.ok(&format!("/api/v1/products/{slug}")).await;
    assert_eq!(product["seo_title"]["zh_tw"], "阿里山冬茶 75g 限量");
    assert_eq!(
        product["seo_title"]["en"], "",
        "an empty language stays empty: the page's own title stands in"
    );
    let (status, page) = app.get(&format!("/products/{slug}")).await;
    assert_eq!(status, 200);
    let html = page.as_str().expect("the storefront's HTML");
    assert!(
        html.contains("<title>阿里山冬茶 75g 限量 | shop</title>"),
        "{html}"
    );
    assert!(
        html.contains("<meta name=\"description\" content=\"焙火清香、回甘綿長的高山烏龍。\">"),
        "{html}"
    );
    assert!(
        html.contains("<meta property=\"og:title\" content=\"阿里山冬茶 75g 限量\">"),
        "{html}"
    );
    let _ = std::fs::remove_dir_all(dist);
}
