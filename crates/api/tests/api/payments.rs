//! Paying: every sandbox method, confirmation by signed webhook applied exactly once, forged
//! and stale webhooks refused, failures the shopper can retry, late money given back, a
//! payment request replayed without a second hold.

use fourflow_api::jobs::run_due;
use fourflow_api::payments::webhook;
use fourflow_api::services::orders::expire_holds;
use fourflow_core::order::RETRY_HOLD_SECONDS;
use serde_json::{json, Value};

use crate::support::{
    mail_to, order_body, pay, plain_variants, view, Browser, Order, TestApp, NOW,
};

const GOOD: &str = "4242 4242 4242 4242";

fn sku_and_price(min_stock: i64, min_price: i64) -> (String, i64) {
    plain_variants()
        .find(|v| v.stock >= min_stock && v.price >= min_price)
        .map(|v| (v.sku.to_string(), v.price))
        .unwrap()
}

/// Places a guest order of `qty` of one SKU costing at least `min_price`, mailed to Wen.
async fn place(app: &TestApp, payment: &str, qty: u32, min_price: i64) -> (Order, String) {
    let (sku, _) = sku_and_price(qty as i64 + 2, min_price);
    let mut body = order_body(&[(&sku, qty)], payment);
    body["contact"]["email"] = json!("wen@example.tw");
    (Browser::new(app).place_order(&body).await, sku)
}

fn card(number: &str) -> Value {
    json!({ "type": "card", "number": number, "expiry": "12/30", "cvc": "123" })
}

/// Lets the sandbox's confirmation (due a second after the payment) run.
async fn confirmations(app: &TestApp) {
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

#[tokio::test]
async fn webhooks_must_be_signed_fresh_and_apply_once() {
    let app = TestApp::spawn().await;
    let (order, sku) = place(&app, "card", 1, 0).await;
    let (_, payment) = pay(&app, &order, &card("4000 0000 0000 3220")).await;
    let event =
        json!({ "id": "evt_once", "type": "payment.succeeded", "payment_id": payment["id"] });
    let body = event.to_string();
    let secret = b"whsec_fourflow_sandbox";
    let send = |signature: Option<String>, body: String| {
        let request = app
            .request(reqwest::Method::POST, "/api/v1/payments/webhooks/sandbox")
            .header("content-type", "application/json")
            .body(body);
        async move {
            let mut request = request;
            if let Some(signature) = signature {
                request = request.header("fourflow-signature", signature);
            }
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            (
                status,
                response.json::<Value>().await.unwrap_or(Value::Null),
            )
        }
    };
    assert_eq!(send(None, body.clone()).await.0, 401);
    assert_eq!(
        send(
            Some(webhook::sign(b"wrong", NOW, body.as_bytes())),
            body.clone()
        )
        .await
        .0,
        401
    );
    let (status, stale) = send(
        Some(webhook::sign(secret, NOW - 301, body.as_bytes())),
        body.clone(),
    )
    .await;
    assert_eq!(
        (status, stale["error"]["code"].as_str()),
        (400, Some("bad_request"))
    );
    let tampered = body.replace("evt_once", "evt_twice");
    assert_eq!(
        send(Some(webhook::sign(secret, NOW, body.as_bytes())), tampered)
            .await
            .0,
        401
    );
    assert_eq!(
        view(&app, &order).await["status"],
        "pending_payment",
        "nothing applied"
    );

    let (before_on_hand, _) = app.stock(&sku).await;
    assert_eq!(
        send(
            Some(webhook::sign(secret, NOW, body.as_bytes())),
            body.clone()
        )
        .await
        .0,
        200
    );
    // The job runner may open fulfilment meanwhile (paid → processing): count only what the
    // provider's events did.
    let by_provider = |view: &Value| {
        view["events"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["actor"]["kind"] == "payment_provider")
            .count()
    };
    let events = by_provider(&view(&app, &order).await);
    assert_eq!(events, 1);
    assert_eq!(
        send(
            Some(webhook::sign(secret, NOW, body.as_bytes())),
            body.clone()
        )
        .await
        .0,
        200,
        "a replay is fine…"
    );
    let seen = view(&app, &order).await;
    assert_eq!(by_provider(&seen), events, "…and changes nothing");
    assert!(
        seen["status"] == "paid" || seen["status"] == "processing",
        "{seen}"
    );
    assert_eq!(app.stock(&sku).await.0, before_on_hand - 1, "sold once");
    let unknown = app
        .request(reqwest::Method::POST, "/api/v1/payments/webhooks/acme")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
}

#[tokio::test]
async fn money_that_arrives_after_the_hold_ran_out_is_refunded() {
    let app = TestApp::spawn().await;
    let (order, sku) = place(&app, "card", 1, 0).await;
    let (_, payment) = pay(&app, &order, &card("4000 0000 0000 3220")).await;
    app.state.clock.set(NOW + 31 * 60);
    assert_eq!(expire_holds(&app.state).await.unwrap(), 1);
    let before = app.stock(&sku).await;
    fourflow_api::services::payments::sandbox_outcome(
        &app.state,
        payment["id"].as_str().unwrap(),
        true,
    )
    .await
    .unwrap();
    let seen = view(&app, &order).await;
    assert_eq!(seen["status"], "cancelled");
    assert_eq!(
        seen["events"].as_array().unwrap().last().unwrap()["kind"],
        "payment_refunded"
    );
    assert_eq!(app.stock(&sku).await, before, "nothing sold twice");
    assert_eq!(
        seen["payment"]["status"], "voided",
        "a card only held: let go"
    );
    let id = payment["id"].as_str().unwrap();
    let ledger = app.state.payments.status(id).await.unwrap().unwrap();
    assert_eq!(ledger.voided, ledger.authorised);
    assert!(ledger.authorised.amount > 0);
}

#[tokio::test]
async fn a_payment_sent_twice_is_answered_once_and_holds_the_card_once() {
    let app = TestApp::spawn().await;
    let (order, _) = place(&app, "card", 1, 0).await;
    let guest = Browser::new(&app);
    let path = format!(
        "/api/v1/orders/{}/payments?token={}",
        order.number, order.token
    );
    let body = card(GOOD);
    let send = || {
        guest.send_with(
            "POST",
            &path,
            Some(&body),
            &[("idempotency-key", "pay-twice-1")],
        )
    };
    let first = send().await;
    assert_eq!(first.status, 201, "{}", first.body);
    let again = send().await;
    assert_eq!(again.status, 201);
    assert_eq!(again.body, first.body, "the first answer");
    let count = |table: &'static str| {
        let pool = app.state.db.pool().clone();
        async move {
            sqlx::query_scalar::<_, i64>(&format!("SELECT COUNT(*) FROM {table}"))
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    assert_eq!(count("payments").await, 1);
    assert_eq!(count("sandbox_ledger").await, 1, "one hold at the provider");
}

#[tokio::test]
async fn news_of_a_payment_confirmed_already_changes_nothing() {
    let app = TestApp::spawn().await;
    let (order, _) = place(&app, "card", 1, 0).await;
    let (_, payment) = pay(&app, &order, &card("4000 0000 0000 3220")).await;
    let id = payment["id"].as_str().unwrap();
    for approve in [true, true, false] {
        fourflow_api::services::payments::sandbox_outcome(&app.state, id, approve)
            .await
            .unwrap();
    }
    let seen = view(&app, &order).await;
    assert_eq!(seen["status"], "paid");
    assert_eq!(seen["payment"]["status"], "authorised", "held, not voided");
    let held = app.state.payments.status(id).await.unwrap().unwrap();
    let amount: fourflow_core::Money = serde_json::from_value(payment["amount"].clone()).unwrap();
    assert_eq!(held.authorised, amount);
    assert_eq!((held.captured.amount, held.voided.amount), (0, 0));
}
