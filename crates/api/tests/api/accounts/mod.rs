//! Accounts: sign-up with a mailed verification link, sessions in a rotating HttpOnly cookie,
//! sign-out, password reset, answers that never tell whether an email is registered, and
//! bad input named by field. `limits` covers rate limits and CSRF; `ownership` covers what a
//! shopper owns (orders, addresses, the saved cart).

mod limits;
mod ownership;

use serde_json::json;

use crate::support::{
    mail_to, saved_address, sign_up, token_in_mail, verified, Browser, TestApp, PASSWORD,
};

#[tokio::test]
async fn sign_up_verify_sign_in_and_out() {
    let app = TestApp::spawn().await;
    let answer = sign_up(&app, "Mei@Example.TW").await;
    assert_eq!(answer.status, 202, "{}", answer.body);
    assert!(answer.set_cookie().is_none(), "sign-up does not sign in");
    let token = token_in_mail(&app, "mei@example.tw", 1, "/account/verify?token=").await;
    let stored: String =
        sqlx::query_scalar("SELECT password_hash FROM customers WHERE email = 'mei@example.tw'")
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
    assert!(stored.starts_with("$argon2id$v=19$"), "Argon2id: {stored}");

    let mut browser = Browser::new(&app);
    let first = browser.login("mei@example.tw", PASSWORD).await;
    assert_eq!(first.status, 200, "{}", first.body);
    assert_eq!(first.body["profile"]["email_verified"], false);
    let cookie = first.set_cookie().unwrap();
    for part in ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=2592000"] {
        assert!(cookie.contains(part), "{cookie} lacks {part}");
    }
    assert!(!cookie.contains("Secure"), "plain http on localhost");

    let verify = json!({ "token": token });
    let verified = browser.post("/api/v1/auth/verify-email", &verify).await;
    assert_eq!(verified.status, 200, "{}", verified.body);
    let again = browser.post("/api/v1/auth/verify-email", &verify).await;
    assert_eq!((again.status, again.field()), (400, Some("token")));
    let me = browser.get("/api/v1/me").await;
    assert_eq!(me.status, 200);
    assert_eq!(
        (
            me.body["email"].as_str(),
            me.body["email_verified"].as_bool(),
            me.body["role"].as_str()
        ),
        (Some("mei@example.tw"), Some(true), Some("customer"))
    );

    // A new session id at each sign-in; the old cookie no longer works.
    let old = browser.cookie.clone();
    assert_eq!(browser.login("MEI@example.tw ", PASSWORD).await.status, 200);
    assert_ne!(browser.cookie, old);
    let stale = Browser {
        cookie: old,
        ..Browser::new(&app)
    };
    assert_eq!(stale.get("/api/v1/me").await.status, 401);
    assert_eq!(browser.get("/api/v1/me").await.status, 200);

    let renamed = browser
        .send("PATCH", "/api/v1/me", Some(&json!({ "name": "小美" })))
        .await;
    assert_eq!(
        (renamed.status, renamed.body["name"].as_str()),
        (200, Some("小美"))
    );

    let out = browser.post("/api/v1/auth/logout", &json!({})).await;
    assert_eq!(out.status, 204);
    assert!(out.set_cookie().unwrap().contains("Max-Age=0"));
    assert_eq!(browser.get("/api/v1/me").await.status, 401);
    let sessions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions")
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
    assert_eq!(sessions, 0, "signing in twice and out once leaves none");
}

#[tokio::test]
async fn no_answer_tells_whether_an_email_is_registered() {
    let app = TestApp::spawn().await;
    let first = sign_up(&app, "wen@example.tw").await;
    let second = sign_up(&app, "WEN@example.tw").await;
    assert_eq!((first.status, second.status), (202, 202));
    assert_eq!(first.body, second.body);
    // The job runner and the test may send the two mails in either order.
    let mails = mail_to(&app, "wen@example.tw", 2).await;
    let told: Vec<bool> = mails
        .iter()
        .map(|m| {
            m["subject"]
                .as_str()
                .unwrap()
                // No Accept-Language: the shop's own language.
                .contains("已經有四流選物的帳號")
        })
        .collect();
    assert_eq!(told.iter().filter(|t| **t).count(), 1, "{mails:?}");
    let customers: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM customers")
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
    assert_eq!(customers, 1);

    let mut browser = Browser::new(&app);
    let wrong = browser.login("wen@example.tw", "not the password").await;
    let unknown = browser.login("nobody@example.tw", "not the password").await;
    assert_eq!((wrong.status, unknown.status), (401, 401));
    assert_eq!(wrong.body, unknown.body);
    assert!(wrong.session_cookie().is_none());

    let reset = json!({ "email": "nobody@example.tw" });
    let a = browser.post("/api/v1/auth/password-reset", &reset).await;
    let b = browser
        .post(
            "/api/v1/auth/password-reset",
            &json!({ "email": "wen@example.tw" }),
        )
        .await;
    assert_eq!((a.status, b.status), (202, 202));
    assert_eq!(a.body, b.body);
    mail_to(&app, "wen@example.tw", 3).await;
    let sink = app.mail.as_ref().unwrap();
    assert!(sink
        .delivered()
        .iter()
        .all(|m| !m.recipients.contains(&"nobody@example.tw".to_owned())));
    assert_eq!(
        sink.delivered().len(),
        3,
        "only wen's three emails left the shop"
    );
}

#[tokio::test]
async fn a_password_reset_is_single_use_expires_and_signs_out_everywhere() {
    let app = TestApp::spawn().await;
    let mut browser = verified(&app, "lin@example.tw").await;
    let anon = Browser::new(&app);
    let ask = json!({ "email": "lin@example.tw" });
    assert_eq!(
        anon.post("/api/v1/auth/password-reset", &ask).await.status,
        202
    );
    let token = token_in_mail(&app, "lin@example.tw", 2, "/account/reset?token=").await;
    let confirm = json!({ "token": token, "password": "a brand new passphrase" });
    let done = anon
        .post("/api/v1/auth/password-reset/confirm", &confirm)
        .await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!(
        browser.get("/api/v1/me").await.status,
        401,
        "old sessions end"
    );
    let reused = anon
        .post("/api/v1/auth/password-reset/confirm", &confirm)
        .await;
    assert_eq!((reused.status, reused.field()), (400, Some("token")));
    assert_eq!(browser.login("lin@example.tw", PASSWORD).await.status, 401);
    assert_eq!(
        browser
            .login("lin@example.tw", "a brand new passphrase")
            .await
            .status,
        200
    );

    // A link older than an hour is refused.
    assert_eq!(
        anon.post("/api/v1/auth/password-reset", &ask).await.status,
        202
    );
    let token = token_in_mail(&app, "lin@example.tw", 3, "/account/reset?token=").await;
    app.state.clock.set(app.state.clock.now() + 3601);
    let late = anon
        .post(
            "/api/v1/auth/password-reset/confirm",
            &json!({ "token": token, "password": "another new passphrase" }),
        )
        .await;
    assert_eq!((late.status, late.field()), (400, Some("token")));
}

#[tokio::test]
async fn bad_input_is_refused_naming_the_field() {
    let app = TestApp::spawn().await;
    let anon = Browser::new(&app);
    let signup = |email: &str, password: &str, name: &str| json!({ "email": email, "password": password, "name": name });
    for (path, body, field) in [
        (
            "/api/v1/auth/signup",
            signup("mei@", PASSWORD, "美"),
            "email",
        ),
        (
            "/api/v1/auth/signup",
            signup("m@e.tw", "short", "美"),
            "password",
        ),
        (
            "/api/v1/auth/signup",
            signup("m@e.tw", "12345678901", "美"),
            "password",
        ),
        (
            "/api/v1/auth/signup",
            signup("m@e.tw", PASSWORD, " "),
            "name",
        ),
        (
            "/api/v1/auth/login",
            json!({ "email": "m@e.tw", "password": "" }),
            "password",
        ),
        (
            "/api/v1/auth/login",
            json!({ "email": "m@e.tw", "password": "x", "cart": [{ "sku": "TEE", "qty": 0 }] }),
            "cart[0].qty",
        ),
        (
            "/api/v1/auth/verify-email",
            json!({ "token": "abc" }),
            "token",
        ),
        (
            "/api/v1/auth/password-reset/confirm",
            json!({ "token": "ab".repeat(32), "password": "short" }),
            "password",
        ),
        (
            "/api/v1/auth/password-reset",
            json!({ "email": "nope" }),
            "email",
        ),
    ] {
        let answer = anon.post(path, &body).await;
        assert_eq!(
            (answer.status, answer.field()),
            (400, Some(field)),
            "{path} {body}"
        );
    }
    let browser = verified(&app, "field@example.tw").await;
    let mut address = saved_address("家");
    address["phone"] = json!("02-1234");
    let mut no_city = saved_address("家");
    no_city["city"] = json!("");
    for (method, path, body, field) in [
        ("POST", "/api/v1/me/addresses", address, "phone"),
        ("POST", "/api/v1/me/addresses", no_city, "city"),
        ("PUT", "/api/v1/me/addresses/x", saved_address("家"), "id"),
        (
            "PUT",
            "/api/v1/me/cart",
            json!({ "lines": [{ "sku": "TEE", "qty": 100 }] }),
            "lines[0].qty",
        ),
        (
            "PUT",
            "/api/v1/me/cart",
            json!({ "lines": [{ "sku": "bad sku", "qty": 1 }] }),
            "lines[0].sku",
        ),
        ("PATCH", "/api/v1/me", json!({ "name": "" }), "name"),
        (
            "POST",
            "/api/v1/me/orders/claim",
            json!({ "number": "", "token": "x" }),
            "number",
        ),
    ] {
        let answer = browser.send(method, path, Some(&body)).await;
        assert_eq!(
            (answer.status, answer.field()),
            (400, Some(field)),
            "{method} {path}"
        );
    }
    let paged = browser.get("/api/v1/me/orders?per_page=0").await;
    assert_eq!((paged.status, paged.field()), (400, Some("per_page")));
}

#[tokio::test]
async fn the_dev_mailbox_page_lists_emails_with_clickable_links() {
    let app = TestApp::spawn_with_dev_mailbox().await;
    sign_up(&app, "page@example.tw").await;
    mail_to(&app, "page@example.tw", 1).await;
    let (status, page) = app.get("/dev/mailbox").await;
    assert_eq!(status, 200);
    let html = page.as_str().expect("an HTML page");
    assert!(html.contains("page@example.tw"));
    // Links in emails are absolute: they are opened from a mail client.
    let link = format!("<a href=\"{}/account/verify?token=", app.base);
    assert!(html.contains(&link), "{html}");
}
