//! Returns in the appraisal period (七天鑑賞期): a delivered order is asked back by its owner or
//! its token holder within 7 days of delivery, once, with a reason; anyone else gets a 404.
//! An operator then refunds it, or declines the request and the order is delivered again.

use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::support::{
    address, at, light_sku, operator, order_body, pay_by_card, place, verified, view, Answer,
    Browser, Order, TestApp, NOW,
};

const DAY: i64 = 86_400;

/// Places a card order as `browser` (a guest without a cookie), pays it and lets the sandbox
/// warehouse and carrier take it to the door; the order and when it was delivered.
async fn delivered(app: &TestApp, browser: &Browser<'_>) -> (Order, i64) {
    app.state.auto_fulfil.set(true);
    let order = browser
        .place_order(&order_body(&[(&light_sku(), 1)], "card"))
        .await;
    pay_by_card(app, &order).await;
    for t in [NOW + 2, NOW + 40, NOW + 3 * DAY] {
        at(app, t).await;
    }
    let seen = view(app, &order).await;
    assert_eq!(seen["status"], "delivered", "{seen}");
    let delivered_at = seen["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["to_status"] == "delivered")
        .map(|e| unix(e["at"].as_str().unwrap()))
        .unwrap();
    (order, delivered_at)
}

fn unix(rfc3339: &str) -> i64 {
    OffsetDateTime::parse(rfc3339, &Rfc3339)
        .unwrap()
        .unix_timestamp()
}

async fn ask(browser: &Browser<'_>, order: &Order, token: Option<&str>, reason: &str) -> Answer {
    let query = token.map(|t| format!("?token={t}")).unwrap_or_default();
    let path = format!("/api/v1/orders/{}/refund-request{query}", order.number);
    browser.post(&path, &json!({ "reason": reason })).await
}

fn last_event(order: &Value) -> &Value {
    order["events"].as_array().unwrap().last().unwrap()
}

async fn decline(ops: &Browser<'_>, order: &Order, reason: &str) -> Answer {
    let path = format!(
        "/api/v1/admin/orders/{}/refund-request/decline",
        order.number
    );
    ops.post(&path, &json!({ "reason": reason })).await
}

#[tokio::test]
async fn a_delivered_order_is_asked_back_on_the_seventh_day_and_only_once() {
    let app = TestApp::spawn().await;
    let guest = Browser::new(&app);
    let (order, delivered_at) = delivered(&app, &guest).await;
    at(&app, delivered_at + 7 * DAY).await;

    let asked = ask(&guest, &order, Some(&order.token), "  尺寸不合，想退貨  ").await;
    assert_eq!(
        asked.status, 200,
        "the last second still counts: {}",
        asked.body
    );
    assert_eq!(asked.body["status"], "refund_requested");
    assert!(
        asked.body["access_token"].is_null(),
        "the token is never told again"
    );
    let event = last_event(&asked.body);
    assert_eq!(event["kind"], "return_requested");
    assert_eq!(event["actor"]["kind"], "shopper");
    assert_eq!(event["to_status"], "refund_requested");
    assert_eq!(event["note"], "尺寸不合，想退貨");
    assert_eq!(view(&app, &order).await, asked.body, "as GET answers it");

    let again = ask(&guest, &order, Some(&order.token), "再問一次").await;
    assert_eq!(
        (again.status, again.code()),
        (409, Some("already_requested"))
    );
}

#[tokio::test]
async fn after_seven_days_or_before_delivery_the_order_is_not_taken_back() {
    let app = TestApp::spawn().await;
    let guest = Browser::new(&app);
    let (order, delivered_at) = delivered(&app, &guest).await;
    at(&app, delivered_at + 7 * DAY + 1).await;
    let late = ask(&guest, &order, Some(&order.token), "太晚了").await;
    assert_eq!(
        (late.status, late.code()),
        (409, Some("return_window_closed")),
        "{}",
        late.body
    );
    assert_eq!(view(&app, &order).await["status"], "delivered");

    let paid = place(&app, "card", "home_delivery", address()).await;
    pay_by_card(&app, &paid).await;
    let early = ask(&guest, &paid, Some(&paid.token), "還沒收到").await;
    assert_eq!((early.status, early.code()), (409, Some("not_delivered")));
}

#[tokio::test]
async fn only_the_owner_or_the_token_holder_may_ask_and_the_reason_is_checked() {
    let app = TestApp::spawn().await;
    let owner = verified(&app, "owner@example.tw").await;
    let stranger = verified(&app, "stranger@example.tw").await;
    let guest = Browser::new(&app);
    let (order, _) = delivered(&app, &owner).await;

    for (who, browser, token) in [
        ("another customer", &stranger, None),
        (
            "another customer with the token",
            &stranger,
            Some(order.token.as_str()),
        ),
        ("signed out, no token", &guest, None),
        (
            "signed out, a wrong token",
            &guest,
            Some("0".repeat(64).as_str()),
        ),
    ] {
        let answer = ask(browser, &order, token, "不是我的訂單").await;
        assert_eq!(
            (answer.status, answer.code()),
            (404, Some("not_found")),
            "{who}"
        );
    }
    let nowhere = ask(
        &owner,
        &Order {
            number: "FF20261125-NOSUCH".into(),
            token: String::new(),
        },
        None,
        "x",
    )
    .await;
    assert_eq!(nowhere.status, 404);
    assert_eq!(
        view(&app, &order).await["status"],
        "delivered",
        "nothing moved"
    );

    for reason in ["", "   ", &"退".repeat(501)] {
        let bad = ask(&owner, &order, None, reason).await;
        assert_eq!(
            (bad.status, bad.field()),
            (400, Some("reason")),
            "{}",
            bad.body
        );
    }
    let path = format!("/api/v1/orders/{}/refund-request", order.number);
    let missing = owner.post(&path, &json!({})).await;
    assert_eq!((missing.status, missing.field()), (400, Some("reason")));

    let mine = ask(&owner, &order, None, "商品有瑕疵").await;
    assert_eq!(mine.status, 200, "the owner needs no token: {}", mine.body);
    assert_eq!(mine.body["status"], "refund_requested");
}

#[tokio::test]
async fn an_operator_refunds_a_requested_return_in_full() {
    let app = TestApp::spawn().await;
    let guest = Browser::new(&app);
    let ops = operator(&app).await;
    let (order, _) = delivered(&app, &guest).await;
    assert_eq!(
        ask(&guest, &order, Some(&order.token), "不喜歡")
            .await
            .status,
        200
    );

    let console = ops
        .get(&format!("/api/v1/admin/orders/{}", order.number))
        .await;
    let total = &console.body["order"]["quote"]["total"];
    assert_eq!(&console.body["refundable"], total);
    assert!(console.body["actions"]
        .as_array()
        .unwrap()
        .contains(&json!("refund")));
    let refunded = ops
        .send_with(
            "POST",
            &format!("/api/v1/admin/orders/{}/refunds", order.number),
            Some(&json!({ "reason": "退貨已收到" })),
            &[("idempotency-key", "return-refund-1")],
        )
        .await;
    assert_eq!(refunded.status, 201, "{}", refunded.body);
    assert_eq!(refunded.body["status"], "refunded");
    assert_eq!(&refunded.body["amount"], total);
    assert_eq!(view(&app, &order).await["status"], "refunded");
    let after = ask(&guest, &order, Some(&order.token), "again").await;
    assert_eq!(
        (after.status, after.code()),
        (409, Some("already_refunded"))
    );
}

#[tokio::test]
async fn an_operator_declines_and_the_order_is_delivered_again() {
    let app = TestApp::spawn().await;
    let guest = Browser::new(&app);
    let ops = operator(&app).await;
    let shopper = verified(&app, "shopper@example.tw").await;
    let (order, delivered_at) = delivered(&app, &guest).await;

    let early = decline(&ops, &order, "沒有申請").await;
    assert_eq!(
        (early.status, early.code()),
        (409, Some("no_return_request"))
    );
    assert_eq!(
        ask(&guest, &order, Some(&order.token), "不合身")
            .await
            .status,
        200
    );

    assert_eq!(decline(&shopper, &order, "x").await.status, 403);
    assert_eq!(decline(&Browser::new(&app), &order, "x").await.status, 401);
    let blank = decline(&ops, &order, " ").await;
    assert_eq!((blank.status, blank.field()), (400, Some("reason")));

    let declined = decline(&ops, &order, "商品已使用，無法退貨").await;
    assert_eq!(declined.status, 200, "{}", declined.body);
    assert_eq!(declined.body["order"]["status"], "delivered");
    let event = last_event(&declined.body["order"]);
    assert_eq!(event["kind"], "return_declined");
    assert_eq!(event["actor"]["kind"], "staff");
    assert_eq!(event["note"], "商品已使用，無法退貨");
    let seen = view(&app, &order).await;
    assert_eq!(
        last_event(&seen)["note"],
        "商品已使用，無法退貨",
        "the shopper reads why"
    );
    let (action, subject): (String, String) =
        sqlx::query_as("SELECT action, subject FROM audit_log ORDER BY id DESC LIMIT 1")
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
    assert_eq!(
        (action.as_str(), subject),
        ("order.return_declined", format!("order:{}", order.number))
    );

    // The seven days still count from the delivery, not from the decline.
    at(&app, delivered_at + 7 * DAY + 1).await;
    let late = ask(&guest, &order, Some(&order.token), "再申請一次").await;
    assert_eq!(
        (late.status, late.code()),
        (409, Some("return_window_closed"))
    );
}
