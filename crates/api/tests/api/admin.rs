//! The back office's access layer: every `/api/v1/admin/…` route checks the caller's role on
//! the server (a table of routes, so each new admin route joins the matrix), role changes are
//! audited with before and after, and an admin cannot remove their own admin role.

use fourflow_api::services::staff::grant_role_by_email;
use fourflow_core::staff::Role;
use serde_json::{json, Value};

use crate::accounts::{verified, Browser};
use crate::support::{TestApp, NOW};

/// One admin route: how to call it (`{me}` is the caller's own account id), which roles may,
/// and what they get (a 404 or 400 past the role check proves the check let them in).
/// Everyone else signed in gets 403; an anonymous caller gets 401.
struct AdminRoute {
    method: &'static str,
    path: &'static str,
    body: Option<fn() -> Value>,
    allowed: &'static [Role],
    ok: u16,
}

const ADMIN_ONLY: &[Role] = &[Role::Admin];
const OPERATORS: &[Role] = &[Role::Operator, Role::Admin];
const MARKETERS: &[Role] = &[Role::Marketer, Role::Admin];

const ROUTES: &[AdminRoute] = &[
    AdminRoute {
        method: "GET",
        path: "/api/v1/admin/staff",
        body: None,
        allowed: ADMIN_ONLY,
        ok: 200,
    },
    AdminRoute {
        // A staff member trying to make themself admin: only an admin may (it changes nothing).
        method: "PUT",
        path: "/api/v1/admin/staff/{me}/role",
        body: Some(|| json!({ "role": "admin" })),
        allowed: ADMIN_ONLY,
        ok: 200,
    },
    AdminRoute {
        // Past the guard, an email no account signed up with is a 404.
        method: "POST",
        path: "/api/v1/admin/staff",
        body: Some(|| json!({ "email": "nobody@example.tw", "role": "marketer" })),
        allowed: ADMIN_ONLY,
        ok: 404,
    },
    AdminRoute {
        method: "GET",
        path: "/api/v1/admin/audit?page=1&per_page=10",
        body: None,
        allowed: ADMIN_ONLY,
        ok: 200,
    },
    AdminRoute {
        method: "GET",
        path: "/api/v1/admin/orders?status=processing",
        body: None,
        allowed: OPERATORS,
        ok: 200,
    },
    AdminRoute {
        method: "GET",
        path: "/api/v1/admin/orders/FF20261125-NOSUCH",
        body: None,
        allowed: OPERATORS,
        ok: 404,
    },
    AdminRoute {
        method: "POST",
        path: "/api/v1/admin/orders/FF20261125-NOSUCH/pack",
        body: Some(|| json!({})),
        allowed: OPERATORS,
        ok: 404,
    },
    AdminRoute {
        method: "POST",
        path: "/api/v1/admin/orders/FF20261125-NOSUCH/hand-over",
        body: Some(|| json!({})),
        allowed: OPERATORS,
        ok: 404,
    },
    AdminRoute {
        method: "POST",
        path: "/api/v1/admin/orders/FF20261125-NOSUCH/cancel",
        body: Some(|| json!({ "reason": "test" })),
        allowed: OPERATORS,
        ok: 404,
    },
    AdminRoute {
        // No Idempotency-Key: refused for that, after the role check.
        method: "POST",
        path: "/api/v1/admin/orders/FF20261125-NOSUCH/refunds",
        body: Some(|| json!({ "reason": "test" })),
        allowed: OPERATORS,
        ok: 400,
    },
    AdminRoute {
        method: "GET",
        path: "/admin/print/pick-lists?orders=FF20261125-NOSUCH",
        body: None,
        allowed: OPERATORS,
        ok: 404,
    },
    AdminRoute {
        method: "GET",
        path: "/api/v1/admin/skus?q=shirt",
        body: None,
        allowed: MARKETERS,
        ok: 200,
    },
    AdminRoute {
        method: "PUT",
        path: "/api/v1/admin/skus/NO-SUCH/price",
        body: Some(|| json!({ "price": { "amount": 100, "currency": "TWD" }, "weight_grams": 1 })),
        allowed: MARKETERS,
        ok: 404,
    },
    AdminRoute {
        method: "POST",
        path: "/api/v1/admin/skus/NO-SUCH/stock-adjustments",
        body: Some(|| json!({ "delta": 1, "reason": "received" })),
        allowed: MARKETERS,
        ok: 404,
    },
    AdminRoute {
        method: "GET",
        path: "/api/v1/admin/skus/export",
        body: None,
        allowed: MARKETERS,
        ok: 200,
    },
    AdminRoute {
        // A JSON body is no CSV: a dry run that reports it, and changes nothing.
        method: "POST",
        path: "/api/v1/admin/skus/import",
        body: Some(|| json!({ "sku": "x" })),
        allowed: MARKETERS,
        ok: 200,
    },
    AdminRoute {
        method: "GET",
        path: "/api/v1/admin/promotions",
        body: None,
        allowed: MARKETERS,
        ok: 200,
    },
    AdminRoute {
        // The path and the body disagree: refused for that, after the role check.
        method: "PUT",
        path: "/api/v1/admin/promotions/matrix",
        body: Some(|| {
            json!({ "promotion": { "id": "other", "label": { "zh_tw": "x", "en": "x" },
            "offer": { "type": "percent_off", "percent": 5 }, "min_spend": null,
            "starts_at": null, "ends_at": null }, "automatic": false })
        }),
        allowed: MARKETERS,
        ok: 400,
    },
    AdminRoute {
        method: "PUT",
        path: "/api/v1/admin/coupons/MATRIX",
        body: Some(|| json!({ "promotion_id": "no-such" })),
        allowed: MARKETERS,
        ok: 400,
    },
    AdminRoute {
        method: "POST",
        path: "/api/v1/admin/promotions/preview",
        body: Some(|| json!({})),
        allowed: MARKETERS,
        ok: 400,
    },
    AdminRoute {
        method: "GET",
        path: "/api/v1/admin/content/help/no-such-article",
        body: None,
        allowed: MARKETERS,
        ok: 404,
    },
    AdminRoute {
        // A body that is not a page: refused for that, after the role check.
        method: "PUT",
        path: "/api/v1/admin/content/home/home",
        body: Some(
            || json!({ "base_version": 0, "body": { "title": { "zh_tw": "x", "en": "x" } } }),
        ),
        allowed: MARKETERS,
        ok: 400,
    },
    AdminRoute {
        method: "POST",
        path: "/api/v1/admin/content/help/no-such-article/publish",
        body: Some(|| json!({ "version": 1 })),
        allowed: MARKETERS,
        ok: 404,
    },
    AdminRoute {
        method: "POST",
        path: "/api/v1/admin/content/help/no-such-article/unpublish",
        body: Some(|| json!({})),
        allowed: MARKETERS,
        ok: 404,
    },
    AdminRoute {
        method: "POST",
        path: "/api/v1/admin/content/help/no-such-article/revert",
        body: Some(|| json!({ "base_version": 1, "to_version": 1 })),
        allowed: MARKETERS,
        ok: 404,
    },
    AdminRoute {
        method: "GET",
        path: "/api/v1/admin/content/help/no-such-article/diff/1/2",
        body: None,
        allowed: MARKETERS,
        ok: 404,
    },
    AdminRoute {
        method: "GET",
        path: "/api/v1/admin/media",
        body: None,
        allowed: MARKETERS,
        ok: 200,
    },
    AdminRoute {
        // A JSON body is no image: refused for that, after the role check.
        method: "POST",
        path: "/api/v1/admin/media",
        body: Some(|| json!({ "image": "no" })),
        allowed: MARKETERS,
        ok: 400,
    },
    AdminRoute {
        method: "POST",
        path: "/api/v1/admin/products",
        body: Some(|| json!({ "slug": "x" })),
        allowed: MARKETERS,
        ok: 400,
    },
    AdminRoute {
        method: "PUT",
        path: "/api/v1/admin/products/no-such",
        body: Some(
            || json!({ "category": "tea", "brand": "x", "featured": false, "images": [], "specs": [] }),
        ),
        allowed: MARKETERS,
        ok: 404,
    },
    AdminRoute {
        method: "POST",
        path: "/api/v1/admin/products/no-such/variants",
        body: Some(
            || json!({ "sku": "X-1", "weight_grams": 1, "price": { "amount": 100, "currency": "TWD" } }),
        ),
        allowed: MARKETERS,
        ok: 404,
    },
    AdminRoute {
        method: "PUT",
        path: "/api/v1/admin/categories/tea",
        body: Some(|| json!({ "parent": "tea", "name": { "zh_tw": "茶", "en": "Tea" } })),
        allowed: MARKETERS,
        ok: 400,
    },
];

async fn id_of(app: &TestApp, email: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM customers WHERE email = $1")
        .bind(email)
        .fetch_one(app.state.db.pool())
        .await
        .unwrap()
}

/// A verified, signed-in account with `role`, and its id.
pub(crate) async fn member<'a>(app: &'a TestApp, email: &str, role: Role) -> (Browser<'a>, i64) {
    let browser = verified(app, email).await;
    let id = id_of(app, email).await;
    app.sql(&format!(
        "UPDATE customers SET role = '{}' WHERE id = {id}",
        role.as_str()
    ))
    .await;
    (browser, id)
}

async fn call(browser: &Browser<'_>, route: &AdminRoute, me: i64) -> (u16, Value) {
    let path = route.path.replace("{me}", &me.to_string());
    let body = route.body.map(|b| b());
    let answer = browser.send(route.method, &path, body.as_ref()).await;
    (answer.status, answer.body)
}

#[tokio::test]
async fn every_admin_route_checks_the_role_on_the_server() {
    let app = TestApp::spawn().await;
    let mut callers = Vec::new();
    for role in Role::ALL {
        let email = format!("{}@example.tw", role.as_str());
        callers.push((role, member(&app, &email, role).await));
    }
    let anonymous = Browser::new(&app);
    for route in ROUTES {
        let (status, body) = call(&anonymous, route, 1).await;
        assert_eq!(
            status, 401,
            "anonymous {} {}: {body}",
            route.method, route.path
        );
        assert_eq!(body["error"]["code"], "unauthorised");
        for (role, (browser, id)) in &callers {
            let (status, body) = call(browser, route, *id).await;
            if route.allowed.contains(role) {
                assert_eq!(
                    status, route.ok,
                    "{role:?} {} {}: {body}",
                    route.method, route.path
                );
            } else {
                assert_eq!(
                    status, 403,
                    "{role:?} {} {}: {body}",
                    route.method, route.path
                );
                assert_eq!(body["error"]["code"], "forbidden");
            }
        }
    }
    // Nothing above changed a role: the marketer and the operator are still what they were.
    let (admin, _) = &callers[3].1;
    let staff = admin.get("/api/v1/admin/staff").await.body;
    let roles: Vec<&str> = staff
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles, ["marketer", "operator", "admin"]);
}

#[tokio::test]
async fn a_role_change_is_audited_with_before_and_after() {
    let app = TestApp::spawn().await;
    let admin = verified(&app, "boss@example.tw").await;
    let admin_id = id_of(&app, "boss@example.tw").await;
    // The first admin is made on the command line: audited with no actor.
    let first = grant_role_by_email(&app.state.db, NOW, None, "boss@example.tw", Role::Admin)
        .await
        .unwrap();
    assert_eq!(first.role, Role::Admin);
    let (marketer, mei) = member(&app, "mei@example.tw", Role::Customer).await;
    assert_eq!(marketer.get("/api/v1/admin/staff").await.status, 403);

    let path = format!("/api/v1/admin/staff/{mei}/role");
    let answer = admin
        .send("PUT", &path, Some(&json!({ "role": "marketer" })))
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body["role"], "marketer");
    assert_eq!(answer.body["email"], "mei@example.tw");
    let answer = admin
        .send("PUT", &path, Some(&json!({ "role": "admin" })))
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    // The new role counts from the next request: no new sign-in needed.
    assert_eq!(marketer.get("/api/v1/admin/staff").await.status, 200);

    let log = admin.get("/api/v1/admin/audit").await;
    assert_eq!(log.status, 200, "{}", log.body);
    assert_eq!(
        (&log.body["total"], &log.body["page"], &log.body["per_page"]),
        (&json!(3), &json!(1), &json!(20))
    );
    let items = log.body["items"].as_array().unwrap();
    let subject = format!("customer:{mei}");
    let expected = [
        (json!(admin_id), subject.as_str(), "marketer", "admin"),
        (json!(admin_id), subject.as_str(), "customer", "marketer"),
    ];
    for (item, (actor, subject, before, after)) in items.iter().zip(expected) {
        assert_eq!(item["action"], "staff.role");
        assert_eq!(item["actor_id"], actor);
        assert_eq!(item["subject"], subject);
        assert_eq!(item["before"], json!({ "role": before }));
        assert_eq!(item["after"], json!({ "role": after }));
        assert_eq!(item["at"], "2026-11-25T00:00:00Z");
    }
    let cli = &items[2];
    assert_eq!(cli["actor_id"], Value::Null);
    assert_eq!(cli["subject"], format!("customer:{admin_id}"));
    assert_eq!(cli["after"], json!({ "role": "admin" }));

    let second = admin.get("/api/v1/admin/audit?page=2&per_page=2").await;
    assert_eq!(second.body["items"].as_array().unwrap().len(), 1);
    assert_eq!(second.body["items"][0]["actor_id"], Value::Null);
    // The same role again changes nothing and records nothing.
    let same = admin
        .send("PUT", &path, Some(&json!({ "role": "admin" })))
        .await;
    assert_eq!(same.status, 200);
    assert_eq!(admin.get("/api/v1/admin/audit").await.body["total"], 3);
}

#[tokio::test]
async fn an_admin_cannot_remove_their_own_admin_role() {
    let app = TestApp::spawn().await;
    let (admin, boss) = member(&app, "boss@example.tw", Role::Admin).await;
    let (other, _) = member(&app, "other@example.tw", Role::Admin).await;
    let path = format!("/api/v1/admin/staff/{boss}/role");
    for role in ["customer", "marketer", "operator"] {
        let answer = admin
            .send("PUT", &path, Some(&json!({ "role": role })))
            .await;
        assert_eq!(answer.status, 409, "{role}: {}", answer.body);
        assert_eq!(answer.code(), Some("own_admin_role"));
        assert_eq!(answer.field(), Some("role"));
    }
    assert_eq!(admin.get("/api/v1/admin/audit").await.body["total"], 0);
    assert_eq!(admin.get("/api/v1/admin/staff").await.status, 200);
    // Another admin may.
    let answer = other
        .send("PUT", &path, Some(&json!({ "role": "operator" })))
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(admin.get("/api/v1/admin/staff").await.status, 403);
}

#[tokio::test]
async fn bad_input_is_named() {
    let app = TestApp::spawn().await;
    let (admin, _) = member(&app, "boss@example.tw", Role::Admin).await;
    let (_, mei) = member(&app, "mei@example.tw", Role::Customer).await;
    let path = format!("/api/v1/admin/staff/{mei}/role");
    for body in [json!({ "role": "root" }), json!({ "role": 1 })] {
        let answer = admin.send("PUT", &path, Some(&body)).await;
        assert_eq!(answer.status, 400, "{body}: {}", answer.body);
        assert_eq!(answer.field(), Some("role"), "{body}: {}", answer.body);
    }
    // A missing field is named as the field at fault.
    let answer = admin.send("PUT", &path, Some(&json!({}))).await;
    assert_eq!(
        (answer.status, answer.field()),
        (400, Some("role")),
        "{}",
        answer.body
    );
    assert_eq!(answer.body["error"]["message"], "role is required");
    let role = json!({ "role": "marketer" });
    let answer = admin
        .send("PUT", "/api/v1/admin/staff/x/role", Some(&role))
        .await;
    assert_eq!((answer.status, answer.field()), (400, Some("customer_id")));
    let answer = admin
        .send("PUT", "/api/v1/admin/staff/999999/role", Some(&role))
        .await;
    assert_eq!(answer.status, 404, "{}", answer.body);
    for query in ["page=0", "per_page=101", "page=x"] {
        let answer = admin.get(&format!("/api/v1/admin/audit?{query}")).await;
        assert_eq!(answer.status, 400, "{query}: {}", answer.body);
    }
    // A mutation without the CSRF header is refused before the role is looked at.
    let mut no_csrf = Browser::new(&app);
    no_csrf.cookie = admin.cookie.clone();
    no_csrf.csrf = false;
    assert_eq!(no_csrf.send("PUT", &path, Some(&role)).await.status, 403);
    assert_eq!(admin.get("/api/v1/admin/audit").await.body["total"], 0);
}

#[tokio::test]
async fn an_admin_gives_a_role_by_the_email_an_account_signed_up_with() {
    let app = TestApp::spawn().await;
    let (admin, admin_id) = member(&app, "boss@example.tw", Role::Admin).await;
    let (_, mei) = member(&app, "mei@example.tw", Role::Customer).await;
    let answer = admin
        .send(
            "POST",
            "/api/v1/admin/staff",
            Some(&json!({ "email": "  Mei@Example.TW ", "role": "marketer" })),
        )
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(
        (&answer.body["customer_id"], &answer.body["role"]),
        (&json!(mei), &json!("marketer"))
    );
    let log = admin.get("/api/v1/admin/audit").await.body;
    let newest = &log["items"][0];
    assert_eq!(
        (&newest["actor_id"], &newest["subject"], &newest["after"]),
        (
            &json!(admin_id),
            &json!(format!("customer:{mei}")),
            &json!({ "role": "marketer" })
        )
    );

    for (email, status) in [("nobody@example.tw", 404), ("mei", 400), ("", 400)] {
        let answer = admin
            .send(
                "POST",
                "/api/v1/admin/staff",
                Some(&json!({ "email": email, "role": "operator" })),
            )
            .await;
        assert_eq!(
            (answer.status, answer.field()),
            (status, Some("email")),
            "{email:?}: {}",
            answer.body
        );
    }
}
