//! The orders console: operators find orders, pack and hand them over, cancel them with stock
//! going back and the card hold voided, refund them whole or by line (each refund counted
//! once, replayed for its key), and print pick lists and slips in bulk. Every action is an
//! order event with the operator as its actor, and only what the core state machine allows
//! is accepted.

use serde_json::{json, Value};

use crate::support::{
    address, at, operator, order_body, pay_by_card, place, plain_variants, refund, view, Browser,
    Order, TestApp, NOW,
};

/// Two SKUs of single-variant products with stock to spare, for orders of several lines.
fn two_skus() -> (String, String) {
    let mut skus = plain_variants()
        .filter(|v| v.stock >= 10 && v.weight_grams <= 1500 && v.price <= 300_000)
        .map(|v| v.sku.to_string());
    (skus.next().unwrap(), skus.next().unwrap())
}

/// Places a card order of 2 × `a` and 1 × `b` for 陳美玲 and pays it.
async fn paid_order(app: &TestApp, a: &str, b: &str) -> Order {
    let mut body = order_body(&[(a, 2), (b, 1)], "card");
    body["contact"] =
        json!({ "name": "陳美玲", "email": "meiling@example.tw", "phone": "0922333444" });
    let (number, token) = app.place_order(&body).await;
    let order = Order { number, token };
    pay_by_card(app, &order).await;
    at(app, NOW + 2).await;
    order
}

fn actions(console: &Value) -> Vec<&str> {
    console["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn orders_are_found_by_status_text_method_and_day() {
    let app = TestApp::spawn().await;
    let ops = operator(&app).await;
    let (a, b) = two_skus();
    let paid = paid_order(&app, &a, &b).await;
    let waiting = place(&app, "atm_transfer", "home_delivery", address()).await;
    let cod = place(&app, "cash_on_delivery", "home_delivery", address()).await;

    let all = ops.get("/api/v1/admin/orders").await;
    assert_eq!(all.status, 200, "{}", all.body);
    assert_eq!(all.body["total"], 3);
    assert_eq!(all.body["per_page"], 25);
    let first = &all.body["items"][2];
    assert_eq!(first["number"], paid.number.as_str(), "newest first");
    assert_eq!(first["name"], "陳美玲");
    assert_eq!(first["units"], 3);
    assert_eq!(
        all.body["by_status"],
        json!([{ "status": "pending_payment", "count": 1 }, { "status": "processing", "count": 2 }])
    );

    let numbers = |answer: &Value| -> Vec<String> {
        answer["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["number"].as_str().unwrap().to_owned())
            .collect()
    };
    let only = |path: &str| {
        let ops = &ops;
        let path = path.to_owned();
        async move {
            let answer = ops.get(&path).await;
            assert_eq!(answer.status, 200, "{path}: {}", answer.body);
            numbers(&answer.body)
        }
    };
    assert_eq!(
        only("/api/v1/admin/orders?status=pending_payment").await,
        [waiting.number.as_str()]
    );
    assert_eq!(
        only("/api/v1/admin/orders?q=%E7%BE%8E%E7%8E%B2").await,
        [paid.number.as_str()],
        "美玲"
    );
    assert_eq!(
        only("/api/v1/admin/orders?q=MEILING@").await,
        [paid.number.as_str()],
        "email, any case"
    );
    assert_eq!(
        only("/api/v1/admin/orders?q=0922333").await,
        [paid.number.as_str()],
        "phone"
    );
    let part = &cod.number[cod.number.len() - 4..];
    assert!(only(&format!("/api/v1/admin/orders?q={part}"))
        .await
        .contains(&cod.number));
    assert_eq!(
        only("/api/v1/admin/orders?q=100%25").await,
        Vec::<String>::new(),
        "% is literal"
    );
    assert_eq!(
        only("/api/v1/admin/orders?payment_method=cash_on_delivery").await,
        [cod.number.as_str()]
    );
    // NOW is 2026-11-25 08:00 in Taipei.
    assert_eq!(
        only("/api/v1/admin/orders?placed_from=2026-11-25&placed_to=2026-11-25")
            .await
            .len(),
        3
    );
    assert!(only("/api/v1/admin/orders?placed_from=2026-11-26")
        .await
        .is_empty());
    assert!(only("/api/v1/admin/orders?placed_to=2026-11-24")
        .await
        .is_empty());
    let page2 = ops.get("/api/v1/admin/orders?per_page=2&page=2").await;
    assert_eq!(numbers(&page2.body), [paid.number.as_str()]);
    assert_eq!(page2.body["total"], 3);

    for (query, field) in [
        ("status=lost", "status"),
        ("payment_method=cheque", "payment_method"),
        ("shipping_method=drone", "shipping_method"),
        ("placed_from=2026-13-01", "placed_from"),
        ("placed_from=2026-11-02&placed_to=2026-11-01", "placed_to"),
        ("per_page=500", "per_page"),
        ("page=0", "page"),
    ] {
        let answer = ops.get(&format!("/api/v1/admin/orders?{query}")).await;
        assert_eq!(answer.status, 400, "{query}");
        assert_eq!(answer.field(), Some(field), "{query}");
    }
}

#[tokio::test]
async fn an_operator_packs_and_ships_and_the_shopper_sees_it() {
    let app = TestApp::spawn().await;
    let ops = operator(&app).await;
    let order = place(&app, "cash_on_delivery", "home_delivery", address()).await;
    at(&app, NOW + 1).await;
    let path = |what: &str| format!("/api/v1/admin/orders/{}{what}", order.number);

    let shown = ops.get(&path("")).await;
    assert_eq!(shown.status, 200, "{}", shown.body);
    assert_eq!(shown.body["order"]["status"], "processing");
    assert_eq!(
        actions(&shown.body),
        ["pack", "cancel"],
        "cash not taken: nothing to refund"
    );
    assert_eq!(shown.body["refundable"]["amount"], 0);

    let hand_over_first = ops.post(&path("/hand-over"), &json!({})).await;
    assert_eq!(hand_over_first.status, 200, "{}", hand_over_first.body);
    assert_eq!(
        actions(&hand_over_first.body),
        ["pack", "cancel"],
        "nothing to hand over yet"
    );
    let packed = ops.post(&path("/pack"), &json!({})).await;
    assert_eq!(packed.status, 200, "{}", packed.body);
    assert_eq!(actions(&packed.body), ["hand_over", "cancel"]);
    let handed = ops.post(&path("/hand-over"), &json!({})).await;
    assert_eq!(handed.status, 200);
    assert!(
        actions(&handed.body).is_empty(),
        "with the carrier: {}",
        handed.body
    );
    at(&app, NOW + 5).await;

    let shopper = view(&app, &order).await;
    assert_eq!(shopper["status"], "shipped");
    assert!(shopper["shipment"]["tracking_number"].is_string());
    let by_operator: Vec<&str> = shopper["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["actor"]["kind"] == "staff")
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(by_operator, ["packed", "handing_over"]);

    let late = ops
        .post(&path("/cancel"), &json!({ "reason": "changed mind" }))
        .await;
    assert_eq!(
        late.status, 409,
        "shipped orders are not cancelled: {}",
        late.body
    );
    assert_eq!(late.code(), Some("invalid_transition"));
    let missing = ops.get("/api/v1/admin/orders/FF20261125-NOSUCH").await;
    assert_eq!(missing.status, 404);
}

#[tokio::test]
async fn cancelling_a_paid_order_restocks_it_and_gives_the_money_back() {
    let app = TestApp::spawn().await;
    let ops = operator(&app).await;
    let (a, b) = two_skus();
    let before = (app.stock(&a).await, app.stock(&b).await);
    let order = paid_order(&app, &a, &b).await;
    assert_eq!(
        app.stock(&a).await.0,
        before.0 .0 - 2,
        "sold: off the shelf"
    );
    let path = format!("/api/v1/admin/orders/{}/cancel", order.number);

    let blank = ops.post(&path, &json!({ "reason": " " })).await;
    assert_eq!((blank.status, blank.field()), (400, Some("reason")));
    let cancelled = ops
        .post(&path, &json!({ "reason": "缺貨，致電顧客取消" }))
        .await;
    assert_eq!(cancelled.status, 200, "{}", cancelled.body);
    assert_eq!(cancelled.body["order"]["status"], "cancelled");
    // The card was only held (it is taken when the parcel ships): the hold is voided, and no
    // money moved to give back.
    assert_eq!(cancelled.body["refunded"]["amount"], 0);
    assert_eq!(cancelled.body["order"]["payment"]["status"], "voided");
    let total = &cancelled.body["order"]["quote"]["total"];
    let ledger = &cancelled.body["provider_ledger"];
    assert_eq!((&ledger["authorised"], &ledger["voided"]), (total, total));
    assert_eq!(ledger["captured"]["amount"], 0);
    assert_eq!(
        (app.stock(&a).await, app.stock(&b).await),
        before,
        "all back"
    );
    let kinds: Vec<&str> = cancelled.body["order"]["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.ends_with(&["status_changed", "payment_voided"]),
        "{kinds:?}"
    );

    let again = ops.post(&path, &json!({ "reason": "again" })).await;
    assert_eq!(again.status, 409);
    assert_eq!(
        (app.stock(&a).await, app.stock(&b).await),
        before,
        "nothing twice"
    );
}

#[tokio::test]
async fn refunds_by_line_add_up_replay_and_settle_the_order() {
    let app = TestApp::spawn().await;
    let ops = operator(&app).await;
    let (a, b) = two_skus();
    let order = paid_order(&app, &a, &b).await;
    let sold = app.stock(&a).await;
    let number = order.number.as_str();
    let shown = ops
        .get(&format!("/api/v1/admin/orders/{number}"))
        .await
        .body;
    let total = shown["order"]["quote"]["total"]["amount"].as_i64().unwrap();
    let line_a = shown["order"]["quote"]["lines"][0]["total"]["amount"]
        .as_i64()
        .unwrap();
    assert_eq!(shown["refundable"]["amount"], total);

    let one = json!({ "lines": [{ "position": 0, "qty": 1 }], "reason": "瑕疵" });
    let (status, first) = refund(&ops, number, "refund-key-1", &one).await;
    assert_eq!(status, 201, "{first}");
    assert_eq!(first["amount"]["amount"], line_a / 2);
    assert_eq!(
        first["status"], "processing",
        "a partial refund leaves the order going"
    );
    let (status, replay) = refund(&ops, number, "refund-key-1", &one).await;
    assert_eq!(
        (status, &replay),
        (201, &first),
        "replayed, not refunded twice"
    );
    let other = json!({ "lines": [{ "position": 1, "qty": 1 }], "reason": "x" });
    let (status, reused) = refund(&ops, number, "refund-key-1", &other).await;
    assert_eq!(
        (status, reused["error"]["code"].as_str()),
        (409, Some("idempotency_key_reused"))
    );
    assert_eq!(
        app.stock(&a).await.0,
        sold.0 + 1,
        "the unit never shipped: back on the shelf"
    );

    for (body, field) in [
        (
            json!({ "lines": [{ "position": 0, "qty": 2 }], "reason": "x" }),
            "lines[0].qty",
        ),
        (
            json!({ "lines": [{ "position": 5, "qty": 1 }], "reason": "x" }),
            "lines[0].position",
        ),
        (json!({ "lines": [], "reason": "" }), "reason"),
    ] {
        let (status, answer) = refund(&ops, number, &format!("bad-{field}"), &body).await;
        assert_eq!(
            (status, answer["error"]["field"].as_str()),
            (400, Some(field)),
            "{answer}"
        );
    }
    let (status, _) = refund(&ops, number, "short", &json!({ "reason": "x" })).await;
    assert_eq!(status, 400, "a key of under 8 characters");

    let (status, rest) = refund(
        &ops,
        number,
        "refund-key-2",
        &json!({ "reason": "整筆退款" }),
    )
    .await;
    assert_eq!(status, 201, "{rest}");
    assert_eq!(rest["status"], "refunded");
    assert_eq!(
        rest["amount"]["amount"],
        total - line_a / 2,
        "the rest, shipping included"
    );
    let after = ops
        .get(&format!("/api/v1/admin/orders/{number}"))
        .await
        .body;
    assert_eq!(after["refunded"]["amount"], total);
    assert_eq!(after["refundable"]["amount"], 0);
    assert_eq!(after["lines"][0]["refunded_qty"], 2);
    assert!(actions(&after).is_empty());
    assert_eq!(app.stock(&a).await.0, sold.0 + 2);
    let (status, more) = refund(&ops, number, "refund-key-3", &json!({ "reason": "x" })).await;
    assert_eq!(
        (status, more["error"]["code"].as_str()),
        (409, Some("nothing_to_refund"))
    );
}

#[tokio::test]
async fn pick_lists_and_slips_print_in_bulk_for_staff_only() {
    let app = TestApp::spawn().await;
    let ops = operator(&app).await;
    let (a, b) = two_skus();
    let first = paid_order(&app, &a, &b).await;
    let second = place(&app, "cash_on_delivery", "home_delivery", address()).await;
    let (status, _) = refund(
        &ops,
        &first.number,
        "refund-print",
        &json!({ "lines": [{ "position": 1, "qty": 1 }], "reason": "缺貨" }),
    )
    .await;
    assert_eq!(status, 201);

    let anonymous = Browser::new(&app);
    let print = |path: String, browser: &Browser<'_>| {
        let request = browser.request(reqwest::Method::GET, &path);
        async move {
            let response = request.send().await.unwrap();
            (response.status().as_u16(), response.text().await.unwrap())
        }
    };
    let both = format!("{},{}", first.number, second.number);
    let (status, html) = print(format!("/admin/print/pick-lists?orders={both}"), &ops).await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(
        html.matches("揀貨單").count(),
        3,
        "title and one list per order"
    );
    assert!(html.contains(&first.number) && html.contains(&second.number));
    assert!(
        html.contains(&a) && !html.contains(&b),
        "the refunded line stays on the shelf"
    );
    assert_eq!(html.matches("sheet-break\"></div>").count(), 1);
    let (status, slips) = print(format!("/admin/print/shipping-slips?orders={both}"), &ops).await;
    assert_eq!(status, 200);
    assert!(slips.contains("貨到付款"), "the COD slip says to collect");

    let (status, _) = print(format!("/admin/print/pick-lists?orders={both}"), &anonymous).await;
    assert_eq!(status, 401);
    let (status, body) = print("/admin/print/pick-lists?orders=".into(), &ops).await;
    assert_eq!(status, 400, "{body}");
    let (status, _) = print(
        "/admin/print/pick-lists?orders=FF20261125-NOSUCH".into(),
        &ops,
    )
    .await;
    assert_eq!(status, 404);
    let (status, _) = print("/admin/print/receipts?orders=x".into(), &ops).await;
    assert_eq!(status, 404);
}
