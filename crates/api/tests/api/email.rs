//! Email that leaves the shop: through a real SMTP server (the test's own), as HTML with a
//! plain-text part, in the customer's language only, with links that work from a mail client.

use fourflow_api::jobs::run_due;
use serde_json::json;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::support::{
    at, handed_over_at, light_sku, mail_to, operator, order_body, pay_by_card, refund, view,
    Browser, Delivered, TestApp, NOW, PASSWORD,
};

/// The one message delivered to `to`, read as a mail client reads it.
fn only_to(app: &TestApp, to: &str) -> Vec<Delivered> {
    let sink = app.mail.as_ref().expect("the test shop sends through SMTP");
    sink.delivered()
        .into_iter()
        .filter(|m| m.recipients.iter().any(|r| r == to))
        .collect()
}

fn link_in(text: &str, containing: &str) -> String {
    text.split_whitespace()
        .find(|w| w.contains(containing))
        .unwrap_or_else(|| panic!("no link with {containing} in {text}"))
        .to_owned()
}

#[tokio::test]
async fn an_order_confirmation_arrives_in_the_language_it_was_placed_in() {
    let app = TestApp::spawn().await;
    let mut order = order_body(&[(&light_sku(), 1)], "cash_on_delivery");
    order["contact"]["email"] = json!("amy@example.com");
    let placed = Browser::new(&app)
        .send_with(
            "POST",
            "/api/v1/orders",
            Some(&order),
            &[
                ("idempotency-key", "email-en-1"),
                ("accept-language", "en-GB,en;q=0.9"),
            ],
        )
        .await;
    assert_eq!(placed.status, 201, "{}", placed.body);
    let number = placed.body["number"].as_str().unwrap();
    mail_to(&app, "amy@example.com", 1).await;

    let mails = only_to(&app, "amy@example.com");
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    assert_eq!(mail.subject, format!("Order {number} is placed"));
    assert_eq!(
        mail.from_header,
        "四流選物 Fourflow <shop@fourflow.localhost>"
    );
    assert_eq!(mail.sender, "shop@fourflow.localhost");
    // One language, not both stacked.
    assert!(!mail.text.contains("訂單"), "{}", mail.text);
    assert!(mail.raw.contains("multipart/alternative"), "{}", mail.raw);
    assert!(mail.html.contains("<html lang=\"en\">"), "{}", mail.html);
    assert!(mail.html.contains("View your order"));

    // The link is absolute, and opens the order from anywhere (no session).
    let link = link_in(&mail.text, "/orders/");
    let path = link
        .strip_prefix(&app.base)
        .unwrap_or_else(|| panic!("{link} is not on {}", app.base));
    assert!(
        path.starts_with(&format!("/orders/{number}?token=")),
        "{path}"
    );
    let opened = app.ok(&format!("/api/v1{path}")).await;
    assert_eq!(opened["number"], number);
}

#[tokio::test]
async fn without_a_preference_the_shop_writes_in_its_own_language() {
    let app = TestApp::spawn().await;
    let mut order = order_body(&[(&light_sku(), 1)], "cash_on_delivery");
    order["contact"]["email"] = json!("mei@example.tw");
    let number = Browser::new(&app).place_order(&order).await.number;
    mail_to(&app, "mei@example.tw", 1).await;
    let mail = &only_to(&app, "mei@example.tw")[0];
    assert_eq!(mail.subject, format!("訂單 {number} 已成立"));
    assert!(mail.html.contains("<html lang=\"zh-TW\">"));
    assert!(!mail.text.contains("Thank you"), "{}", mail.text);
}

#[tokio::test]
async fn account_emails_follow_the_language_the_account_was_last_used_in() {
    let app = TestApp::spawn().await;
    let english = [("accept-language", "en")];
    let signed_up = Browser::new(&app)
        .send_with(
            "POST",
            "/api/v1/auth/signup",
            Some(&json!({ "email": "tom@example.com", "password": PASSWORD, "name": "Tom" })),
            &english,
        )
        .await;
    assert_eq!(signed_up.status, 202);
    mail_to(&app, "tom@example.com", 1).await;
    let verify = &only_to(&app, "tom@example.com")[0];
    assert_eq!(verify.subject, "Confirm your email");
    assert!(link_in(&verify.text, "/account/verify?token=").starts_with(&app.base));

    // Tom signs in from a browser set to Chinese: what follows is written in Chinese.
    let browser = Browser::new(&app);
    let signed_in = browser
        .send_with(
            "POST",
            "/api/v1/auth/login",
            Some(&json!({ "email": "tom@example.com", "password": PASSWORD })),
            &[("accept-language", "zh-TW")],
        )
        .await;
    assert_eq!(signed_in.status, 200, "{}", signed_in.body);
    browser
        .send_with(
            "POST",
            "/api/v1/auth/password-reset",
            Some(&json!({ "email": "tom@example.com" })),
            &english, // the form's language is not the account's
        )
        .await;
    mail_to(&app, "tom@example.com", 2).await;
    let reset = only_to(&app, "tom@example.com").pop().unwrap();
    assert_eq!(reset.subject, "重設您的密碼");
    assert!(link_in(&reset.text, "/account/reset?token=").starts_with(&app.base));
}

#[tokio::test]
async fn a_mail_server_that_refuses_for_now_gets_the_email_later() {
    let app = TestApp::spawn().await;
    let sink = app.mail.as_ref().unwrap();
    sink.refuse_next(1);
    let mut order = order_body(&[(&light_sku(), 1)], "cash_on_delivery");
    order["contact"]["email"] = json!("later@example.tw");
    Browser::new(&app).place_order(&order).await;
    // This runner, or the server's own, tries it once: wait for that try to be on record.
    let mut tried = None;
    for _ in 0..50 {
        run_due(&app.state).await.unwrap();
        let row: (Option<String>, Option<i64>) = sqlx::query_as(
            "SELECT last_error, done_at FROM outbox WHERE kind = 'email.order_placed'",
        )
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
        if row.0.is_some() || row.1.is_some() {
            tried = Some(row);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let (error, done) = tried.expect("the email was tried");
    assert!(
        only_to(&app, "later@example.tw").is_empty(),
        "refused: not delivered"
    );
    assert!(
        error.is_some_and(|e| e.contains("451")),
        "the failure is kept"
    );
    assert_eq!(done, None, "and the job is not done");

    // Retried once its time comes, and delivered once only.
    app.state.clock.set(NOW + 31);
    mail_to(&app, "later@example.tw", 1).await;
    run_due(&app.state).await.unwrap();
    assert_eq!(only_to(&app, "later@example.tw").len(), 1);
}

/// The email to `to` whose subject is `what`, once it has come (each step's email comes once:
/// a second is a failure).
async fn told(app: &TestApp, to: &str, what: &str) -> Delivered {
    for _ in 0..50 {
        run_due(&app.state).await.unwrap();
        let mut found: Vec<Delivered> = only_to(app, to)
            .into_iter()
            .filter(|m| m.subject == what)
            .collect();
        assert!(found.len() <= 1, "{what} told twice");
        if let Some(mail) = found.pop() {
            return mail;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("{to} was never told {what}");
}

fn taipei_day_of(rfc3339: &str, plus_days: i64) -> String {
    let t = OffsetDateTime::parse(rfc3339, &Rfc3339)
        .unwrap()
        .unix_timestamp();
    let (date, _) = fourflow_core::delivery::taipei(t + plus_days * 86_400);
    format!("{}月{}日", date.month, date.day)
}

#[tokio::test]
async fn a_store_pickup_is_told_at_every_step_the_order_page_shows() {
    let app = TestApp::spawn().await;
    app.state.auto_fulfil.set(true);
    let to = "pick@example.tw";
    let mut body = order_body(&[(&light_sku(), 1)], "card");
    body["contact"]["email"] = json!(to);
    body["shipping_method"] = json!("store_pickup");
    body["delivery"] = json!({ "type": "store", "chain": "7-ELEVEN", "store_id": "131386", "store_name": "大安門市" });
    let order = Browser::new(&app).place_order(&body).await;
    pay_by_card(&app, &order).await;
    at(&app, NOW + 2).await;
    at(&app, NOW + 40).await;
    let number = &order.number;

    // Placed, paid, shipped: with its tracking number and where it is going.
    let shipped = told(&app, to, &format!("訂單 {number} 已出貨")).await;
    let seen = view(&app, &order).await;
    let tracking = seen["shipment"]["tracking_number"].as_str().unwrap();
    assert!(shipped.text.contains(tracking), "{}", shipped.text);
    assert!(shipped.text.contains("送達取貨門市"), "{}", shipped.text);

    // On the store's shelf: which store, and until when.
    let t = handed_over_at(&app, &order).await;
    at(&app, t + 48 * 3600).await;
    let waiting = told(&app, to, &format!("訂單 {number} 已送達取貨門市")).await;
    let seen = view(&app, &order).await;
    let arrived = seen["shipment"]["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["code"] == "arrived_at_store")
        .unwrap();
    assert!(
        waiting.text.contains("7-ELEVEN 大安門市"),
        "{}",
        waiting.text
    );
    let deadline = taipei_day_of(arrived["at"].as_str().unwrap(), 7);
    assert!(
        waiting.text.contains(&format!("請於 {deadline}前")),
        "{}",
        waiting.text
    );

    // Collected: until when it may be sent back.
    at(&app, t + 100 * 3600).await;
    let delivered = told(&app, to, &format!("訂單 {number} 已送達")).await;
    let seen = view(&app, &order).await;
    let collected = seen["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["to_status"] == "delivered")
        .unwrap();
    let return_by = taipei_day_of(collected["at"].as_str().unwrap(), 7);
    assert!(delivered.text.contains(&return_by), "{}", delivered.text);

    // A return asked for, then refunded: each acknowledged.
    let asked = Browser::new(&app)
        .post(
            &format!(
                "/api/v1/orders/{number}/refund-request?token={}",
                order.token
            ),
            &json!({ "reason": "顏色和照片差很多" }),
        )
        .await;
    assert_eq!(asked.status, 200, "{}", asked.body);
    told(&app, to, &format!("已收到訂單 {number} 的退貨申請")).await;
    let ops = operator(&app).await;
    let (status, receipt) =
        refund(&ops, number, "email-refund-1", &json!({ "reason": "退貨" })).await;
    assert_eq!(status, 201, "{receipt}");
    let amount = fourflow_core::Money::twd(receipt["amount"]["amount"].as_i64().unwrap())
        .format(fourflow_core::Locale::ZhTw);
    told(&app, to, &format!("訂單 {number} 已退款 {amount}")).await;
    // Every one of them links to the order, absolutely (as the HTML escapes it).
    let link = format!("{}/orders/{number}", app.base).replace('/', "&#x2f;");
    for mail in only_to(&app, to) {
        assert!(mail.html.contains(&link), "{}", mail.subject);
    }
}
