//! Fulfilment and tracking: paid orders go to the warehouse, are handed to the sandbox carrier
//! and move along its script as the clock moves; store pickup and cash on delivery; replays
//! with no second effect; printed documents; pickup stores; delivery estimates.

use fourflow_api::services::{fulfilment, tracking};
use fourflow_core::order::Actor;
use serde_json::{json, Value};

use crate::support::{
    address, at, handed_over_at, light_sku, order_body, pay_by_card, place, view, Browser, TestApp,
    NOW,
};

const HOUR: i64 = 3600;

fn store(chain: &str, id: &str) -> Value {
    json!({ "type": "store", "chain": chain, "store_id": id, "store_name": "大安門市" })
}

/// Sends an order of one light item by `method` to `delivery`, which may be refused.
async fn try_place(app: &TestApp, payment: &str, method: &str, delivery: Value) -> (u16, Value) {
    let mut body = order_body(&[(&light_sku(), 1)], payment);
    body["shipping_method"] = json!(method);
    body["delivery"] = delivery;
    let key = format!("ful-{}", rand::random::<u64>());
    let answer = Browser::new(app).send_order(&key, &body).await;
    (answer.status, answer.body)
}

/// The carrier's steps so far; the order must have a shipment.
fn codes(view: &Value) -> Vec<String> {
    view["shipment"]["events"]
        .as_array()
        .unwrap_or_else(|| panic!("no shipment with events in {view}"))
        .iter()
        .map(|e| e["code"].as_str().unwrap().to_owned())
        .collect()
}

/// The statuses the order moved to, in order, with who moved it there.
fn moves(view: &Value) -> Vec<(String, String)> {
    view["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "status_changed")
        .map(|e| {
            (
                e["to_status"].as_str().unwrap().to_owned(),
                e["actor"]["kind"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_paid_card_order_is_shipped_and_tracked_to_the_door() {
    let app = TestApp::spawn().await;
    app.state.auto_fulfil.set(true);
    let order = place(&app, "card", "home_delivery", address()).await;
    let placed = view(&app, &order).await;
    // Wednesday 08:00 in Taipei, before the cut-off: leaves today, arrives Thu–Fri.
    assert_eq!(
        placed["estimated_delivery"],
        json!({ "earliest": "2026-11-26", "latest": "2026-11-27" })
    );
    assert!(placed["shipment"].is_null());

    pay_by_card(&app, &order).await;
    at(&app, NOW + 2).await;
    let paid = view(&app, &order).await;
    assert_eq!(paid["status"], "processing", "paid, then to the warehouse");

    at(&app, NOW + 2 + 30).await;
    let shipped = view(&app, &order).await;
    assert_eq!(shipped["status"], "shipped");
    let shipment = &shipped["shipment"];
    assert_eq!(shipment["carrier"], "sandbox");
    assert!(shipment["tracking_number"]
        .as_str()
        .unwrap()
        .starts_with("SB"));
    assert_eq!(
        shipped["estimated_delivery"],
        shipment["estimated_delivery"]
    );
    assert!(codes(&shipped).is_empty());

    let t = handed_over_at(&app, &order).await;
    for (hours, status, steps) in [
        (2, "shipped", 1),
        (8, "in_transit", 2),
        (24, "out_for_delivery", 3),
        (30, "delivered", 4),
    ] {
        at(&app, t + hours * HOUR).await;
        let seen = view(&app, &order).await;
        assert_eq!(seen["status"], status, "{hours} h after hand-over");
        assert_eq!(codes(&seen).len(), steps, "{hours} h");
    }
    let done = view(&app, &order).await;
    assert_eq!(
        codes(&done),
        ["picked_up", "in_transit", "out_for_delivery", "delivered"]
    );
    let event = &done["shipment"]["events"][1];
    assert!(event["description_zh"]
        .as_str()
        .unwrap()
        .contains("台北市轉運中心"));
    assert!(event["description_en"]
        .as_str()
        .unwrap()
        .starts_with("In transit"));
    assert!(
        done["estimated_delivery"].is_null(),
        "nothing left to estimate"
    );
    let expected: Vec<(String, String)> = [
        ("paid", "payment_provider"),
        ("processing", "system"),
        ("shipped", "carrier"),
        ("in_transit", "carrier"),
        ("out_for_delivery", "carrier"),
        ("delivered", "carrier"),
    ]
    .iter()
    .map(|(s, a)| (s.to_string(), a.to_string()))
    .collect();
    assert_eq!(moves(&done), expected);
}

#[tokio::test]
async fn cash_on_delivery_to_a_store_ships_unpaid_and_is_collected() {
    let app = TestApp::spawn().await;
    app.state.auto_fulfil.set(true);
    let order = place(
        &app,
        "cash_on_delivery",
        "store_pickup",
        store("7-ELEVEN", "131386"),
    )
    .await;
    let held = app.stock(&light_sku()).await;
    at(&app, NOW).await;
    at(&app, NOW + 30).await;
    assert_eq!(view(&app, &order).await["status"], "shipped");
    let (on_hand, reserved) = app.stock(&light_sku()).await;
    assert_eq!(
        (on_hand, reserved),
        (held.0 - 1, held.1 - 1),
        "the unit held for the door left the shelf with the parcel"
    );
    let t = handed_over_at(&app, &order).await;
    at(&app, t + 48 * HOUR).await;
    let waiting = view(&app, &order).await;
    assert_eq!(waiting["status"], "out_for_delivery");
    assert_eq!(waiting["shipment"]["pickup_store"]["name"], "大安門市");
    let arrived = &waiting["shipment"]["events"][2];
    assert_eq!(arrived["code"], "arrived_at_store");
    assert!(arrived["description_zh"]
        .as_str()
        .unwrap()
        .contains("7-ELEVEN 大安門市"));

    at(&app, t + 100 * HOUR).await;
    let collected = view(&app, &order).await;
    assert_eq!(collected["status"], "delivered");
    assert_eq!(
        codes(&collected),
        [
            "picked_up",
            "in_transit",
            "arrived_at_store",
            "collected_at_store"
        ]
    );
    let statuses: Vec<String> = moves(&collected).into_iter().map(|(s, _)| s).collect();
    assert_eq!(
        statuses,
        [
            "processing",
            "shipped",
            "in_transit",
            "out_for_delivery",
            "delivered"
        ],
        "no payment step: the money comes at the counter"
    );
}

#[tokio::test]
async fn a_step_applied_twice_has_no_second_effect() {
    let app = TestApp::spawn().await;
    let order = place(&app, "cash_on_delivery", "express", address()).await;
    at(&app, NOW + 60).await;
    assert_eq!(
        view(&app, &order).await["status"],
        "processing",
        "auto_fulfil is off: it waits for an operator"
    );
    assert!(
        fulfilment::pack(&app.state, &order.number, &Actor::Staff(1))
            .await
            .unwrap()
    );
    assert!(
        !fulfilment::pack(&app.state, &order.number, &Actor::Staff(1))
            .await
            .unwrap(),
        "packed once"
    );
    assert!(
        fulfilment::hand_over(&app.state, &order.number, &Actor::Staff(1))
            .await
            .unwrap()
    );
    at(&app, NOW + 61).await;
    let t = handed_over_at(&app, &order).await;
    at(&app, t + 3 * HOUR).await;
    let before = view(&app, &order).await;
    assert_eq!(before["status"], "in_transit");

    // Every job again, by hand: the same tracking number, no new steps, no new events.
    tracking::hand_over(&app.state, &order.number)
        .await
        .unwrap();
    tracking::follow(&app.state, &order.number).await.unwrap();
    tracking::follow(&app.state, &order.number).await.unwrap();
    fulfilment::open(&app.state, &order.number).await.unwrap();
    app.sql("UPDATE outbox SET done_at = NULL WHERE kind LIKE 'carrier.%'")
        .await;
    at(&app, t + 3 * HOUR).await;
    let after = view(&app, &order).await;
    assert_eq!(after, before);

    // Express has its own, faster script.
    at(&app, t + 16 * HOUR).await;
    let done = view(&app, &order).await;
    assert_eq!(done["status"], "delivered");
    // Placed, processing, packed, handing over, shipped, in transit, out, delivered.
    assert_eq!(done["events"].as_array().unwrap().len(), 8);
}

#[tokio::test]
async fn pick_list_and_shipping_slip_print_with_barcodes() {
    let app = TestApp::spawn().await;
    let order = place(&app, "cash_on_delivery", "home_delivery", address()).await;
    at(&app, NOW).await;
    let page = |path: String| {
        let request = app.request(reqwest::Method::GET, &path);
        async move {
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            let kind = response
                .headers()
                .get("content-type")
                .map(|v| v.to_str().unwrap().to_owned())
                .unwrap_or_default();
            (status, kind, response.text().await.unwrap())
        }
    };
    let (status, kind, pick) = page(format!(
        "/orders/{}/pick-list?token={}",
        order.number, order.token
    ))
    .await;
    assert_eq!(status, 200);
    assert!(kind.starts_with("text/html"));
    assert!(pick.contains("揀貨單") && pick.contains("Pick list"));
    assert!(pick.contains(&light_sku()));
    assert!(pick.contains("<svg") && pick.contains(&format!("{}</text>", order.number)));

    let slip_path = format!(
        "/orders/{}/shipping-slip?token={}",
        order.number, order.token
    );
    let (_, _, slip) = page(slip_path.clone()).await;
    assert!(slip.contains("@media print") && slip.contains("出貨單"));
    assert_eq!(slip.matches("<svg").count(), 1, "no tracking number yet");
    assert!(slip.contains("代收金額"), "the courier collects the money");

    fulfilment::pack(&app.state, &order.number, &Actor::System)
        .await
        .unwrap();
    fulfilment::hand_over(&app.state, &order.number, &Actor::System)
        .await
        .unwrap();
    at(&app, NOW + 1).await;
    let tracking = view(&app, &order).await["shipment"]["tracking_number"]
        .as_str()
        .unwrap()
        .to_owned();
    let (_, _, slip) = page(slip_path).await;
    assert_eq!(slip.matches("<svg").count(), 2);
    assert!(slip.contains(&format!("{tracking}</text>")));

    for path in [
        format!(
            "/orders/{}/pick-list?token={}",
            order.number,
            "0".repeat(64)
        ),
        format!("/orders/{}/shipping-slip", order.number),
        format!("/orders/FF20261125-XXXXXX/pick-list?token={}", order.token),
    ] {
        assert_eq!(page(path.clone()).await.0, 404, "{path}");
    }
}

#[tokio::test]
async fn pickup_stores_are_searched_and_an_unknown_one_is_refused() {
    let app = TestApp::spawn().await;
    let all = app.ok("/api/v1/pickup-stores?per_page=50").await;
    assert!(all["total"].as_u64().unwrap() >= 40);
    let daan = app.ok("/api/v1/pickup-stores?q=%E5%A4%A7%E5%AE%89").await; // 大安
    let items = daan["items"].as_array().unwrap();
    assert!(!items.is_empty());
    for s in items {
        let text = format!("{}{}{}", s["name"], s["address"], s["district"]);
        assert!(text.contains("大安"), "{s}");
    }
    let family = app
        .ok("/api/v1/pickup-stores?q=%E9%AB%98%E9%9B%84&chain=FamilyMart")
        .await; // 高雄
    let stores = family["items"].as_array().unwrap();
    assert!(!stores.is_empty(), "FamilyMart has stores in 高雄");
    for s in stores {
        assert!(s["chain"] == "FamilyMart" && s["city"] == "高雄市", "{s}");
    }
    let hi_life = app.ok("/api/v1/pickup-stores?chain=hi-life&q=3217").await;
    assert_eq!(hi_life["items"][0]["name"], "萊爾富台北師大店", "by number");
    let ok = app
        .ok("/api/v1/pickup-stores?chain=OKmart&per_page=50")
        .await;
    let ok = ok["items"].as_array().unwrap();
    assert!(ok.len() >= 8 && ok.iter().all(|s| s["chain"] == "OKmart"));
    assert!(
        ok.iter().any(|s| s["hours"]["opens"] == "07:00")
            && ok.iter().any(|s| s["hours"].is_null()),
        "some keep hours, most are open day and night"
    );
    for (query, field) in [("chain=Circle-K", "chain"), ("page=0", "page")] {
        let (status, body) = app.get(&format!("/api/v1/pickup-stores?{query}")).await;
        assert_eq!(
            (status, body["error"]["field"].as_str()),
            (400, Some(field))
        );
    }

    for delivery in [store("7-ELEVEN", "999999"), store("FamilyMart", "131386")] {
        let (status, body) = try_place(&app, "card", "store_pickup", delivery).await;
        assert_eq!(
            (
                status,
                body["error"]["code"].as_str(),
                body["error"]["field"].as_str()
            ),
            (422, Some("unknown_store"), Some("delivery.store_id")),
            "{body}"
        );
    }
}

#[tokio::test]
async fn address_areas_are_offered_and_an_address_must_be_one_of_them() {
    let app = TestApp::spawn().await;
    let areas = app.ok("/api/v1/address-areas").await;
    let counties = areas["counties"].as_array().unwrap();
    assert_eq!(counties.len(), 22);
    let taipei = &counties[0];
    assert_eq!(
        taipei["name"],
        json!({ "zh_tw": "臺北市", "en": "Taipei City" })
    );
    let daan = taipei["districts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"]["zh_tw"] == "大安區")
        .expect("大安區 is in 臺北市");
    assert_eq!(daan["postal_code"], "106");
    assert_eq!(daan["name"]["en"], "Da'an Dist.");

    let home = |postal: &str, city: &str, district: &str| json!({ "type": "address", "postal_code": postal, "city": city, "district": district, "line": "中正路 1 號" });
    for (delivery, field) in [
        (home("106", "台北縣", "大安區"), "delivery.city"),
        (home("220", "臺北市", "板橋區"), "delivery.district"),
        (home("220", "台北市", "大安區"), "delivery.postal_code"),
    ] {
        let (status, body) = try_place(&app, "card", "home_delivery", delivery).await;
        assert_eq!(
            (status, body["error"]["field"].as_str()),
            (400, Some(field)),
            "{body}"
        );
    }
    // 臺 and 台 are one character to an address, and a full code is welcome.
    for delivery in [
        home("43944", "台中市", "大安區"),
        home("636", "雲林縣", "台西鄉"),
    ] {
        let (status, body) = try_place(&app, "card", "home_delivery", delivery).await;
        assert_eq!(status, 201, "{body}");
    }
}

#[tokio::test]
async fn delivery_estimates_follow_the_cut_off_and_business_days() {
    let app = TestApp::spawn().await;
    // Wednesday 25 Nov 2026, 08:00 in Taipei.
    let now = app.ok("/api/v1/delivery-estimates").await;
    assert_eq!(now["ships_on"], "2026-11-25");
    assert_eq!(now["cut_off_hour"], 15);
    assert_eq!(now["items"].as_array().unwrap().len(), 3);

    // Friday 27 Nov, 18:00 in Taipei: after the cut-off, leaves Monday, express on Tuesday.
    app.state.clock.set(NOW + 2 * 24 * HOUR + 10 * HOUR);
    let friday = app
        .ok("/api/v1/delivery-estimates?shipping_method=express")
        .await;
    assert_eq!(friday["ships_on"], "2026-11-30");
    assert_eq!(
        friday["items"],
        json!([{ "shipping_method": "express", "earliest": "2026-12-01", "latest": "2026-12-01" }])
    );
    let (status, body) = app
        .get("/api/v1/delivery-estimates?shipping_method=drone")
        .await;
    assert_eq!(
        (status, body["error"]["field"].as_str()),
        (400, Some("shipping_method"))
    );
}
