//! The provider's news of a payment: confirmation by a signed webhook applied exactly once,
//! forged and stale webhooks refused, money that arrives after the hold ran out given back,
//! a payment request replayed without a second hold.

use fourflow_api::payments::webhook;
use fourflow_api::services::orders::expire_holds;
use serde_json::{json, Value};

use super::{card, place, GOOD};
use crate::support::{pay, view, Browser, TestApp, NOW};

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
