//! Staff accounts over the API: roles given by account or by email, each change audited with
//! before and after, an admin never removing their own admin role, bad input named.

use fourflow_api::services::staff::grant_role_by_email;
use fourflow_core::staff::Role;
use serde_json::{json, Value};

use crate::support::{id_of, member, verified, Browser, TestApp, NOW};

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
    assert_eq!(items.len(), 3, "{items:?}");
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
