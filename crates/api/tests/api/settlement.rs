//! Settling payments with the provider: a card is held at checkout and captured when the
//! carrier takes the parcel; cancelled before that, the hold is voided; refunded before that,
//! less is captured; refunded after, the provider refunds. Money moved by the shopper (an ATM
//! transfer) is taken as it arrives. The sandbox keeps its books in the database, refuses
//! what a gateway would, and answers a repeated instruction like the first.

use fourflow_api::payments::{Instruction, ProviderError};
use fourflow_api::services::{fulfilment, orders, payments};
use fourflow_core::order::Actor;
use fourflow_core::settlement::{Ledger, Refusal};
use fourflow_core::Money;
use serde_json::json;

use crate::support::{
    at, handed_over_at, light_sku, operator, order_body, pay, pay_by_card, refund, view, Browser,
    Order, TestApp, NOW,
};

const HOUR: i64 = 3600;

/// Places an order of two units of one SKU, paid by `payment`.
async fn place_two(app: &TestApp, payment: &str) -> Order {
    let mut body = order_body(&[(&light_sku(), 2)], payment);
    body["contact"] = json!({ "name": "林小華", "email": "hua@example.tw", "phone": "0933444555" });
    Browser::new(app).place_order(&body).await
}

/// A card order of two units, paid and in the warehouse: its payment id and total.
async fn held_card_order(app: &TestApp) -> (Order, String, i64) {
    let order = place_two(app, "card").await;
    pay_by_card(app, &order).await;
    at(app, app.state.clock.now() + 2).await;
    let seen = view(app, &order).await;
    assert_eq!(seen["status"], "processing");
    let payment = seen["payment"]["id"].as_str().unwrap().to_owned();
    let total = seen["quote"]["total"]["amount"].as_i64().unwrap();
    (order, payment, total)
}

async fn ledger(app: &TestApp, payment: &str) -> Ledger {
    app.state
        .payments
        .status(payment)
        .await
        .unwrap()
        .expect("the provider knows the payment")
}

/// `(authorised, captured, voided, refunded)`.
fn amounts(ledger: &Ledger) -> (i64, i64, i64, i64) {
    (
        ledger.authorised.amount,
        ledger.captured.amount,
        ledger.voided.amount,
        ledger.refunded.amount,
    )
}

/// The shop's instructions for the payment: `(kind, amount, status)`, oldest first.
async fn instructions(app: &TestApp, payment: &str) -> Vec<(String, i64, String)> {
    sqlx::query_as(
        "SELECT kind, amount, status FROM payment_operations WHERE payment_id = $1 ORDER BY seq",
    )
    .bind(payment)
    .fetch_all(app.state.db.pool())
    .await
    .unwrap()
}

fn done(kind: &str, amount: i64) -> (String, i64, String) {
    (kind.to_owned(), amount, "done".to_owned())
}

async fn ship(app: &TestApp, order: &Order) {
    fulfilment::pack(&app.state, &order.number, &Actor::System)
        .await
        .unwrap();
    fulfilment::hand_over(&app.state, &order.number, &Actor::System)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_card_is_held_until_the_carrier_takes_the_parcel() {
    let app = TestApp::spawn().await;
    let (order, payment, total) = held_card_order(&app).await;
    assert_eq!(view(&app, &order).await["payment"]["status"], "authorised");
    assert_eq!(amounts(&ledger(&app, &payment).await), (total, 0, 0, 0));

    ship(&app, &order).await;
    assert_eq!(
        amounts(&ledger(&app, &payment).await),
        (total, 0, 0, 0),
        "not while the parcel waits for the carrier"
    );
    at(&app, NOW + 5).await;
    let shipped = view(&app, &order).await;
    assert_eq!(shipped["status"], "shipped");
    assert_eq!(shipped["payment"]["status"], "succeeded");
    assert_eq!(amounts(&ledger(&app, &payment).await), (total, total, 0, 0));
    assert_eq!(instructions(&app, &payment).await, [done("capture", total)]);

    let ops = operator(&app).await;
    let console = ops
        .get(&format!("/api/v1/admin/orders/{}", order.number))
        .await;
    assert_eq!(console.status, 200, "{}", console.body);
    assert_eq!(
        console.body["provider_ledger"]["captured"],
        json!({ "amount": total, "currency": "TWD" }),
        "the console shows the provider's books"
    );
}

#[tokio::test]
async fn refunded_before_shipping_less_is_captured_and_after_it_the_provider_refunds() {
    let app = TestApp::spawn().await;
    let ops = operator(&app).await;
    let (order, payment, total) = held_card_order(&app).await;
    let one = json!({ "lines": [{ "position": 0, "qty": 1 }], "reason": "瑕疵" });
    let (status, first) = refund(&ops, &order.number, "before-ship", &one).await;
    assert_eq!(status, 201, "{first}");
    let first = first["amount"]["amount"].as_i64().unwrap();
    assert!(first > 0 && first < total);
    assert_eq!(
        amounts(&ledger(&app, &payment).await),
        (total, 0, 0, 0),
        "nothing to ask the provider yet"
    );
    assert!(instructions(&app, &payment).await.is_empty());

    ship(&app, &order).await;
    at(&app, NOW + 5).await;
    let captured = total - first;
    assert_eq!(
        amounts(&ledger(&app, &payment).await),
        (total, captured, first, 0),
        "the unit given back is never taken; the rest of the hold is released"
    );

    let handed = handed_over_at(&app, &order).await;
    at(&app, handed + 30 * HOUR).await;
    assert_eq!(view(&app, &order).await["status"], "delivered");
    let (status, rest) = refund(
        &ops,
        &order.number,
        "after-delivery",
        &json!({ "reason": "退貨" }),
    )
    .await;
    assert_eq!(status, 201, "{rest}");
    assert_eq!(rest["amount"]["amount"], captured);
    assert_eq!(
        amounts(&ledger(&app, &payment).await),
        (total, captured, first, captured)
    );
    assert_eq!(
        instructions(&app, &payment).await,
        [done("capture", captured), done("refund", captured)]
    );
    assert_eq!(view(&app, &order).await["payment"]["status"], "refunded");
}

#[tokio::test]
async fn a_transfer_is_taken_as_it_arrives_and_refunded_once_however_many_ask() {
    let app = TestApp::spawn().await;
    let ops = operator(&app).await;
    let order = place_two(&app, "atm_transfer").await;
    let (status, started) = pay(&app, &order, &json!({ "type": "atm_transfer" })).await;
    assert_eq!(status, 201, "{started}");
    let payment = started["id"].as_str().unwrap().to_owned();
    let waiting = ledger(&app, &payment).await;
    assert_eq!(amounts(&waiting).0, 0, "nothing until the money arrives");
    payments::sandbox_outcome(&app.state, &payment, true)
        .await
        .unwrap();
    at(&app, NOW + 2).await;
    let seen = view(&app, &order).await;
    let total = seen["quote"]["total"]["amount"].as_i64().unwrap();
    assert_eq!(seen["payment"]["status"], "succeeded");
    assert_eq!(amounts(&ledger(&app, &payment).await), (total, total, 0, 0));

    // Two whole refunds at once, with different keys: one counts.
    let whole = json!({ "reason": "顧客取消" });
    let (a, b) = futures::join!(
        refund(&ops, &order.number, "race-key-a", &whole),
        refund(&ops, &order.number, "race-key-b", &whole),
    );
    let mut statuses = [a.0, b.0];
    statuses.sort();
    assert_eq!(statuses, [201, 409], "{} / {}", a.1, b.1);
    at(&app, NOW + 3).await;
    assert_eq!(
        amounts(&ledger(&app, &payment).await),
        (total, total, 0, total)
    );
    assert_eq!(instructions(&app, &payment).await, [done("refund", total)]);
    let seen = view(&app, &order).await;
    assert_eq!(
        (seen["status"].as_str(), seen["payment"]["status"].as_str()),
        (Some("refunded"), Some("refunded"))
    );
}

#[tokio::test]
async fn the_sandbox_refuses_what_it_does_not_hold_and_answers_a_repeat_alike() {
    let app = TestApp::spawn().await;
    let (_, payment, total) = held_card_order(&app).await;
    let provider = &app.state.payments;
    let ask = |request_id: &'static str| Instruction {
        request_id,
        payment_id: &payment,
    };
    let refused = |answer: Result<(), ProviderError>| match answer {
        Err(ProviderError::Refused(refusal)) => Some(refusal),
        Ok(()) => None,
        Err(other) => panic!("{other}"),
    };
    let twd = Money::twd;
    assert_eq!(
        refused(provider.capture(ask("r1"), twd(total + 1)).await),
        Some(Refusal::OverCapture)
    );
    assert_eq!(
        refused(provider.refund(ask("r2"), twd(1)).await),
        Some(Refusal::NotCaptured)
    );
    assert_eq!(refused(provider.capture(ask("r3"), twd(total)).await), None);
    assert_eq!(
        refused(provider.capture(ask("r3"), twd(total)).await),
        None,
        "the same request again: the first answer…"
    );
    assert_eq!(
        amounts(&ledger(&app, &payment).await),
        (total, total, 0, 0),
        "…and no second capture"
    );
    assert_eq!(
        refused(provider.capture(ask("r4"), twd(1)).await),
        Some(Refusal::CapturedAlready)
    );
    assert_eq!(
        refused(provider.void(ask("r5")).await),
        Some(Refusal::CapturedAlready),
        "no void after a capture"
    );
    assert_eq!(
        refused(provider.refund(ask("r6"), twd(total + 1)).await),
        Some(Refusal::OverRefund)
    );
    assert_eq!(refused(provider.refund(ask("r7"), twd(total)).await), None);
    assert_eq!(refused(provider.refund(ask("r7"), twd(total)).await), None);
    assert_eq!(
        refused(provider.refund(ask("r1"), twd(1)).await),
        Some(Refusal::OverCapture),
        "a refused request is refused again, whatever comes with its key"
    );
    assert_eq!(
        amounts(&ledger(&app, &payment).await),
        (total, total, 0, total)
    );

    let (_, voided, _) = held_card_order(&app).await;
    let ask = |request_id: &'static str| Instruction {
        request_id,
        payment_id: &voided,
    };
    assert_eq!(refused(provider.void(ask("v1")).await), None);
    assert_eq!(
        refused(provider.capture(ask("v2"), twd(1)).await),
        Some(Refusal::Voided),
        "no capture after a void"
    );
    assert!(provider.status("pay_nosuch").await.unwrap().is_none());
}

#[tokio::test]
async fn a_cancel_before_shipping_voids_once_and_moves_no_money() {
    let app = TestApp::spawn().await;
    let (order, payment, total) = held_card_order(&app).await;
    assert!(
        orders::cancel(&app.state, &order.number, &Actor::System, "缺貨")
            .await
            .unwrap()
    );
    let cancelled = view(&app, &order).await;
    assert_eq!(cancelled["payment"]["status"], "voided");
    assert_eq!(amounts(&ledger(&app, &payment).await), (total, 0, total, 0));
    let refunded: i64 = sqlx::query_scalar("SELECT refunded FROM orders WHERE number = $1")
        .bind(&order.number)
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
    assert_eq!(refunded, 0, "no refund: no money had moved");
    let ops = instructions(&app, &payment).await;
    assert_eq!(ops, [done("void", total)]);

    // The instruction sent again — by hand and by the outbox — changes nothing.
    let id: String = sqlx::query_scalar("SELECT id FROM payment_operations WHERE payment_id = $1")
        .bind(&payment)
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
    payments::settlement::send(&app.state, &id).await.unwrap();
    at(&app, NOW + 10).await;
    assert_eq!(amounts(&ledger(&app, &payment).await), (total, 0, total, 0));
    assert_eq!(instructions(&app, &payment).await, ops);

    // Should the books disagree, the provider's refusal is kept, not retried for ever.
    app.sql(&format!(
        "INSERT INTO payment_operations (id, payment_id, kind, amount, status, requested_at) \
         VALUES ('op_disagree', '{payment}', 'refund', 100, 'requested', '2026-11-25T00:00:00Z')"
    ))
    .await;
    payments::settlement::send(&app.state, "op_disagree")
        .await
        .unwrap();
    let answer: (String, Option<String>) =
        sqlx::query_as("SELECT status, answer FROM payment_operations WHERE id = 'op_disagree'")
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
    assert_eq!(answer, ("refused".into(), Some("not_captured".into())));
    let history = view(&app, &order).await;
    let last = history["events"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["kind"], "payment_instruction_refused", "{last}");
    assert_eq!(last["actor"]["kind"], "payment_provider");
}

#[tokio::test]
async fn instructions_reach_the_provider_in_the_order_given() {
    let app = TestApp::spawn().await;
    let (_, payment, total) = held_card_order(&app).await;
    // A capture the provider could not be told yet, and a refund given after it.
    for (id, kind, amount) in [("op_first", "capture", total), ("op_then", "refund", 500)] {
        app.sql(&format!(
            "INSERT INTO payment_operations (id, payment_id, kind, amount, status, requested_at) \
             VALUES ('{id}', '{payment}', '{kind}', {amount}, 'requested', '2026-11-25T00:00:00Z')"
        ))
        .await;
    }
    let send = |id: &'static str| payments::settlement::send(&app.state, id);
    assert!(
        send("op_then").await.is_err(),
        "the refund waits for the capture"
    );
    assert_eq!(amounts(&ledger(&app, &payment).await), (total, 0, 0, 0));
    send("op_first").await.unwrap();
    send("op_then").await.unwrap();
    assert_eq!(
        amounts(&ledger(&app, &payment).await),
        (total, total, 0, 500)
    );
    assert_eq!(
        instructions(&app, &payment).await,
        [done("capture", total), done("refund", 500)]
    );
}
