//! E-invoices (電子發票): chosen at checkout (a bad carrier, love code or tax ID is a 400 naming
//! it), issued by the sandbox issuer once the shop has the money, numbered per two-month
//! period, voided by a whole refund within the period or given back by allowance otherwise,
//! and the choice remembered for a signed-in shopper's next checkout.

use serde_json::{json, Value};

use crate::support::{
    at, light_sku, operator, order_body, pay_by_card, refund, verified, view, Browser, Order,
    TestApp, NOW, PASSWORD,
};

fn with_invoice(invoice: Value) -> Value {
    let mut body = order_body(&[(&light_sku(), 2)], "card");
    body["invoice"] = invoice;
    body
}

/// A card order placed with `invoice`, paid, and its invoice job run.
async fn paid(app: &TestApp, invoice: Value) -> Order {
    let order = Browser::new(app).place_order(&with_invoice(invoice)).await;
    pay_by_card(app, &order).await;
    later(app, 2).await;
    order
}

/// Moves the shop's clock `seconds` on and runs what is due by then.
async fn later(app: &TestApp, seconds: i64) {
    at(app, app.state.clock.now() + seconds).await;
}

#[tokio::test]
async fn a_bad_choice_is_refused_naming_its_field_and_nothing_is_kept() {
    let app = TestApp::spawn().await;
    for (invoice, field) in [
        (
            json!({ "kind": "mobile_barcode", "carrier": "/AB+12" }),
            "invoice.carrier",
        ),
        (
            json!({ "kind": "certificate", "carrier": "AB123" }),
            "invoice.carrier",
        ),
        (
            json!({ "kind": "donation", "love_code": "12" }),
            "invoice.love_code",
        ),
        (
            json!({ "kind": "company", "tax_id": "12345678", "title": "四流" }),
            "invoice.tax_id",
        ),
        (
            json!({ "kind": "company", "tax_id": "04595257", "title": " " }),
            "invoice.title",
        ),
        (
            json!({ "kind": "company", "tax_id": "04595257" }),
            "invoice.title",
        ),
        (json!({ "kind": "lottery" }), "invoice"),
    ] {
        let answer = Browser::new(&app)
            .send_order(
                &format!("bad-invoice-{field}-{}", rand::random::<u32>()),
                &with_invoice(invoice.clone()),
            )
            .await;
        assert_eq!(answer.status, 400, "{invoice}: {}", answer.body);
        assert!(
            answer.field().is_some_and(|f| f.starts_with(field)),
            "{invoice}: {}",
            answer.body
        );
    }
    let orders: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM orders")
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
    assert_eq!(orders, 0);
}

#[tokio::test]
async fn a_paid_order_is_invoiced_as_it_was_placed_numbered_per_period() {
    let app = TestApp::spawn().await;
    let company =
        json!({ "kind": "company", "tax_id": "04595257", "title": "四流選物股份有限公司" });
    let barcode = json!({ "kind": "mobile_barcode", "carrier": " /abc+123 " });
    let unpaid = Browser::new(&app)
        .place_order(&with_invoice(company.clone()))
        .await;
    let first = paid(&app, company.clone()).await;
    let second = paid(&app, barcode).await;

    let waiting = view(&app, &unpaid).await;
    assert_eq!(waiting["invoice"]["choice"], company);
    assert!(
        waiting["invoice"]["number"].is_null(),
        "not paid: no invoice"
    );

    let one = view(&app, &first).await["invoice"].clone();
    let two = view(&app, &second).await["invoice"].clone();
    assert_eq!(one["choice"], company);
    assert_eq!(one["period"], "115年11-12月");
    assert_eq!(
        two["choice"],
        json!({ "kind": "mobile_barcode", "carrier": "/ABC+123" }),
        "kept as the platform stores it"
    );
    let (a, b) = (
        one["number"].as_str().unwrap(),
        two["number"].as_str().unwrap(),
    );
    assert!(fourflow_core::invoice::is_invoice_number(a), "{a}");
    assert_eq!(&a[..2], &b[..2], "one track per period");
    let n = |number: &str| number[2..].parse::<u32>().unwrap();
    assert_eq!(n(b), n(a) + 1, "numbered in order");

    // The shopper is told, with the number and the company it is made out to.
    let mails = crate::support::mail_to(&app, "ming@example.tw", 1).await;
    let told = mails
        .iter()
        .find(|m| m["subject"].as_str().unwrap().contains(a))
        .unwrap_or_else(|| panic!("no email about {a}"));
    assert!(told["body"]
        .as_str()
        .unwrap()
        .contains("四流選物股份有限公司"));
}

#[tokio::test]
async fn refunds_void_a_whole_invoice_in_its_period_and_allow_the_rest() {
    let app = TestApp::spawn().await;
    let mut ops = operator(&app).await;
    let member = json!({ "kind": "member_carrier" });

    // Refunded as a whole in the period: voided.
    let whole = paid(&app, member.clone()).await;
    let (status, body) = refund(
        &ops,
        &whole.number,
        "inv-whole",
        &json!({ "reason": "取消" }),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    later(&app, 1).await;
    let voided = view(&app, &whole).await["invoice"].clone();
    assert_eq!(voided["voided"], true, "{voided}");

    // One of two units, then the other: allowances, never a void once one is given.
    let part = paid(&app, member.clone()).await;
    let seen = view(&app, &part).await;
    let total = seen["quote"]["total"]["amount"].as_i64().unwrap();
    let unit = seen["quote"]["lines"][0]["unit_price"]["amount"]
        .as_i64()
        .unwrap();
    let one_unit = json!({ "reason": "少一件", "lines": [{ "position": 0, "qty": 1 }] });
    let (status, body) = refund(&ops, &part.number, "inv-part-1", &one_unit).await;
    assert_eq!(status, 201, "{body}");
    later(&app, 1).await;
    let after_one = view(&app, &part).await["invoice"].clone();
    assert_eq!(after_one["voided"], false);
    let allowed = after_one["allowance"]["amount"].as_i64().unwrap();
    assert_eq!(allowed, body["amount"]["amount"].as_i64().unwrap());
    assert!(allowed <= unit);
    let (status, body) = refund(
        &ops,
        &part.number,
        "inv-part-2",
        &json!({ "reason": "全退" }),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    later(&app, 1).await;
    let after_all = view(&app, &part).await["invoice"].clone();
    assert_eq!(
        after_all["voided"], false,
        "an allowance was given: no void"
    );
    assert_eq!(after_all["allowance"]["amount"].as_i64().unwrap(), total);

    // Once its period has closed, even a whole refund is an allowance.
    let late = paid(&app, member).await;
    let january = NOW + 40 * 86_400;
    app.state.clock.set(january);
    // Forty days on, the operator's session has run out: signed in again.
    assert_eq!(ops.login("ops@example.tw", PASSWORD).await.status, 200);
    let (status, body) = refund(
        &ops,
        &late.number,
        "inv-late",
        &json!({ "reason": "逾期退" }),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    at(&app, january + 1).await;
    let closed = view(&app, &late).await["invoice"].clone();
    assert_eq!(closed["voided"], false, "{closed}");
    assert_eq!(
        closed["allowance"]["amount"],
        view(&app, &late).await["quote"]["total"]["amount"]
    );
}

#[tokio::test]
async fn cash_on_delivery_is_invoiced_once_it_is_delivered() {
    let app = TestApp::spawn().await;
    app.state.auto_fulfil.set(true);
    let mut body = order_body(&[(&light_sku(), 1)], "cash_on_delivery");
    body["invoice"] = json!({ "kind": "donation", "love_code": "919" });
    let order = Browser::new(&app).place_order(&body).await;
    at(&app, NOW).await;
    at(&app, NOW + 30).await;
    let shipped = view(&app, &order).await;
    assert_eq!(shipped["status"], "shipped");
    assert!(
        shipped["invoice"]["number"].is_null(),
        "no money yet: no invoice"
    );
    at(&app, NOW + 3 * 86_400).await;
    let delivered = view(&app, &order).await;
    assert_eq!(delivered["status"], "delivered");
    assert!(delivered["invoice"]["number"].is_string(), "{delivered}");
}

#[tokio::test]
async fn a_signed_in_shoppers_choice_is_offered_at_the_next_checkout() {
    let app = TestApp::spawn().await;
    let shopper = verified(&app, "lin@example.tw").await;
    assert!(shopper.get("/api/v1/me").await.body["invoice"].is_null());
    let barcode = json!({ "kind": "mobile_barcode", "carrier": "/XYZ.789" });
    shopper.place_order(&with_invoice(barcode.clone())).await;
    assert_eq!(shopper.get("/api/v1/me").await.body["invoice"], barcode);
}
