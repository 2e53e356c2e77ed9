//! What belongs to a shopper: orders (another customer's answers 404, with or without its
//! token), claiming guest orders with a verified email, the address book, the saved cart.

use fourflow_api::demo;
use fourflow_core::cart::{merge, CartLine};
use fourflow_core::catalog::Sku;
use serde_json::json;

use crate::support::{
    order_body, saved_address, sign_up, token_in_mail, verified, Browser, TestApp, PASSWORD,
};

fn sku_in_stock() -> String {
    demo::catalog()
        .unwrap()
        .products
        .into_iter()
        .flat_map(|p| p.variants)
        .find(|v| v.stock >= 20)
        .map(|v| v.sku.to_string())
        .unwrap()
}

/// Places an order as this browser (a guest when it has no cookie); its number and token.
async fn place(browser: &Browser<'_>, email: &str, key: &str) -> (String, String) {
    let mut body = order_body(&[(&sku_in_stock(), 1)], "card");
    body["contact"]["email"] = json!(email);
    let answer = browser.send_order(key, &body).await;
    assert_eq!(answer.status, 201, "{}", answer.body);
    let s = |k: &str| answer.body[k].as_str().unwrap().to_owned();
    (s("number"), s("access_token"))
}

#[tokio::test]
async fn an_order_is_seen_by_its_owner_and_by_no_other_customer() {
    let app = TestApp::spawn().await;
    let a = verified(&app, "a@example.tw").await;
    let b = verified(&app, "b@example.tw").await;
    let guest = Browser::new(&app);
    let (number, token) = place(&a, "a@example.tw", "key-owner-0001").await;
    let (guest_number, guest_token) = place(&guest, "g@example.tw", "key-guest-0001").await;

    let path = format!("/api/v1/orders/{number}");
    let with_token = format!("{path}?token={token}");
    assert_eq!(a.get(&path).await.status, 200, "the owner needs no token");
    for (who, url) in [("b", &path), ("b with a's token", &with_token)] {
        let answer = b.get(url).await;
        assert_eq!(
            (answer.status, answer.code()),
            (404, Some("not_found")),
            "{who}"
        );
    }
    assert_eq!(guest.get(&path).await.status, 404);
    assert_eq!(
        guest.get(&with_token).await.status,
        200,
        "the emailed link, signed out"
    );
    let guest_path = format!("/api/v1/orders/{guest_number}?token={guest_token}");
    assert_eq!(guest.get(&guest_path).await.status, 200);
    assert_eq!(
        a.get(&format!("/api/v1/orders/{guest_number}"))
            .await
            .status,
        404
    );

    let mine = a.get("/api/v1/me/orders").await;
    assert_eq!(mine.status, 200, "{}", mine.body);
    assert_eq!(
        (mine.body["total"].as_u64(), mine.body["page"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(mine.body["items"][0]["number"], number.as_str());
    assert_eq!(mine.body["items"][0]["items"], 1);
    assert_eq!(b.get("/api/v1/me/orders").await.body["total"], 0);
    assert_eq!(guest.get("/api/v1/me/orders").await.status, 401);
}

#[tokio::test]
async fn guest_orders_are_claimed_only_with_a_verified_matching_email() {
    let app = TestApp::spawn().await;
    let guest = Browser::new(&app);
    let (first, first_token) = place(&guest, "Chen@Example.tw", "key-claim-0001").await;

    // Signed in but not verified yet: no claim.
    sign_up(&app, "chen@example.tw").await;
    let mut chen = Browser::new(&app);
    assert_eq!(chen.login("chen@example.tw", PASSWORD).await.status, 200);
    let claim = json!({ "number": first, "token": first_token });
    let refused = chen.post("/api/v1/me/orders/claim", &claim).await;
    assert_eq!(
        (refused.status, refused.code()),
        (403, Some("email_unverified"))
    );

    // Verifying claims every guest order placed with the email.
    let token = token_in_mail(&app, "chen@example.tw", 1, "/account/verify").await;
    let verified_answer = chen
        .post("/api/v1/auth/verify-email", &json!({ "token": token }))
        .await;
    assert_eq!(verified_answer.body["claimed_orders"], 1);
    assert_eq!(
        chen.get(&format!("/api/v1/orders/{first}")).await.status,
        200
    );

    // Later guest orders: claimed explicitly, with the token, only if the email matches.
    let (second, second_token) = place(&guest, "chen@example.tw", "key-claim-0002").await;
    let (other, other_token) = place(&guest, "someone@example.tw", "key-claim-0003").await;
    let wrong_token = chen
        .post(
            "/api/v1/me/orders/claim",
            &json!({ "number": second, "token": other_token }),
        )
        .await;
    assert_eq!(wrong_token.status, 404);
    let mismatch = chen
        .post(
            "/api/v1/me/orders/claim",
            &json!({ "number": other, "token": other_token }),
        )
        .await;
    assert_eq!(
        (mismatch.status, mismatch.code()),
        (403, Some("email_mismatch"))
    );
    let claimed = chen
        .post(
            "/api/v1/me/orders/claim",
            &json!({ "number": second, "token": second_token }),
        )
        .await;
    assert_eq!(claimed.status, 204, "{}", claimed.body);
    assert_eq!(chen.get("/api/v1/me/orders").await.body["total"], 2);
    // Once claimed, another customer holding the token cannot take or read it.
    let b = verified(&app, "chen2@example.tw").await;
    let taken = b
        .post(
            "/api/v1/me/orders/claim",
            &json!({ "number": second, "token": second_token }),
        )
        .await;
    assert_eq!(taken.status, 404);
}

#[tokio::test]
async fn the_address_book_belongs_to_its_customer() {
    let app = TestApp::spawn().await;
    let a = verified(&app, "book@example.tw").await;
    let b = verified(&app, "other@example.tw").await;
    let home = a.post("/api/v1/me/addresses", &saved_address("家")).await;
    assert_eq!(home.status, 201, "{}", home.body);
    assert_eq!(home.body["is_default"], true, "the first is the default");
    let mut office = saved_address("公司");
    office["is_default"] = json!(true);
    let office = a.post("/api/v1/me/addresses", &office).await;
    let list = a.get("/api/v1/me/addresses").await.body;
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert_eq!(
        (list[0]["label"].as_str(), list[0]["is_default"].as_bool()),
        (Some("公司"), Some(true))
    );
    assert_eq!(list[1]["is_default"], false, "one default at most");

    let id = home.body["id"].as_i64().unwrap();
    let mut moved = saved_address("老家");
    moved["city"] = json!("台南市");
    moved["district"] = json!("中西區");
    moved["postal_code"] = json!("70043");
    let updated = a
        .send("PUT", &format!("/api/v1/me/addresses/{id}"), Some(&moved))
        .await;
    assert_eq!(
        (updated.status, updated.body["city"].as_str()),
        (200, Some("台南市"))
    );
    // A district its city does not have is refused, naming the field.
    let mut lost = moved.clone();
    lost["district"] = json!("大安區");
    let refused = a
        .send("PUT", &format!("/api/v1/me/addresses/{id}"), Some(&lost))
        .await;
    assert_eq!(
        (refused.status, refused.body["error"]["field"].as_str()),
        (400, Some("district")),
        "{}",
        refused.body
    );

    // Another customer's id is a 404, for reading-by-changing and deleting alike.
    let theirs = format!("/api/v1/me/addresses/{id}");
    assert_eq!(b.send("PUT", &theirs, Some(&moved)).await.status, 404);
    assert_eq!(b.send("DELETE", &theirs, None).await.status, 404);
    assert_eq!(b.get("/api/v1/me/addresses").await.body, json!([]));

    let office_id = office.body["id"].as_i64().unwrap();
    let deleted = a
        .send("DELETE", &format!("/api/v1/me/addresses/{office_id}"), None)
        .await;
    assert_eq!(deleted.status, 204);
    let list = a.get("/api/v1/me/addresses").await.body;
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["is_default"], true, "the default passes on");
    assert_eq!(
        Browser::new(&app).get("/api/v1/me/addresses").await.status,
        401
    );
}

#[tokio::test]
async fn signing_in_merges_the_browsers_cart_with_the_saved_one() {
    let app = TestApp::spawn().await;
    let mut browser = verified(&app, "cart@example.tw").await;
    let line = |sku: &str, qty: u32| CartLine {
        sku: Sku::parse("sku", sku).unwrap(),
        qty,
    };
    let saved = vec![line("TEE-A", 2), line("MUG-B", 1)];
    let put = browser
        .send("PUT", "/api/v1/me/cart", Some(&json!({ "lines": saved })))
        .await;
    assert_eq!(put.status, 200, "{}", put.body);
    browser.post("/api/v1/auth/logout", &json!({})).await;

    let local = vec![line("MUG-B", 3), line("CAP-C", 1)];
    let answer = browser
        .post(
            "/api/v1/auth/login",
            &json!({ "email": "cart@example.tw", "password": PASSWORD, "cart": local }),
        )
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let expected = serde_json::to_value(merge(&local, &saved)).unwrap();
    assert_eq!(answer.body["cart"], expected, "the core rule");
    browser.cookie = answer.session_cookie();
    assert_eq!(
        browser.get("/api/v1/me/cart").await.body["lines"],
        expected,
        "and saved"
    );
}
