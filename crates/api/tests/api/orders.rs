//! Placing orders: priced by the server, stock held without ever overselling, idempotent,
//! readable only with the access token, holds released when they run out.

use fourflow_api::demo;
use fourflow_api::services::orders::expire_holds;
use serde_json::{json, Value};

use crate::support::{order_body, Browser, TestApp, NOW};

/// A single-variant product with at least `stock` units, and its SKU.
fn sku_with_stock(stock: i64) -> (String, i64) {
    demo::catalog()
        .unwrap()
        .products
        .into_iter()
        .filter(|p| p.variants.len() == 1)
        .map(|p| p.variants.into_iter().next().unwrap())
        .find(|v| v.stock >= stock)
        .map(|v| (v.sku.to_string(), v.price))
        .expect("a SKU with enough stock")
}

/// Sends `body` as a guest under the idempotency `key`: the status and the answer.
async fn place(app: &TestApp, key: &str, body: &Value) -> (u16, Value) {
    let answer = Browser::new(app).send_order(key, body).await;
    (answer.status, answer.body)
}

async fn available(app: &TestApp, sku: &str) -> i64 {
    sqlx::query_scalar(&format!(
        "SELECT on_hand - reserved FROM variants WHERE sku = '{sku}'"
    ))
    .fetch_one(app.state.db.pool())
    .await
    .unwrap()
}

#[tokio::test]
async fn an_order_is_priced_by_the_server_and_holds_its_stock() {
    let app = TestApp::spawn().await;
    let (sku, price) = sku_with_stock(10);
    let before = available(&app, &sku).await;
    let mut body = order_body(&[(&sku, 2)], "card");
    body["lines"][0]["unit_price"] = json!({ "amount": 1, "currency": "TWD" });
    body["total"] = json!({ "amount": 1, "currency": "TWD" });
    let (status, order) = place(&app, "key-0001-first", &body).await;
    assert_eq!(status, 201, "{order}");
    assert_eq!(order["status"], "pending_payment");
    assert_eq!(
        order["quote"]["subtotal"]["amount"],
        price * 2,
        "the client's prices are ignored"
    );
    assert!(order["number"].as_str().unwrap().starts_with("FF2026"));
    assert!(order["hold_until"].is_string());
    let token = order["access_token"].as_str().unwrap().to_owned();
    assert_eq!(token.len(), 64);
    assert_eq!(available(&app, &sku).await, before - 2);

    // Readable with its token only; any other number or token is a plain 404.
    let number = order["number"].as_str().unwrap();
    let seen = app
        .ok(&format!("/api/v1/orders/{number}?token={token}"))
        .await;
    assert_eq!(seen["quote"]["total"], order["quote"]["total"]);
    assert_eq!(seen["events"][0]["kind"], "placed");
    assert!(
        seen.get("access_token").is_none(),
        "the token is given once"
    );
    for path in [
        format!("/api/v1/orders/{number}"),
        format!("/api/v1/orders/{number}?token={}", "0".repeat(64)),
        format!("/api/v1/orders/FF20261125-XXXXXX?token={token}"),
    ] {
        let (status, body) = app.get(&path).await;
        assert_eq!(
            (status, body["error"]["code"].as_str()),
            (404, Some("not_found")),
            "{path}"
        );
    }
}

#[tokio::test]
async fn the_same_key_replays_and_another_body_is_refused() {
    let app = TestApp::spawn().await;
    let (sku, _) = sku_with_stock(10);
    let before = available(&app, &sku).await;
    let body = order_body(&[(&sku, 1)], "card");
    let (first_status, first) = place(&app, "key-replay-0001", &body).await;
    let (again_status, again) = place(&app, "key-replay-0001", &body).await;
    assert_eq!((first_status, again_status), (201, 201));
    assert_eq!(first, again, "the first answer, replayed");
    assert_eq!(available(&app, &sku).await, before - 1, "held once");
    let (status, refused) = place(&app, "key-replay-0001", &order_body(&[(&sku, 2)], "card")).await;
    assert_eq!(
        (status, refused["error"]["code"].as_str()),
        (409, Some("idempotency_key_reused"))
    );
    let orders: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM orders")
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
    assert_eq!(orders, 1);
}

#[tokio::test]
async fn bad_orders_are_refused_naming_the_field() {
    let app = TestApp::spawn().await;
    let (sku, _) = sku_with_stock(10);
    let sold_out = demo::catalog()
        .unwrap()
        .products
        .into_iter()
        .flat_map(|p| p.variants)
        .find(|v| v.stock == 0)
        .unwrap()
        .sku
        .to_string();
    let mut bad_email = order_body(&[(&sku, 1)], "card");
    bad_email["contact"]["email"] = json!("mei@");
    let mut store_with_address = order_body(&[(&sku, 1)], "card");
    store_with_address["shipping_method"] = json!("store_pickup");
    let mut no_lines = order_body(&[(&sku, 1)], "card");
    no_lines["lines"] = json!([]);
    let mut bad_payment = order_body(&[(&sku, 1)], "card");
    bad_payment["payment_method"] = json!("bitcoin");
    for (n, (body, status, code, field)) in [
        (bad_email, 400, "invalid", "contact.email"),
        (store_with_address, 400, "invalid", "delivery"),
        (no_lines, 400, "invalid", "lines"),
        (bad_payment, 400, "invalid", "payment_method"),
        (
            order_body(&[("NO-SUCH-SKU", 1)], "card"),
            422,
            "unknown_sku",
            "lines[0].sku",
        ),
        (
            order_body(&[(&sku, 99)], "card"),
            422,
            "out_of_stock",
            "lines[0].qty",
        ),
        (
            order_body(&[(&sold_out, 1)], "card"),
            422,
            "out_of_stock",
            "lines[0].qty",
        ),
        (
            order_body(&[(&sku, 0)], "card"),
            400,
            "invalid",
            "lines[0].qty",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let (got, answer) = place(&app, &format!("key-bad-{n:04}"), &body).await;
        assert_eq!(
            (
                got,
                answer["error"]["code"].as_str(),
                answer["error"]["field"].as_str()
            ),
            (status, Some(code), Some(field)),
            "{body}"
        );
    }
    let unkeyed = Browser::new(&app)
        .post("/api/v1/orders", &order_body(&[(&sku, 1)], "card"))
        .await;
    assert_eq!(
        (unkeyed.status, unkeyed.field()),
        (400, Some("Idempotency-Key"))
    );
    let orders: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM orders")
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
    assert_eq!(orders, 0, "nothing half written");
}

#[tokio::test]
async fn cash_on_delivery_goes_straight_to_the_warehouse() {
    let app = TestApp::spawn().await;
    let (sku, _) = sku_with_stock(10);
    let (status, order) = place(
        &app,
        "key-cod-000001",
        &order_body(&[(&sku, 1)], "cash_on_delivery"),
    )
    .await;
    assert_eq!(status, 201, "{order}");
    assert_eq!(order["status"], "processing");
    assert!(order["hold_until"].is_null());

    // The collection fee is part of the order, and of the quote that shows it beforehand.
    let quote = &order["quote"];
    assert_eq!(quote["payment_fee"]["amount"], 3_000);
    let parts = quote["subtotal"]["amount"].as_i64().unwrap()
        - quote["discount_total"]["amount"].as_i64().unwrap()
        + quote["shipping"]["fee"]["amount"].as_i64().unwrap()
        + 3_000;
    assert_eq!(quote["total"]["amount"].as_i64(), Some(parts));
    let request = json!({ "lines": [{ "sku": sku, "qty": 1 }], "payment_method": "cash_on_delivery", "shipping_method": "home_delivery" });
    let priced: Value = app.post("/api/v1/cart/quote", &request).await.1;
    assert_eq!(priced["total"], quote["total"]);
}

#[tokio::test]
async fn cash_on_delivery_stops_at_twenty_thousand_dollars() {
    let app = TestApp::spawn().await;
    // Enough of one single-variant product to pass NT$20,000.
    let (sku, qty) = demo::catalog()
        .unwrap()
        .products
        .into_iter()
        .filter(|p| p.variants.len() == 1)
        .map(|p| p.variants.into_iter().next().unwrap())
        .find_map(|v| {
            let qty = 2_000_000 / v.price + 1;
            (v.stock >= qty).then(|| (v.sku.to_string(), u32::try_from(qty).unwrap()))
        })
        .expect("a product with stock worth NT$20,000");
    let (status, answer) = place(
        &app,
        "key-cod-000002",
        &order_body(&[(&sku, qty)], "cash_on_delivery"),
    )
    .await;
    assert_eq!(
        (status, answer["error"]["field"].as_str()),
        (400, Some("payment_method")),
        "{answer}"
    );
    assert_eq!(
        place(&app, "key-cod-000003", &order_body(&[(&sku, qty)], "card"))
            .await
            .0,
        201
    );
}

#[tokio::test]
async fn an_unpaid_hold_runs_out_and_the_stock_comes_back() {
    let app = TestApp::spawn().await;
    let (sku, _) = sku_with_stock(10);
    let before = available(&app, &sku).await;
    let (_, order) = place(&app, "key-expire-0001", &order_body(&[(&sku, 3)], "card")).await;
    assert_eq!(available(&app, &sku).await, before - 3);
    assert_eq!(expire_holds(&app.state).await.unwrap(), 0, "not yet");
    app.state.clock.set(NOW + 31 * 60);
    assert_eq!(expire_holds(&app.state).await.unwrap(), 1);
    assert_eq!(expire_holds(&app.state).await.unwrap(), 0, "released once");
    assert_eq!(available(&app, &sku).await, before);
    let seen = app
        .ok(&format!(
            "/api/v1/orders/{}?token={}",
            order["number"].as_str().unwrap(),
            order["access_token"].as_str().unwrap()
        ))
        .await;
    assert_eq!(seen["status"], "cancelled");
    assert_eq!(
        seen["events"].as_array().unwrap().last().unwrap()["actor"]["kind"],
        "system"
    );
}

#[tokio::test]
async fn a_coupon_cannot_be_used_past_its_limit() {
    let app = TestApp::spawn().await;
    // Enough of one SKU (with no promotion of its own) to reach the coupon's NT$1,500 minimum.
    let (sku, qty) = demo::catalog()
        .unwrap()
        .products
        .into_iter()
        .filter(|p| p.variants.len() == 1 && !matches!(p.category.as_str(), "tea" | "snacks"))
        .map(|p| p.variants.into_iter().next().unwrap())
        .find_map(|v| {
            let qty = 150_000 / v.price + 1;
            (v.stock >= 2 * qty).then(|| (v.sku.to_string(), qty as u32))
        })
        .unwrap();
    app.sql("UPDATE coupons SET usage_limit = 1 WHERE code = 'FIRST50'")
        .await;
    let mut body = order_body(&[(&sku, qty)], "card");
    body["coupon"] = json!("first50");
    let (status, first) = place(&app, "key-coupon-0001", &body).await;
    assert_eq!(status, 201, "{first}");
    let (status, second) = place(&app, "key-coupon-0002", &body).await;
    assert_eq!(
        (status, second["error"]["code"].as_str()),
        (422, Some("coupon_used_up"))
    );
}

#[tokio::test]
async fn two_hundred_shoppers_racing_for_twenty_units_never_oversell() {
    let app = TestApp::spawn().await;
    let (sku, _) = sku_with_stock(1);
    app.sql(&format!(
        "UPDATE variants SET on_hand = 20, reserved = 0 WHERE sku = '{sku}'"
    ))
    .await;
    let body = order_body(&[(&sku, 1)], "card");
    let results = futures::future::join_all((0..200).map(|n| {
        let (app, body) = (&app, &body);
        async move { place(app, &format!("key-race-{n:05}"), body).await }
    }))
    .await;
    let placed = results.iter().filter(|(s, _)| *s == 201).count();
    let sold_out = results
        .iter()
        .filter(|(s, b)| *s == 422 && b["error"]["code"] == "out_of_stock")
        .count();
    let other: Vec<_> = results
        .iter()
        .filter(|(s, _)| *s != 201 && *s != 422)
        .collect();
    assert!(other.is_empty(), "no other answer: {other:?}");
    assert_eq!((placed, sold_out), (20, 180));
    assert_eq!(available(&app, &sku).await, 0);
    let reserved: i64 = sqlx::query_scalar(&format!(
        "SELECT reserved FROM variants WHERE sku = '{sku}'"
    ))
    .fetch_one(app.state.db.pool())
    .await
    .unwrap();
    assert_eq!(reserved, 20);
    let orders: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM orders")
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
    assert_eq!(orders, 20);
}

#[tokio::test]
async fn the_same_key_sent_twice_at_once_places_one_order() {
    let app = TestApp::spawn().await;
    let (sku, _) = sku_with_stock(4);
    let body = order_body(&[(&sku, 1)], "card");
    let before = available(&app, &sku).await;
    let answers =
        futures::future::join_all((0..8).map(|_| place(&app, "key-twice-at-once", &body))).await;
    let first = &answers[0];
    assert_eq!(first.0, 201, "{:?}", first.1);
    for answer in &answers {
        assert_eq!(answer, first, "every copy answers as the first did");
    }
    assert_eq!(available(&app, &sku).await, before - 1, "held once");
}

#[tokio::test]
async fn orders_of_the_same_skus_in_any_line_order_never_oversell_or_fail() {
    let app = TestApp::spawn().await;
    let skus: Vec<String> = demo::catalog()
        .unwrap()
        .products
        .into_iter()
        .filter(|p| p.variants.len() == 1)
        .map(|p| p.variants[0].sku.to_string())
        .take(2)
        .collect();
    for sku in &skus {
        app.sql(&format!(
            "UPDATE variants SET on_hand = 10, reserved = 0 WHERE sku = '{sku}'"
        ))
        .await;
    }
    let both = |first: &str, second: &str| {
        let mut body = order_body(&[(first, 1)], "card");
        body["lines"] = json!([{ "sku": first, "qty": 1 }, { "sku": second, "qty": 1 }]);
        body
    };
    let (ab, ba) = (both(&skus[0], &skus[1]), both(&skus[1], &skus[0]));
    let results = futures::future::join_all((0..40).map(|n| {
        let body = if n % 2 == 0 { &ab } else { &ba };
        let app = &app;
        async move { place(app, &format!("key-crossed-{n:03}"), body).await }
    }))
    .await;
    let placed = results.iter().filter(|(s, _)| *s == 201).count();
    let other: Vec<_> = results
        .iter()
        .filter(|(s, b)| *s != 201 && !(*s == 422 && b["error"]["code"] == "out_of_stock"))
        .collect();
    assert!(other.is_empty(), "only placed or sold out: {other:?}");
    assert_eq!(placed, 10);
    for sku in &skus {
        assert_eq!(available(&app, sku).await, 0, "{sku}");
    }
}
