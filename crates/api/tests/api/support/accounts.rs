//! People in the shop: shoppers who sign up and prove their email from the mailed link, and
//! staff with a role.

use fourflow_api::jobs::run_due;
use fourflow_core::staff::Role;
use serde_json::{json, Value};

use super::app::TestApp;
use super::browser::{Answer, Browser};
use super::smtp::SmtpSink;

pub const PASSWORD: &str = "correct horse battery";

/// The emails sent to `to`, newest first, once at least `n` have arrived: as the test's SMTP
/// server received them (or from the development mailbox, for a shop without one), each as
/// `{to, subject, body (the plain text), html, links}`.
pub async fn mail_to(app: &TestApp, to: &str, n: usize) -> Vec<Value> {
    for _ in 0..50 {
        run_due(&app.state).await.unwrap();
        let items = match &app.mail {
            Some(sink) => delivered_to(sink, to),
            None => {
                let list = app.ok(&format!("/api/v1/dev/mailbox?to={to}")).await;
                list["items"].as_array().expect("a list of emails").clone()
            }
        };
        if items.len() >= n {
            return items;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("fewer than {n} emails reached {to}");
}

fn delivered_to(sink: &SmtpSink, to: &str) -> Vec<Value> {
    sink.delivered()
        .into_iter()
        .rev()
        .filter(|m| m.recipients.iter().any(|r| r == to))
        .map(|m| {
            let links: Vec<&str> = m
                .text
                .split_whitespace()
                .filter(|w| w.starts_with("http://") || w.starts_with("https://"))
                .collect();
            json!({ "to": to, "subject": m.subject, "body": m.text, "html": m.html, "links": links })
        })
        .collect()
}

/// The token of the newest email's link that contains `path`.
pub async fn token_in_mail(app: &TestApp, to: &str, n: usize, path: &str) -> String {
    let mails = mail_to(app, to, n).await;
    let link = mails[0]["links"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .find(|l| l.contains(path))
        .unwrap_or_else(|| panic!("no {path} link in {}", mails[0]))
        .to_owned();
    link.split("token=").nth(1).unwrap().to_owned()
}

pub async fn sign_up(app: &TestApp, email: &str) -> Answer {
    Browser::new(app)
        .post(
            "/api/v1/auth/signup",
            &json!({ "email": email, "password": PASSWORD, "name": "林小美" }),
        )
        .await
}

/// A signed-up, verified and signed-in shopper.
pub async fn verified<'a>(app: &'a TestApp, email: &str) -> Browser<'a> {
    assert_eq!(sign_up(app, email).await.status, 202);
    let token = token_in_mail(app, email, 1, "/account/verify").await;
    let mut browser = Browser::new(app);
    let verified = browser
        .post("/api/v1/auth/verify-email", &json!({ "token": token }))
        .await;
    assert_eq!(verified.status, 200, "{}", verified.body);
    assert_eq!(browser.login(email, PASSWORD).await.status, 200);
    browser
}

/// The account id of `email`.
pub async fn id_of(app: &TestApp, email: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM customers WHERE email = $1")
        .bind(email)
        .fetch_one(app.state.db.pool())
        .await
        .unwrap_or_else(|e| panic!("no account for {email}: {e}"))
}

/// A verified, signed-in account with `role`, and its id.
pub async fn member<'a>(app: &'a TestApp, email: &str, role: Role) -> (Browser<'a>, i64) {
    let browser = verified(app, email).await;
    let id = id_of(app, email).await;
    app.sql(&format!(
        "UPDATE customers SET role = '{}' WHERE id = {id}",
        role.as_str()
    ))
    .await;
    (browser, id)
}

/// Mei, who edits the catalog, the promotions and the content.
pub async fn marketer(app: &TestApp) -> Browser<'_> {
    member(app, "mei@example.tw", Role::Marketer).await.0
}

/// The warehouse's operator, who works the orders console.
pub async fn operator(app: &TestApp) -> Browser<'_> {
    member(app, "ops@example.tw", Role::Operator).await.0
}
