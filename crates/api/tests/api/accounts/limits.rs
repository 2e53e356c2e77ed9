//! Sign-in rate limits (per account and per address, on the shop's clock) and CSRF: the
//! custom header and the Origin check on every mutation made with a session cookie.

use serde_json::json;

use crate::support::{saved_address, sign_up, verified, Browser, TestApp, PASSWORD};

#[tokio::test]
async fn sign_in_is_limited_per_account_until_the_window_passes() {
    let app = TestApp::spawn().await;
    sign_up(&app, "rate@example.tw").await;
    let mut browser = Browser::new(&app);
    for _ in 0..5 {
        assert_eq!(
            browser
                .login("rate@example.tw", "wrong password")
                .await
                .status,
            401
        );
    }
    let limited = browser.login("rate@example.tw", PASSWORD).await;
    assert_eq!(
        (limited.status, limited.code()),
        (429, Some("rate_limited")),
        "even the right password waits"
    );
    let retry: i64 = limited.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=900).contains(&retry), "{retry}");
    // An unknown email is limited the same way: a 429 tells nothing either.
    for _ in 0..5 {
        browser.login("ghost@example.tw", "wrong password").await;
    }
    assert_eq!(browser.login("ghost@example.tw", "x").await.status, 429);

    app.state.clock.set(app.state.clock.now() + retry);
    assert_eq!(browser.login("rate@example.tw", PASSWORD).await.status, 200);
}

#[tokio::test]
async fn guesses_sent_side_by_side_cannot_slip_under_the_limit() {
    let app = TestApp::spawn().await;
    sign_up(&app, "burst@example.tw").await;
    let answers = futures::future::join_all((0..12).map(|_| {
        let app = &app;
        async move {
            let mut browser = Browser::new(app);
            browser
                .login("burst@example.tw", "wrong password")
                .await
                .status
        }
    }))
    .await;
    let wrong = answers.iter().filter(|s| **s == 401).count();
    let limited = answers.iter().filter(|s| **s == 429).count();
    assert_eq!((wrong + limited, wrong <= 5), (12, true), "{answers:?}");
}

#[tokio::test]
async fn sign_in_is_limited_per_address() {
    let app = TestApp::spawn().await;
    sign_up(&app, "ip@example.tw").await;
    let mut browser = Browser::new(&app);
    for n in 0..20 {
        let email = format!("guess{n}@example.tw");
        assert_eq!(browser.login(&email, "wrong password").await.status, 401);
    }
    let limited = browser.login("ip@example.tw", PASSWORD).await;
    assert_eq!(
        (limited.status, limited.code()),
        (429, Some("rate_limited"))
    );
    app.state.clock.set(app.state.clock.now() + 15 * 60 + 1);
    assert_eq!(browser.login("ip@example.tw", PASSWORD).await.status, 200);
}

#[tokio::test]
async fn mutations_with_a_session_need_the_header_and_the_shops_origin() {
    let app = TestApp::spawn().await;
    let browser = verified(&app, "csrf@example.tw").await;
    let address = saved_address("家");
    let forged = Browser {
        csrf: false,
        cookie: browser.cookie.clone(),
        ..Browser::new(&app)
    };
    for (method, path) in [
        ("POST", "/api/v1/me/addresses"),
        ("PATCH", "/api/v1/me"),
        ("PUT", "/api/v1/me/cart"),
        ("DELETE", "/api/v1/me/addresses/1"),
        ("POST", "/api/v1/orders"),
    ] {
        let answer = forged.send(method, path, Some(&address)).await;
        assert_eq!(
            (answer.status, answer.code()),
            (403, Some("csrf")),
            "{method} {path}"
        );
    }
    let foreign = browser
        .send_with(
            "POST",
            "/api/v1/me/addresses",
            Some(&address),
            &[("origin", "https://evil.example")],
        )
        .await;
    assert_eq!((foreign.status, foreign.code()), (403, Some("csrf")));
    let same = browser
        .send_with(
            "POST",
            "/api/v1/me/addresses",
            Some(&address),
            &[("origin", app.base.as_str())],
        )
        .await;
    assert_eq!(same.status, 201, "{}", same.body);
    assert_eq!(
        forged.get("/api/v1/me").await.status,
        200,
        "reads need no header"
    );

    // Sign-in needs the header even without a cookie (login CSRF).
    let bare = Browser {
        csrf: false,
        ..Browser::new(&app)
    };
    let login = json!({ "email": "csrf@example.tw", "password": PASSWORD });
    let answer = bare.post("/api/v1/auth/login", &login).await;
    assert_eq!((answer.status, answer.code()), (403, Some("csrf")));
    // Guests' calls without a cookie need none; webhooks never do (they are signed instead).
    let quote = bare
        .post("/api/v1/cart/quote", &json!({ "lines": [] }))
        .await;
    assert_ne!(quote.status, 403);
    let webhook = forged
        .post("/api/v1/payments/webhooks/sandbox", &json!({}))
        .await;
    assert_eq!(webhook.status, 401, "unsigned, not a CSRF refusal");
}
