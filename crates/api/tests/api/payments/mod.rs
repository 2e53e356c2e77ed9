//! Paying: every sandbox method, failures the shopper can retry (another way too), the
//! provider's own pages. The provider's news — signed webhooks applied exactly once, late
//! money given back, a request replayed without a second hold — in [`webhooks`].

mod webhooks;

use fourflow_api::jobs::run_due;
use fourflow_api::services::orders::expire_holds;
use fourflow_core::order::RETRY_HOLD_SECONDS;
use serde_json::{json, Value};

use crate::support::{mail_to, order_body, pay, plain_variants, view, Browser, Order, TestApp};

pub(super) const GOOD: &str = "4242 4242 4242 4242";

pub(super) fn sku_and_price(min_stock: i64, min_price: i64) -> (String, i64) {
    plain_variants()
        .find(|v| v.stock >= min_stock && v.price >= min_price)
        .map(|v| (v.sku.to_string(), v.price))
        .unwrap()
}

/// Places a guest order of `qty` of one SKU costing at least `min_price`, mailed to Wen.
pub(super) async fn place(
    app: &TestApp,
    payment: &str,
    qty: u32,
    min_price: i64,
) -> (Order, String) {
    let (sku, _) = sku_and_price(qty as i64 + 2, min_price);
    let mut body = order_body(&[(&sku, qty)], payment);
    body["contact"]["email"] = json!("wen@example.tw");
    (Browser::new(app).place_order(&body).await, sku)
}

pub(super) fn card(number: &str) -> Value {
    json!({ "type": "card", "number": number, "expiry": "12/30", "cvc": "123" })
}

/// Lets the sandbox's confirmation (due a second after the payment) run.
pub(super) async fn confirmations(app: &TestApp) {
    app.state.clock.set(app.state.clock.now() + 2);
    run_due(&app.state).await.unwrap();
}

#[tokio::test]
async fn a_card_payment_is_confirmed_by_webhook_and_sells_the_stock() {
    let app = TestApp::spawn().await;
    let (order, sku) = place(&app, "card", 2, 0).await;
    let (on_hand, reserved) = app.stock(&sku).await;
    let (status, payment) = pay(&app, &order, &card(GOOD)).await;
    assert_eq!(status, 201, "{payment}");
    assert_eq!(payment["status"], "pending");
    assert_eq!(payment["card_last4"], "4242");
    assert_eq!(
        view(&app, &order).await["status"],
        "pending_payment",
        "not before the webhook"
    );
    confirmations(&app).await;
    let seen = view(&app, &order).await;
    assert_eq!(seen["status"], "paid");
    assert!(seen["hold_until"].is_null());
    let last = seen["events"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (last["to_status"].as_str(), last["actor"]["kind"].as_str()),
        (Some("paid"), Some("payment_provider"))
    );
    assert_eq!(
        app.stock(&sku).await,
        (on_hand - 2, reserved - 2),
        "held units became sold"
    );
    // The job runner and the test may send the two emails in either order.
    let mails = mail_to(&app, "wen@example.tw", 2).await;
    let subjects: Vec<&str> = mails.iter().filter_map(|m| m["subject"].as_str()).collect();
    assert_eq!(subjects.len(), 2, "{subjects:?}");
    assert!(
        subjects.iter().any(|m| m.contains("已成立")),
        "{subjects:?}"
    );
    assert!(
        subjects.iter().any(|m| m.contains("已收到款項")),
        "{subjects:?}"
    );

    // The order's mail carries the guest's link, which opens the order on any device.
    let placed = mails
        .iter()
        .find(|m| m["subject"].as_str().unwrap().contains("已成立"))
        .unwrap();
    let body = placed["body"].as_str().unwrap();
    let path = format!("/orders/{}?token={}", order.number, order.token);
    assert!(body.contains(&path), "{body}");
    assert_eq!(
        app.ok(&format!("/api/v1{path}")).await["number"],
        order.number
    );
}

#[tokio::test]
async fn refused_cards_explain_why_and_the_shopper_can_try_again() {
    let app = TestApp::spawn().await;
    let (order, _) = place(&app, "card", 1, 0).await;
    for (number, reason) in [
        ("4000 0000 0000 0002", "declined"),
        ("4000 0000 0000 9995", "insufficient_funds"),
    ] {
        let (status, payment) = pay(&app, &order, &card(number)).await;
        assert_eq!(
            (
                status,
                payment["status"].as_str(),
                payment["failure"].as_str()
            ),
            (201, Some("failed"), Some(reason))
        );
    }
    let waiting = view(&app, &order).await;
    assert_eq!(waiting["status"], "pending_payment", "the order waits");
    let hold_until: i64 = sqlx::query_scalar("SELECT hold_until FROM orders WHERE number = $1")
        .bind(&order.number)
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
    assert_eq!(
        hold_until,
        app.state.clock.now() + RETRY_HOLD_SECONDS,
        "its stock held for another try, not the half hour a card had"
    );
    // "Try another card or method": an ATM transfer takes over, on the order's history too.
    let (status, payment) = pay(&app, &order, &json!({ "type": "atm_transfer" })).await;
    assert_eq!(
        (status, payment["next_action"]["type"].as_str()),
        (201, Some("atm_transfer")),
        "{payment}"
    );
    let switched = view(&app, &order).await;
    assert_eq!(switched["payment_method"], "atm_transfer");
    assert!(
        switched["events"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["kind"] == "payment_method_changed"),
        "{switched}"
    );
    // And the shopper thinks again: a good card pays after all.
    let (_, payment) = pay(&app, &order, &card(GOOD)).await;
    assert_eq!(payment["status"], "pending");
    confirmations(&app).await;
    assert_eq!(view(&app, &order).await["status"], "paid");
}

#[tokio::test]
async fn a_failed_payment_gives_the_stock_back_once_the_retry_window_passes() {
    let app = TestApp::spawn().await;
    let (order, sku) = place(&app, "card", 2, 0).await;
    let (on_hand, reserved) = app.stock(&sku).await;
    let (_, payment) = pay(&app, &order, &card("4000 0000 0000 0002")).await;
    assert_eq!(payment["status"], "failed");
    app.state
        .clock
        .set(app.state.clock.now() + RETRY_HOLD_SECONDS - 1);
    assert_eq!(
        expire_holds(&app.state).await.unwrap(),
        0,
        "still a moment to retry"
    );
    assert_eq!(app.stock(&sku).await, (on_hand, reserved));
    app.state.clock.set(app.state.clock.now() + 1);
    assert_eq!(expire_holds(&app.state).await.unwrap(), 1);
    assert_eq!(app.stock(&sku).await, (on_hand, reserved - 2), "released");
    assert_eq!(view(&app, &order).await["status"], "cancelled");
}

#[tokio::test]
async fn three_d_secure_wallets_and_transfers_wait_for_the_shopper() {
    let app = TestApp::spawn().await;
    let no_redirect = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let answer = |id: String, outcome: &'static str| {
        let client = no_redirect.clone();
        let base = app.base.clone();
        async move {
            client
                .post(format!("{base}/payments/sandbox/{id}"))
                .form(&[("outcome", outcome)])
                .send()
                .await
                .unwrap()
        }
    };

    // A challenged card: approved on the bank's page, back to the order.
    let (order, _) = place(&app, "card", 1, 0).await;
    let (_, payment) = pay(&app, &order, &card("4000 0000 0000 3220")).await;
    assert_eq!(payment["status"], "requires_action");
    let url = payment["next_action"]["url"].as_str().unwrap();
    let (_, page) = app.get(url).await;
    let page = page.as_str().expect("the bank's page");
    assert!(page.contains("Approve") && page.contains("NT$"));
    let back = answer(payment["id"].as_str().unwrap().into(), "approve").await;
    assert_eq!(back.status(), 303);
    assert_eq!(
        back.headers()["location"],
        format!("/orders/{}?token={}", order.number, order.token)
    );
    assert_eq!(view(&app, &order).await["status"], "paid");

    // A challenge failed: the payment fails, the order waits.
    let (order, _) = place(&app, "card", 1, 0).await;
    let (_, payment) = pay(&app, &order, &card("4000 0000 0000 3220")).await;
    answer(payment["id"].as_str().unwrap().into(), "reject").await;
    assert_eq!(view(&app, &order).await["status"], "pending_payment");

    // An ATM transfer: an account to pay into, paid later.
    let (order, _) = place(&app, "atm_transfer", 1, 0).await;
    let (_, payment) = pay(&app, &order, &json!({ "type": "atm_transfer" })).await;
    assert_eq!(payment["next_action"]["type"], "atm_transfer");
    assert_eq!(payment["next_action"]["bank_code"], "812");
    assert_eq!(
        payment["next_action"]["account"].as_str().unwrap().len(),
        14
    );
    answer(payment["id"].as_str().unwrap().into(), "approve").await;
    assert_eq!(view(&app, &order).await["status"], "paid");

    // A store code and an e-wallet.
    let (order, _) = place(&app, "store_code", 1, 0).await;
    let (_, payment) = pay(&app, &order, &json!({ "type": "store_code" })).await;
    assert!(payment["next_action"]["code"]
        .as_str()
        .unwrap()
        .starts_with("FF"));
    let (order, _) = place(&app, "e_wallet", 1, 0).await;
    let (_, payment) = pay(&app, &order, &json!({ "type": "e_wallet" })).await;
    assert_eq!(payment["next_action"]["type"], "redirect");
    // The wallet page names the wallets shoppers know; the one picked pays.
    let (_, page) = app
        .get(payment["next_action"]["url"].as_str().unwrap())
        .await;
    let page = page.as_str().expect("the wallet page");
    for wallet in ["LINE Pay", "街口支付", "Apple Pay"] {
        assert!(page.contains(wallet), "{wallet} offered");
    }
    let id = payment["id"].as_str().unwrap();
    let pay_with = |wallet: &'static str| {
        no_redirect
            .post(format!("{}/payments/sandbox/{id}", app.base))
            .form(&[("outcome", "approve"), ("wallet", wallet)])
            .send()
    };
    assert_eq!(pay_with("Alipay").await.unwrap().status(), 400);
    assert_eq!(pay_with("LINE Pay").await.unwrap().status(), 303);
    assert_eq!(view(&app, &order).await["status"], "paid");
}

#[tokio::test]
async fn bad_payments_are_refused_naming_the_field() {
    let app = TestApp::spawn().await;
    let (order, _) = place(&app, "card", 1, 0).await;
    let mut three = card(GOOD);
    three["instalments"] = json!(3);
    for (body, field) in [
        (card("4242 4242 4242 4241"), "number"),
        (
            json!({ "type": "card", "number": GOOD, "expiry": "13/30", "cvc": "123" }),
            "expiry",
        ),
        (
            // The test clock is in November 2026: October's card has expired.
            json!({ "type": "card", "number": GOOD, "expiry": "10/26", "cvc": "123" }),
            "expiry",
        ),
        (
            json!({ "type": "card", "number": GOOD, "expiry": "12/30", "cvc": "12" }),
            "cvc",
        ),
        (three, "instalments"),
    ] {
        let (status, answer) = pay(&app, &order, &body).await;
        assert_eq!(
            (status, answer["error"]["field"].as_str()),
            (400, Some(field)),
            "{body}"
        );
    }
    let stranger = Order {
        number: order.number.clone(),
        token: "f".repeat(64),
    };
    assert_eq!(pay(&app, &stranger, &card(GOOD)).await.0, 404);

    // Cash on delivery is paid at the door: no card takes it over.
    let (cash, _) = place(&app, "cash_on_delivery", 1, 0).await;
    let (status, answer) = pay(&app, &cash, &card(GOOD)).await;
    assert_eq!(
        (status, answer["error"]["field"].as_str()),
        (400, Some("type")),
        "{answer}"
    );

    // Instalments on an order large enough.
    let (big, _) = place(&app, "card", 3, 100_000).await;
    let mut six = card(GOOD);
    six["instalments"] = json!(6);
    let (status, payment) = pay(&app, &big, &six).await;
    assert_eq!(
        (status, payment["instalments"].as_u64()),
        (201, Some(6)),
        "{payment}"
    );
    confirmations(&app).await;
    let (status, answer) = pay(&app, &big, &card(GOOD)).await;
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (409, Some("not_awaiting_payment"))
    );
}
