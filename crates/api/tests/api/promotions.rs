//! Promotions and coupons edited in the back office: checked field by field and against the
//! catalog, priced into shoppers' carts at once, previewed on a sample cart, audited.

use serde_json::{json, Value};

use crate::support::{marketer, TestApp, NOW};

/// Alishan oolong, 75 g: NT$680.
const TEA: &str = "QAO-75G";

fn ten_percent_off_tea(id: &str) -> Value {
    json!({
        "id": id,
        "label": { "zh_tw": "茶品 9 折", "en": "10% off tea" },
        "offer": { "type": "percent_off", "percent": 10 },
        "scope": { "type": "categories", "slugs": ["tea"] },
        "min_spend": null,
        "starts_at": null,
        "ends_at": null,
    })
}

async fn quote(app: &TestApp, coupon: Option<&str>) -> Value {
    let (status, quote) = app
        .post(
            "/api/v1/cart/quote",
            &json!({ "lines": [{ "sku": TEA, "qty": 1 }], "coupon": coupon }),
        )
        .await;
    assert_eq!(status, 200, "{quote}");
    quote
}

fn discount_ids(quote: &Value) -> Vec<&str> {
    quote["discounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn a_saved_promotion_prices_shoppers_carts_at_once() {
    let app = TestApp::spawn().await;
    let m = marketer(&app).await;
    let listed = m.get("/api/v1/admin/promotions").await;
    assert_eq!(listed.status, 200, "{}", listed.body);
    let welcome = listed
        .body
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["promotion"]["id"] == "coupon-welcome-100")
        .unwrap();
    assert_eq!(
        (&welcome["automatic"], &welcome["coupons"][0]["code"]),
        (&json!(false), &json!("WELCOME100"))
    );
    assert!(discount_ids(&quote(&app, None).await).is_empty());

    let saved = m
        .send(
            "PUT",
            "/api/v1/admin/promotions/tea-10",
            Some(&json!({ "promotion": ten_percent_off_tea("tea-10"), "automatic": true })),
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    let priced = quote(&app, None).await;
    assert_eq!(discount_ids(&priced), ["tea-10"]);
    assert_eq!(priced["discount_total"]["amount"], 6_800);

    let audit: Vec<(String, String)> =
        sqlx::query_as("SELECT action, subject FROM audit_log ORDER BY id")
            .fetch_all(app.state.db.pool())
            .await
            .unwrap();
    assert_eq!(
        audit,
        [("promotion.save".to_owned(), "promotion:tea-10".to_owned())]
    );

    // Ended: no longer applied, still listed.
    let mut ended = ten_percent_off_tea("tea-10");
    ended["ends_at"] = json!(NOW - 1);
    ended["starts_at"] = json!(NOW - 100);
    let answer = m
        .send(
            "PUT",
            "/api/v1/admin/promotions/tea-10",
            Some(&json!({ "promotion": ended, "automatic": true })),
        )
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert!(discount_ids(&quote(&app, None).await).is_empty());
}

#[tokio::test]
async fn a_bad_promotion_is_refused_naming_the_part() {
    let app = TestApp::spawn().await;
    let m = marketer(&app).await;
    let with = |change: fn(&mut Value)| {
        let mut p = ten_percent_off_tea("tea-10");
        change(&mut p);
        json!({ "promotion": p, "automatic": true })
    };
    for (body, field) in [
        (
            with(|p| p["offer"]["percent"] = json!(95)),
            "promotion.offer.percent",
        ),
        (
            with(|p| p["scope"]["slugs"] = json!(["tea", "no-such-shelf"])),
            "promotion.scope.slugs[1]",
        ),
        (with(|p| p["id"] = json!("tea-11")), "promotion.id"),
        (
            with(|p| p["label"]["zh_tw"] = json!("")),
            "promotion.label.zh_tw",
        ),
        (
            with(|p| {
                p["offer"] =
                    json!({ "type": "amount_off", "amount": { "amount": 5050, "currency": "TWD" } })
            }),
            "promotion.offer.amount",
        ),
        (
            with(|p| p["offer"] = json!({ "type": "half_price" })),
            "promotion.offer.type",
        ),
    ] {
        let answer = m
            .send("PUT", "/api/v1/admin/promotions/tea-10", Some(&body))
            .await;
        assert_eq!(
            (answer.status, answer.field()),
            (400, Some(field)),
            "{}",
            answer.body
        );
    }
    let listed = m.get("/api/v1/admin/promotions").await.body;
    assert!(!listed.to_string().contains("tea-10"), "nothing saved");
}

#[tokio::test]
async fn a_refusal_is_worded_in_the_language_the_console_asks_for() {
    let app = TestApp::spawn().await;
    let m = marketer(&app).await;
    let mut p = ten_percent_off_tea("tea-10");
    p["offer"]["percent"] = json!(95);
    let body = json!({ "promotion": p, "automatic": true });
    let refused = |language: &'static [(&'static str, &'static str)]| {
        let (m, body) = (&m, &body);
        async move {
            let answer = m
                .send_with(
                    "PUT",
                    "/api/v1/admin/promotions/tea-10",
                    Some(body),
                    language,
                )
                .await;
            assert_eq!(
                (answer.status, answer.code(), answer.field()),
                (400, Some("invalid"), Some("promotion.offer.percent")),
                "{}",
                answer.body
            );
            answer.body["error"]["message"].as_str().unwrap().to_owned()
        }
    };
    assert_eq!(
        refused(&[("accept-language", "zh-TW,zh;q=0.9,en;q=0.8")]).await,
        "promotion.offer.percent：必須是 1 到 90"
    );
    assert_eq!(
        refused(&[]).await,
        "promotion.offer.percent must be from 1 to 90"
    );
}

#[tokio::test]
async fn a_coupon_unlocks_its_promotion_within_its_limit() {
    let app = TestApp::spawn().await;
    let m = marketer(&app).await;
    let saved = m
        .send(
            "PUT",
            "/api/v1/admin/promotions/tea-10",
            Some(&json!({ "promotion": ten_percent_off_tea("tea-10"), "automatic": false })),
        )
        .await;
    assert_eq!(saved.status, 200);
    assert!(
        discount_ids(&quote(&app, None).await).is_empty(),
        "behind a code"
    );

    let coupon = m
        .send(
            "PUT",
            "/api/v1/admin/coupons/tea10",
            Some(&json!({ "promotion_id": "tea-10", "usage_limit": 50 })),
        )
        .await;
    assert_eq!(coupon.status, 200, "{}", coupon.body);
    assert_eq!(
        (&coupon.body["code"], &coupon.body["times_used"]),
        (&json!("TEA10"), &json!(0))
    );
    assert_eq!(discount_ids(&quote(&app, Some("Tea10")).await), ["tea-10"]);

    for (path, body, field) in [
        (
            "/api/v1/admin/coupons/tea10",
            json!({ "promotion_id": "no-such" }),
            "promotion_id",
        ),
        (
            "/api/v1/admin/coupons/半價",
            json!({ "promotion_id": "tea-10" }),
            "code",
        ),
    ] {
        let answer = m.send("PUT", path, Some(&body)).await;
        assert_eq!(
            (answer.status, answer.field()),
            (400, Some(field)),
            "{}",
            answer.body
        );
    }
    app.sql("UPDATE coupons SET times_used = 7 WHERE code = 'TEA10'")
        .await;
    let below = m
        .send(
            "PUT",
            "/api/v1/admin/coupons/TEA10",
            Some(&json!({ "promotion_id": "tea-10", "usage_limit": 5 })),
        )
        .await;
    assert_eq!((below.status, below.field()), (400, Some("usage_limit")));
}

#[tokio::test]
async fn a_draft_is_previewed_on_a_sample_cart_without_going_live() {
    let app = TestApp::spawn().await;
    let m = marketer(&app).await;
    let mut draft = ten_percent_off_tea("tea-10");
    // Starts next week: the preview shows it as it will be then.
    draft["starts_at"] = json!(NOW + 7 * 86_400);
    let body = json!({ "promotion": draft, "lines": [{ "sku": TEA, "qty": 2 }] });
    let answer = m.post("/api/v1/admin/promotions/preview", &body).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let (without, with) = (&answer.body["without"], &answer.body["with"]);
    assert_eq!(without["subtotal"]["amount"], 136_000);
    assert_eq!(with["discount_total"]["amount"], 13_600);
    assert_eq!(
        with["total"]["amount"].as_i64().unwrap(),
        without["total"]["amount"].as_i64().unwrap() - 13_600
    );
    let as_coupon = m
        .post(
            "/api/v1/admin/promotions/preview",
            &json!({ "promotion": draft, "as_coupon": true, "lines": [{ "sku": TEA, "qty": 2 }] }),
        )
        .await;
    assert_eq!(as_coupon.body["with"]["discount_total"]["amount"], 13_600);
    assert!(
        discount_ids(&quote(&app, None).await).is_empty(),
        "a preview saves nothing"
    );

    let unknown = m
        .post(
            "/api/v1/admin/promotions/preview",
            &json!({ "promotion": draft, "lines": [{ "sku": "NO-SUCH", "qty": 1 }] }),
        )
        .await;
    assert_eq!(
        (unknown.status, unknown.field()),
        (422, Some("lines[0].sku")),
        "{}",
        unknown.body
    );
    let empty = m
        .post(
            "/api/v1/admin/promotions/preview",
            &json!({ "promotion": draft, "lines": [] }),
        )
        .await;
    assert_eq!((empty.status, empty.field()), (400, Some("lines")));
}
