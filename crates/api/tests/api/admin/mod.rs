//! The back office's access layer: every `/api/v1/admin/…` route checks the caller's role on
//! the server (a table of routes, so each new admin route joins the matrix). Staff accounts
//! and the audit log are `staff`.

mod staff;

use fourflow_core::staff::Role;
use serde_json::{json, Value};

use crate::support::{member, Browser, TestApp};

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
        method: "POST",
        path: "/api/v1/admin/orders/FF20261125-NOSUCH/refund-request/decline",
        body: Some(|| json!({ "reason": "test" })),
        allowed: OPERATORS,
        ok: 404,
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
