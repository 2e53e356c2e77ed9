//! The server's quote: catalog prices whatever the client says, promotions, coupons, shipping,
//! and every bad input answered 4xx naming the line or field.

use fourflow_api::demo;
use fourflow_api::store::catalog::VariantInput;
use serde_json::{json, Value};

use crate::support::TestApp;

/// In-stock SKUs of the demo's products in `category`, with their prices.
fn skus_in(category: &str) -> Vec<(String, i64, i64)> {
    demo::catalog()
        .unwrap()
        .products
        .into_iter()
        .filter(|p| p.category.as_str() == category)
        .flat_map(|p| p.variants)
        .filter(|v: &VariantInput| v.stock >= 5)
        .map(|v| (v.sku.to_string(), v.price, v.weight_grams))
        .collect()
}

fn lines(items: &[(&str, u32)]) -> Value {
    Value::Array(
        items
            .iter()
            .map(|(sku, qty)| json!({ "sku": sku, "qty": qty }))
            .collect(),
    )
}

#[tokio::test]
async fn prices_come_from_the_catalog_whatever_the_client_sends() {
    let app = TestApp::spawn().await;
    let (sku, price, _) = skus_in("dresses")[0].clone();
    let (status, quote) = app
        .post(
            "/api/v1/cart/quote",
            &json!({
                "lines": [{ "sku": sku, "qty": 1, "price": { "amount": 100, "currency": "TWD" }, "unit_price": 1 }],
                "total": { "amount": 100, "currency": "TWD" },
                "discount": 999999
            }),
        )
        .await;
    assert_eq!(status, 200, "{quote}");
    assert_eq!(quote["lines"][0]["unit_price"]["amount"], price);
    assert_eq!(quote["subtotal"]["amount"], price);
    let shipping = quote["shipping"]["fee"]["amount"].as_i64().unwrap();
    assert_eq!(quote["total"]["amount"].as_i64().unwrap(), price + shipping);
    assert!(quote["vat_included"]["amount"].as_i64().unwrap() > 0);
}

#[tokio::test]
async fn automatic_promotions_apply_and_explain_themselves() {
    let app = TestApp::spawn().await;
    let teas = skus_in("tea");
    let snacks = skus_in("snacks");
    let (status, quote) = app
        .post(
            "/api/v1/cart/quote",
            &json!({ "lines": lines(&[(&teas[0].0, 3), (&snacks[0].0, 3)]) }),
        )
        .await;
    assert_eq!(status, 200, "{quote}");
    let ids: Vec<&str> = quote["discounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"snacks-buy-2-get-1"), "{ids:?}");
    assert!(
        teas[0].1 * 3 > 99_900,
        "three teas cost more than the bundle's NT$999"
    );
    assert!(ids.contains(&"tea-any-3-999"), "{ids:?}");
    let snack_line = &quote["lines"][1];
    assert_eq!(
        snack_line["discount"]["amount"].as_i64().unwrap(),
        snacks[0].1,
        "one snack free"
    );
    // Over NT$1,000: free home delivery, and the fee it saved is shown.
    let spent = quote["subtotal"]["amount"].as_i64().unwrap()
        - quote["discount_total"]["amount"].as_i64().unwrap();
    assert!(spent >= 100_000, "this cart is over NT$1,000: {spent}");
    assert_eq!(quote["shipping"]["fee"]["amount"], 0);
    assert_eq!(quote["shipping"]["free_by"], "free-shipping-1000");
    assert!(quote["shipping"]["full_fee"]["amount"].as_i64().unwrap() > 0);
    // Under it: the shopper is told how far away free shipping is.
    let (_, small) = app
        .post(
            "/api/v1/cart/quote",
            &json!({ "lines": lines(&[(&snacks[0].0, 1)]) }),
        )
        .await;
    let remaining = small["free_shipping"]["remaining"]["amount"]
        .as_i64()
        .unwrap();
    assert_eq!(remaining, 100_000 - snacks[0].1);
    assert_eq!(small["shipping"]["fee"]["amount"], 10_000);
}

#[tokio::test]
async fn coupons_apply_or_say_why_not() {
    let app = TestApp::spawn().await;
    let dress = skus_in("dresses")[0].0.clone();
    let skincare = skus_in("skincare")[0].0.clone();
    let app = &app;
    let quote = |coupon: &str, cart: Value| {
        let body = json!({ "lines": cart, "coupon": coupon });
        async move { app.post("/api/v1/cart/quote", &body).await }
    };

    let (status, ok) = quote(" welcome100 ", lines(&[(&dress, 1)])).await;
    assert_eq!(status, 200, "{ok}");
    let discount = ok["discounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["from_coupon"] == true)
        .unwrap();
    assert_eq!(discount["amount"]["amount"], 10_000);
    assert_eq!(ok["coupon"]["code"], "WELCOME100");
    assert_eq!(ok["coupon"]["promotion"]["offer"]["type"], "amount_off");

    app.sql("UPDATE coupons SET times_used = usage_limit WHERE code = 'FIRST50'")
        .await;
    for (code, cart, expected) in [
        ("NOPE", lines(&[(&dress, 1)]), "unknown_coupon"),
        ("SUMMER2026", lines(&[(&dress, 1)]), "coupon_expired"),
        ("SKIN15", lines(&[(&dress, 1)]), "coupon_not_applicable"),
        (
            "WELCOME100",
            lines(&[(&skus_in("snacks")[0].0, 1)]),
            "coupon_min_spend",
        ),
        ("FIRST50", lines(&[(&dress, 2)]), "coupon_used_up"),
    ] {
        let (status, body) = quote(code, cart).await;
        assert_eq!(status, 422, "{code}: {body}");
        assert_eq!(body["error"]["code"], expected, "{code}");
        assert_eq!(body["error"]["field"], "coupon", "{code}");
    }
    let (status, ok) = quote("SKIN15", lines(&[(&skincare, 1)])).await;
    assert_eq!(status, 200, "{ok}");
    let (status, body) = quote(&"X".repeat(41), lines(&[(&dress, 1)])).await;
    assert_eq!(
        (status, body["error"]["field"].as_str()),
        (400, Some("coupon"))
    );
}

#[tokio::test]
async fn every_bad_cart_is_a_4xx_naming_the_line() {
    let app = TestApp::spawn().await;
    let dress = skus_in("dresses")[0].0.clone();
    let sold_out = demo::catalog()
        .unwrap()
        .products
        .into_iter()
        .flat_map(|p| p.variants)
        .find(|v| v.stock == 0)
        .unwrap()
        .sku
        .to_string();
    let lots: Vec<Value> = (0..101)
        .map(|i| json!({ "sku": format!("X-{i}"), "qty": 1 }))
        .collect();
    for (body, status, code, field) in [
        (
            json!({ "lines": lines(&[(&dress, 0)]) }),
            400,
            "invalid",
            "lines[0].qty",
        ),
        (
            json!({ "lines": [{ "sku": dress, "qty": -1 }] }),
            400,
            "invalid",
            "lines[0].qty",
        ),
        (
            json!({ "lines": [{ "sku": dress, "qty": "two" }] }),
            400,
            "invalid",
            "lines[0].qty",
        ),
        (
            json!({ "lines": [{ "sku": "not a sku", "qty": 1 }] }),
            400,
            "invalid",
            "lines[0].sku",
        ),
        (
            json!({ "lines": [{ "qty": 1 }] }),
            400,
            "invalid",
            "lines[0].sku",
        ),
        (
            json!({ "lines": lines(&[(&dress, 1), ("NO-SUCH-SKU", 1)]) }),
            422,
            "unknown_sku",
            "lines[1].sku",
        ),
        (
            json!({ "lines": lines(&[(&dress, 99)]) }),
            422,
            "out_of_stock",
            "lines[0].qty",
        ),
        (
            json!({ "lines": lines(&[(&sold_out, 1)]) }),
            422,
            "out_of_stock",
            "lines[0].qty",
        ),
        (
            json!({ "lines": lines(&[(&dress, 1), (&dress, 1)]) }),
            400,
            "invalid",
            "lines[1].sku",
        ),
        (
            json!({ "lines": lines(&[(&dress, 1)]), "shipping_method": "pigeon" }),
            400,
            "invalid",
            "shipping_method",
        ),
        (json!({ "lines": lots }), 400, "invalid", "lines"),
    ] {
        let (got, answer) = app.post("/api/v1/cart/quote", &body).await;
        assert_eq!(got, status, "{body} → {answer}");
        assert_eq!(answer["error"]["code"], code, "{body}");
        assert_eq!(answer["error"]["field"], field, "{body}");
        assert!(answer["error"]["message"].as_str().unwrap().len() > field.len());
    }
    // A body that is not JSON at all.
    let response = app
        .request(reqwest::Method::POST, "/api/v1/cart/quote")
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let response = app
        .request(reqwest::Method::POST, "/api/v1/cart/quote")
        .body("lines=1")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
}

#[tokio::test]
async fn stores_refuse_parcels_over_five_kilos() {
    let app = TestApp::spawn().await;
    let (sku, _, grams) = demo::catalog()
        .unwrap()
        .products
        .into_iter()
        .flat_map(|p| p.variants)
        .filter(|v| v.stock >= 5 && v.weight_grams >= 1_100)
        .map(|v| (v.sku.to_string(), v.price, v.weight_grams))
        .next()
        .expect("a heavy item");
    let qty = (5_000 / grams + 1) as u32;
    let body = json!({ "lines": lines(&[(&sku, qty)]), "shipping_method": "store_pickup" });
    let (status, answer) = app.post("/api/v1/cart/quote", &body).await;
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (422, Some("shipping_unavailable")),
        "{answer}"
    );
    assert_eq!(answer["error"]["field"], "shipping_method");
    let body = json!({ "lines": lines(&[(&sku, qty)]), "shipping_method": "home_delivery" });
    assert_eq!(app.post("/api/v1/cart/quote", &body).await.0, 200);
}

#[tokio::test]
async fn stock_is_checked_live() {
    let app = TestApp::spawn().await;
    let dress = skus_in("dresses")[0].0.clone();
    let body = json!({ "lines": lines(&[(&dress, 2)]) });
    assert_eq!(app.post("/api/v1/cart/quote", &body).await.0, 200);
    app.sql(&format!(
        "UPDATE variants SET reserved = on_hand - 1 WHERE sku = '{dress}'"
    ))
    .await;
    let (status, answer) = app.post("/api/v1/cart/quote", &body).await;
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (422, Some("out_of_stock"))
    );
    assert!(answer["error"]["message"]
        .as_str()
        .unwrap()
        .contains("only 1"));
}

#[tokio::test]
async fn a_browser_can_fetch_what_it_needs_to_price_offline() {
    let app = TestApp::spawn().await;
    let dress = skus_in("dresses")[0].0.clone();
    let variants = app
        .ok(&format!("/api/v1/variants?sku={dress}&sku=NO-SUCH"))
        .await;
    let items = variants["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["sku"], dress.as_str());
    assert!(items[0]["categories"].as_array().unwrap().len() >= 2);
    assert!(!items[0]["options"]["zh_tw"].as_str().unwrap().is_empty());
    let (status, body) = app.get("/api/v1/variants?sku=bad%20sku").await;
    assert_eq!(
        (status, body["error"]["field"].as_str()),
        (400, Some("sku"))
    );

    let rules = app.ok("/api/v1/promotions").await;
    let ids: Vec<&str> = rules["promotions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"free-shipping-1000"));
    assert!(
        !ids.iter().any(|id| id.starts_with("coupon-")),
        "coupons are not public: {ids:?}"
    );
    assert_eq!(rules["shipping_rates"].as_array().unwrap().len(), 3);
}
