//! Merchandising of SKUs: a price change shoppers see at once, stock moved with a reason and
//! never below what orders hold, the CSV export and an import that reports every bad cell by
//! line and column and changes nothing until it is clean and confirmed. All audited.

use serde_json::{json, Value};

use crate::support::{address, light_sku, marketer, place, Browser, TestApp};

async fn sku_record(m: &Browser<'_>, sku: &str) -> Value {
    let list = m.get(&format!("/api/v1/admin/skus?q={sku}")).await;
    assert_eq!(list.status, 200, "{}", list.body);
    list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["sku"] == sku)
        .cloned()
        .unwrap()
}

/// The SKU's price as a shopper's product page shows it.
async fn shop_price(app: &TestApp, product: &str, sku: &str) -> Value {
    let detail = app.ok(&format!("/api/v1/products/{product}")).await;
    detail["variants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["sku"] == sku)
        .map(|v| v["price"]["amount"].clone())
        .unwrap()
}

async fn import(m: &Browser<'_>, csv: &str, dry_run: bool) -> (u16, Value) {
    import_in(m, csv, dry_run, None).await
}

/// An import from a console that asks for `language` (`Accept-Language`), if any.
async fn import_in(
    m: &Browser<'_>,
    csv: &str,
    dry_run: bool,
    language: Option<&str>,
) -> (u16, Value) {
    let path = format!("/api/v1/admin/skus/import?dry_run={dry_run}");
    let mut request = m
        .request(reqwest::Method::POST, &path)
        .header("content-type", "text/csv");
    if let Some(language) = language {
        request = request.header("accept-language", language);
    }
    let response = request.body(csv.to_owned()).send().await.unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

async fn audit_actions(app: &TestApp) -> Vec<(String, String)> {
    sqlx::query_as("SELECT action, subject FROM audit_log ORDER BY id")
        .fetch_all(app.state.db.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn a_new_price_is_checked_audited_and_shown_to_shoppers_at_once() {
    let app = TestApp::spawn().await;
    let m = marketer(&app).await;
    let sku = light_sku();
    let before = sku_record(&m, &sku).await;
    let product = before["product"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/admin/skus/{sku}/price");

    let answer = m
        .send(
            "PUT",
            &path,
            Some(&json!({ "price": { "amount": 99_000, "currency": "TWD" },
            "compare_at": { "amount": 129_000, "currency": "TWD" }, "weight_grams": 400 })),
        )
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body["price"]["amount"], 99_000);
    assert_eq!(shop_price(&app, &product, &sku).await, 99_000);
    assert_eq!(
        audit_actions(&app).await,
        [("sku.price".to_owned(), format!("sku:{sku}"))]
    );

    for (body, field) in [
        (
            json!({ "price": { "amount": 99_000, "currency": "TWD" },
                 "compare_at": { "amount": 90_000, "currency": "TWD" }, "weight_grams": 400 }),
            "compare_at",
        ),
        (
            json!({ "price": { "amount": -1, "currency": "TWD" }, "weight_grams": 400 }),
            "price",
        ),
        (
            json!({ "price": { "amount": 99_050, "currency": "TWD" }, "weight_grams": 400 }),
            "price",
        ),
        (
            json!({ "price": { "amount": 99_000, "currency": "TWD" } }),
            "weight_grams",
        ),
    ] {
        let answer = m.send("PUT", &path, Some(&body)).await;
        assert_eq!(
            (answer.status, answer.field()),
            (400, Some(field)),
            "{}",
            answer.body
        );
    }
    assert_eq!(
        shop_price(&app, &product, &sku).await,
        99_000,
        "nothing half written"
    );
    let missing = m
        .send(
            "PUT",
            "/api/v1/admin/skus/NO-SUCH/price",
            Some(&json!({ "price": { "amount": 100, "currency": "TWD" }, "weight_grams": 1 })),
        )
        .await;
    assert_eq!(missing.status, 404);
}

#[tokio::test]
async fn stock_moves_with_its_reason_and_never_below_what_orders_hold() {
    let app = TestApp::spawn().await;
    let m = marketer(&app).await;
    let sku = light_sku();
    let path = format!("/api/v1/admin/skus/{sku}/stock-adjustments");
    let start = sku_record(&m, &sku).await["on_hand"].as_i64().unwrap();

    let received = m
        .post(
            &path,
            &json!({ "delta": 24, "reason": "received", "note": "PO-1128" }),
        )
        .await;
    assert_eq!(received.status, 200, "{}", received.body);
    assert_eq!(received.body["on_hand"], start + 24);
    // An order waiting for its transfer holds one unit.
    place(&app, "atm_transfer", "home_delivery", address()).await;
    let held = sku_record(&m, &sku).await;
    assert_eq!(held["reserved"], 1);

    let too_many = m
        .post(
            &path,
            &json!({ "delta": -(start + 24), "reason": "recount" }),
        )
        .await;
    assert_eq!(
        (too_many.status, too_many.field()),
        (400, Some("delta")),
        "{}",
        too_many.body
    );
    let all_but_held = m
        .post(
            &path,
            &json!({ "delta": -(start + 23), "reason": "recount" }),
        )
        .await;
    assert_eq!(all_but_held.status, 200, "{}", all_but_held.body);
    assert_eq!(all_but_held.body["on_hand"], 1);

    for body in [
        json!({ "delta": 0, "reason": "recount" }),
        json!({ "delta": 2, "reason": "damaged" }),
        json!({ "delta": -2, "reason": "received" }),
    ] {
        let answer = m.post(&path, &body).await;
        assert_eq!(
            (answer.status, answer.field()),
            (400, Some("delta")),
            "{body}"
        );
    }
    let bad_reason = m
        .post(&path, &json!({ "delta": 1, "reason": "magic" }))
        .await;
    assert_eq!(
        (bad_reason.status, bad_reason.field()),
        (400, Some("reason"))
    );

    let log = sqlx::query_scalar::<_, String>(
        "SELECT \"after\" FROM audit_log WHERE action = 'sku.stock' ORDER BY id",
    )
    .fetch_all(app.state.db.pool())
    .await
    .unwrap();
    let first: Value = serde_json::from_str(&log[0]).unwrap();
    assert_eq!(
        (&first["delta"], &first["reason"], &first["note"]),
        (&json!(24), &json!("received"), &json!("PO-1128"))
    );
    assert_eq!(log.len(), 2, "refused adjustments leave no trace");
}

#[tokio::test]
async fn a_csv_import_is_a_dry_run_until_clean_and_confirmed() {
    let app = TestApp::spawn().await;
    let m = marketer(&app).await;
    let export = m
        .request(reqwest::Method::GET, "/api/v1/admin/skus/export")
        .send()
        .await
        .unwrap();
    assert_eq!(export.status(), 200);
    assert!(export.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let csv = export.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "sku,product,name,price,compare_at,on_hand,weight_grams"
    );
    let skus: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM variants")
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
    assert_eq!(lines.len() as i64 - 1, skus);
    // The whole export, imported back, changes nothing.
    let (status, same) = import(&m, &csv, true).await;
    assert_eq!(status, 200);
    assert_eq!(
        (
            same["rows"].as_i64(),
            same["errors"].as_array().map(Vec::len)
        ),
        (Some(skus), Some(0))
    );
    assert_eq!(same["changes"], json!([]));

    let sku = light_sku();
    let current = sku_record(&m, &sku).await;
    let on_hand = current["on_hand"].as_i64().unwrap();
    let edit = format!("sku,price,on_hand\n{sku},880,{}\n", on_hand + 10);
    let (status, dry) = import(&m, &edit, true).await;
    assert_eq!(status, 200, "{dry}");
    let columns: Vec<&str> = dry["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["column"].as_str().unwrap())
        .collect();
    assert_eq!(columns, ["price", "on_hand"]);
    assert_eq!(dry["applied"], false);
    assert_eq!(
        sku_record(&m, &sku).await,
        current,
        "a dry run changes nothing"
    );

    let broken = format!("{edit}NO-SUCH,100,1\n{sku}x,abc,1\n{sku}\u{0},100,1\n");
    let (status, refused) = import(&m, &broken, false).await;
    assert_eq!(status, 200);
    let errors: Vec<(i64, &str)> = refused["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["line"].as_i64().unwrap(), e["column"].as_str().unwrap()))
        .collect();
    // A NUL is refused where it is, on PostgreSQL as on SQLite (it was a 500 there).
    assert_eq!(errors, [(3, "sku"), (4, "price"), (5, "sku")]);
    assert_eq!(refused["applied"], false);
    assert_eq!(
        sku_record(&m, &sku).await,
        current,
        "an import with errors changes nothing"
    );

    let (status, applied) = import(&m, &edit, false).await;
    assert_eq!(status, 200, "{applied}");
    assert_eq!(applied["applied"], true);
    let now = sku_record(&m, &sku).await;
    assert_eq!(
        (&now["price"]["amount"], &now["on_hand"]),
        (&json!(88_000), &json!(on_hand + 10))
    );
    assert_eq!(
        audit_actions(&app).await,
        [("sku.import".to_owned(), format!("sku:{sku}"))]
    );
    let (status, bad) = import(&m, &edit, true).await;
    assert_eq!(
        (status, bad["changes"].as_array().map(Vec::len)),
        (200, Some(0))
    );
    let (status, _) = import(&m, &edit, false).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn a_csv_dry_run_reports_in_the_language_the_console_asks_for() {
    let app = TestApp::spawn().await;
    let m = marketer(&app).await;
    // A SKU the shop lacks (found by the server), a bad amount (read from the file) and a
    // price out of the form's rules (checked against the SKU: whole dollars).
    let csv = format!(
        "sku,price\nNO-SUCH,100\n{},abc\nQAO-75G,12.5\n",
        light_sku()
    );
    let report = |language| {
        let (m, csv) = (&m, &csv);
        async move {
            let (status, report) = import_in(m, csv, true, language).await;
            assert_eq!(status, 200, "{report}");
            report["errors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| {
                    (
                        e["line"].as_i64().unwrap(),
                        e["column"].as_str().unwrap().to_owned(),
                        e["message"].as_str().unwrap().to_owned(),
                    )
                })
                .collect::<Vec<_>>()
        }
    };
    let zh = report(Some("zh-TW")).await;
    let en = report(None).await;
    let at = |errors: &[(i64, String, String)]| -> Vec<(i64, String)> {
        errors.iter().map(|(l, c, _)| (*l, c.clone())).collect()
    };
    assert_eq!(at(&zh), at(&en), "the same cells, only worded otherwise");
    let words = |errors: &[(i64, String, String)]| -> Vec<String> {
        errors.iter().map(|(_, _, m)| m.clone()).collect()
    };
    assert_eq!(
        words(&zh),
        [
            "找不到 SKU NO-SUCH".to_owned(),
            "必須是以元為單位的金額，例如 1280 或 1,280.50".to_owned(),
            "必須是整數金額，不能有小數".to_owned(),
        ]
    );
    assert_eq!(
        words(&en),
        [
            "there is no SKU NO-SUCH".to_owned(),
            "must be an amount in dollars, like 1280 or 1,280.50".to_owned(),
            "must be whole dollars".to_owned(),
        ]
    );
}
