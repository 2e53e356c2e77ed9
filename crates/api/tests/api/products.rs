//! Products and categories made in the back office: checked down to each variant and against
//! the catalog (slug, SKUs, category, colours), on sale and findable at once, rearranged,
//! grown by a variant; categories that can never loop. All audited.

use serde_json::{json, Value};

use crate::support::{marketer, slugs, TestApp};

fn apron() -> Value {
    json!({
        "slug": "linen-apron",
        "category": "kitchen",
        "brand": "木生",
        "title": { "zh_tw": "亞麻圍裙", "en": "Linen apron" },
        "summary": { "zh_tw": "台灣織造的水洗亞麻", "en": "Washed linen woven in Taiwan" },
        "description": { "zh_tw": "**可機洗**", "en": "**Machine washable**" },
        "images": [{ "src": "/demo/categories/kitchen.svg", "alt": { "zh_tw": "圍裙", "en": "Apron" },
                     "width": 800, "height": 800 }],
        "variants": [
            { "sku": "LA-S-SAGE", "size": "S", "colour": "sage", "weight_grams": 300, "on_hand": 12,
              "price": { "amount": 98_000, "currency": "TWD" } },
            { "sku": "LA-M-SAGE", "size": "M", "colour": "sage", "weight_grams": 320, "on_hand": 0,
              "price": { "amount": 98_000, "currency": "TWD" },
              "compare_at": { "amount": 128_000, "currency": "TWD" } },
        ],
    })
}

#[tokio::test]
async fn a_new_product_is_on_sale_and_findable_at_once() {
    let app = TestApp::spawn().await;
    let m = marketer(&app).await;
    let created = m.post("/api/v1/admin/products", &apron()).await;
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(created.body["title"]["zh_tw"], "亞麻圍裙");
    assert_eq!(created.body["variants"].as_array().unwrap().len(), 2);

    let shopper = app.ok("/api/v1/products/linen-apron").await;
    assert_eq!(shopper["brand"], "木生");
    let found = app.ok("/api/v1/products?q=%E5%9C%8D%E8%A3%99").await; // 圍裙
    assert!(slugs(&found).contains(&"linen-apron".into()), "{found}");
    let shelf = app.ok("/api/v1/products?category=home&per_page=60").await;
    assert!(
        slugs(&shelf).contains(&"linen-apron".into()),
        "under its department too"
    );
    let (status, quote) = app
        .post(
            "/api/v1/cart/quote",
            &json!({ "lines": [{ "sku": "LA-S-SAGE", "qty": 2 }] }),
        )
        .await;
    assert_eq!(
        (status, &quote["subtotal"]["amount"]),
        (200, &json!(196_000))
    );

    let again = m.post("/api/v1/admin/products", &apron()).await;
    assert_eq!((again.status, again.field()), (422, Some("slug")));
    let mut stolen = apron();
    stolen["slug"] = json!("linen-apron-2");
    stolen["variants"][0]["sku"] = json!("QAO-75G");
    let answer = m.post("/api/v1/admin/products", &stolen).await;
    assert_eq!(
        (answer.status, answer.field()),
        (422, Some("variants[0].sku")),
        "{}",
        answer.body
    );
    let audit: Vec<String> = sqlx::query_scalar("SELECT action FROM audit_log ORDER BY id")
        .fetch_all(app.state.db.pool())
        .await
        .unwrap();
    assert_eq!(audit, ["product.create"]);
}

#[tokio::test]
async fn a_bad_product_is_refused_naming_the_part() {
    let app = TestApp::spawn().await;
    let m = marketer(&app).await;
    let with = |change: fn(&mut Value)| {
        let mut p = apron();
        change(&mut p);
        p
    };
    for (body, field) in [
        (with(|p| p["category"] = json!("garden")), "category"),
        (
            with(|p| p["variants"][0]["colour"] = json!("ultraviolet")),
            "variants[0].colour",
        ),
        (
            with(|p| p["variants"][1]["sku"] = json!("LA-S-SAGE")),
            "variants[1].sku",
        ),
        (with(|p| p["variants"] = json!([])), "variants"),
        (
            with(|p| p["images"][0]["src"] = json!("https://evil.example/x.jpg")),
            "images[0].src",
        ),
        (
            with(|p| p["variants"][1]["compare_at"]["amount"] = json!(50_000)),
            "variants[1].compare_at",
        ),
        (with(|p| p["slug"] = json!("Linen Apron")), "slug"),
    ] {
        let answer = m.post("/api/v1/admin/products", &body).await;
        assert_eq!(
            (answer.status, answer.field()),
            (400, Some(field)),
            "{}",
            answer.body
        );
    }
    assert_eq!(
        app.get("/api/v1/products/linen-apron").await.0,
        404,
        "nothing half written"
    );
}

#[tokio::test]
async fn a_product_is_rearranged_and_grows_a_variant() {
    let app = TestApp::spawn().await;
    let m = marketer(&app).await;
    assert_eq!(m.post("/api/v1/admin/products", &apron()).await.status, 201);
    let arranged = m
        .send(
            "PUT",
            "/api/v1/admin/products/linen-apron",
            Some(&json!({
                "category": "storage", "brand": "木生工房", "featured": true,
                "images": [], "specs": [{ "name": { "zh_tw": "材質", "en": "Material" },
                                          "value": { "zh_tw": "亞麻 100%", "en": "100% linen" } }],
            })),
        )
        .await;
    assert_eq!(arranged.status, 200, "{}", arranged.body);
    assert_eq!(arranged.body["brand"], "木生工房");
    assert_eq!(arranged.body["specs"][0]["value"]["zh_tw"], "亞麻 100%");
    let shelf = app.ok("/api/v1/products?category=storage").await;
    assert!(slugs(&shelf).contains(&"linen-apron".into()), "{shelf}");

    let large = json!({ "sku": "LA-L-SAGE", "size": "L", "colour": "sage", "weight_grams": 340,
                        "on_hand": 5, "price": { "amount": 108_000, "currency": "TWD" } });
    let grown = m
        .post("/api/v1/admin/products/linen-apron/variants", &large)
        .await;
    assert_eq!(grown.status, 201, "{}", grown.body);
    assert_eq!(grown.body["variants"].as_array().unwrap().len(), 3);
    let mut twin = large.clone();
    twin["sku"] = json!("LA-L2-SAGE");
    let answer = m
        .post("/api/v1/admin/products/linen-apron/variants", &twin)
        .await;
    assert_eq!((answer.status, answer.field()), (400, Some("size")));
    let answer = m
        .post("/api/v1/admin/products/no-such/variants", &large)
        .await;
    assert_eq!(answer.status, 404);
}

#[tokio::test]
async fn categories_are_made_and_never_loop() {
    let app = TestApp::spawn().await;
    let m = marketer(&app).await;
    let saved = m
        .send(
            "PUT",
            "/api/v1/admin/categories/aprons",
            Some(&json!({ "parent": "kitchen", "position": 3, "name": { "zh_tw": "圍裙", "en": "Aprons" } })),
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    assert!(saved.body.to_string().contains("\"aprons\""));
    assert!(app
        .ok("/api/v1/categories")
        .await
        .to_string()
        .contains("\"aprons\""));

    for (slug, body, field) in [
        (
            "home",
            json!({ "parent": "aprons", "name": { "zh_tw": "居家", "en": "Home" } }),
            "parent",
        ),
        (
            "tea",
            json!({ "parent": "tea", "name": { "zh_tw": "茶", "en": "Tea" } }),
            "parent",
        ),
        (
            "tea",
            json!({ "parent": "nowhere", "name": { "zh_tw": "茶", "en": "Tea" } }),
            "parent",
        ),
        (
            "tea",
            json!({ "name": { "zh_tw": "", "en": "Tea" } }),
            "name.zh_tw",
        ),
    ] {
        let answer = m
            .send(
                "PUT",
                &format!("/api/v1/admin/categories/{slug}"),
                Some(&body),
            )
            .await;
        assert_eq!(
            (answer.status, answer.field()),
            (400, Some(field)),
            "{slug}: {}",
            answer.body
        );
    }
}
