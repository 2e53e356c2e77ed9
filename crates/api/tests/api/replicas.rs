//! Two replicas, one database: any server serves any request, as behind a load balancer.
//! Nothing a request or a job needs lives in a process — sessions, carts, stock, idempotency
//! keys and the outbox are in the database — so a shopper signed in on one is served by the
//! other, each outbox job runs once whichever replica claims it, and stock holds when
//! checkouts race across both. Run on SQLite and, in the `pg` suite, on PostgreSQL.

use fourflow_api::jobs::run_due;
use serde_json::json;

use crate::support::{light_sku, mail_to, order_body, verified, Browser, TestApp};

#[tokio::test]
async fn a_shopper_signed_in_on_one_replica_is_served_by_the_other() {
    let first = TestApp::spawn().await;
    let second = first.replica().await;
    assert_ne!(first.base, second.base);
    let on_first = verified(&first, "lin@example.tw").await;

    // The same cookie, sent to the other server.
    let mut on_second = Browser::new(&second);
    on_second.cookie = on_first.cookie.clone();
    let me = on_second.get("/api/v1/me").await;
    assert_eq!(me.status, 200, "{}", me.body);
    assert_eq!(me.body["email"], "lin@example.tw");

    // What one replica keeps for the shopper, the other reads.
    let cart = json!({ "lines": [{ "sku": light_sku(), "qty": 2 }] });
    let saved = on_first.send("PUT", "/api/v1/me/cart", Some(&cart)).await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    let read = on_second.get("/api/v1/me/cart").await;
    assert_eq!(read.body["lines"], cart["lines"], "{}", read.body);

    // Signed out on the second, the session is gone on the first too.
    assert_eq!(
        on_second
            .post("/api/v1/auth/logout", &json!({}))
            .await
            .status,
        204
    );
    assert_eq!(on_first.get("/api/v1/me").await.status, 401);
}

#[tokio::test]
async fn each_outbox_job_runs_once_whichever_replica_takes_it() {
    let first = TestApp::spawn().await;
    let second = first.replica().await;
    // Orders placed on either replica: each queues its confirmation email.
    let mut emails = Vec::new();
    for n in 0..12 {
        let shop = if n % 2 == 0 { &first } else { &second };
        let email = format!("buyer{n}@example.tw");
        let mut order = order_body(&[(&light_sku(), 1)], "cash_on_delivery");
        order["contact"]["email"] = json!(email);
        Browser::new(shop).place_order(&order).await;
        emails.push(email);
    }
    // Both replicas' runners at once, several rounds, besides their own background runners.
    for _ in 0..4 {
        let (a, b) = tokio::join!(run_due(&first.state), run_due(&second.state));
        a.unwrap();
        b.unwrap();
    }
    for email in &emails {
        mail_to(&first, email, 1).await;
    }
    let sink = first.mail.as_ref().unwrap();
    for email in &emails {
        let received = sink
            .delivered()
            .iter()
            .filter(|m| m.recipients.contains(email))
            .count();
        assert_eq!(received, 1, "{email} got {received} confirmations");
    }
    // A job is marked done just after its email is handed over: wait for the last marks.
    let mut counts = (-1, -1);
    for _ in 0..50 {
        counts = sqlx::query_as(
            "SELECT COUNT(*) - COUNT(done_at), COUNT(done_at) FROM outbox \
             WHERE kind = 'email.order_placed'",
        )
        .fetch_one(first.state.db.pool())
        .await
        .unwrap();
        if counts.0 == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let (pending, done): (i64, i64) = counts;
    assert_eq!((pending, done), (0, 12));
}

#[tokio::test]
async fn checkouts_racing_across_both_replicas_never_oversell() {
    let first = TestApp::spawn().await;
    let second = first.replica().await;
    let sku = light_sku();
    first
        .sql(&format!(
            "UPDATE variants SET on_hand = 30, reserved = 0 WHERE sku = '{sku}'"
        ))
        .await;
    let body = order_body(&[(&sku, 1)], "card");
    let answers = futures::future::join_all((0..60).map(|n| {
        let shop = if n % 2 == 0 { &first } else { &second };
        let body = &body;
        async move {
            Browser::new(shop)
                .send_order(&format!("replica-race-{n:03}"), body)
                .await
        }
    }))
    .await;
    let placed = answers.iter().filter(|a| a.status == 201).count();
    let sold_out = answers
        .iter()
        .filter(|a| a.status == 422 && a.code() == Some("out_of_stock"))
        .count();
    let other: Vec<String> = answers
        .iter()
        .filter(|a| a.status != 201 && a.status != 422)
        .map(|a| format!("{} {}", a.status, a.body))
        .collect();
    assert!(other.is_empty(), "{other:?}");
    assert_eq!(
        (placed, sold_out),
        (30, 30),
        "every answer is one or the other"
    );
    // Both replicas placed some: the race really was across the two. (With half the
    // requests winning, one replica taking every win would mean the other never wrote
    // while thirty of its requests waited; with ten, SQLite's single writer once let one
    // replica's burst take them all.)
    let by_replica = |base: &str| {
        answers
            .iter()
            .enumerate()
            .filter(|(n, a)| a.status == 201 && (n % 2 == 0) == (base == first.base))
            .count()
    };
    assert!(by_replica(&first.base) > 0 && by_replica(&second.base) > 0);
    assert_eq!(first.stock(&sku).await, (30, 30), "thirty held, none twice");
}
