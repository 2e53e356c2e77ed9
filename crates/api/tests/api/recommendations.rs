//! Recommendations: "frequently bought together" from the seeded order history and "similar
//! items" from the catalog, for a product's page and for a cart.

use std::collections::HashMap;

use fourflow_api::demo::{self, history};
use serde_json::Value;

use crate::support::TestApp;

const EARBUDS: &str = "true-wireless-earbuds";
const DRESS: &str = "floral-midi-dress";

/// The slugs of a list of product cards.
fn cards(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("a list of products")
        .iter()
        .map(|p| p["slug"].as_str().unwrap().to_owned())
        .collect()
}

async fn for_product(app: &TestApp, slug: &str) -> (Vec<String>, Vec<String>, Value) {
    let body = app
        .ok(&format!("/api/v1/products/{slug}/recommendations"))
        .await;
    (
        cards(&body["frequently_bought_together"]),
        cards(&body["similar"]),
        body,
    )
}

async fn for_cart(app: &TestApp, slugs: &[&str]) -> (Vec<String>, Vec<String>, Value) {
    let query: Vec<String> = slugs.iter().map(|s| format!("product={s}")).collect();
    let body = app
        .ok(&format!("/api/v1/recommendations?{}", query.join("&")))
        .await;
    (
        cards(&body["frequently_bought_together"]),
        cards(&body["similar"]),
        body,
    )
}

/// No card that can be bought comes after one that cannot.
fn buyable_first(list: &Value) -> bool {
    let in_stock: Vec<bool> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["in_stock"].as_bool().unwrap())
        .collect();
    in_stock.windows(2).all(|w| w[0] || !w[1])
}

#[tokio::test]
async fn frequently_bought_together_follows_the_seeded_habits() {
    let app = TestApp::spawn().await;
    // Earbuds with a cable or a case, a dress with a knit, oolong with a mug or pineapple
    // cake, a cleanser with the rest of the routine, a book with a notebook or a pen.
    for slug in [
        EARBUDS,
        DRESS,
        "alishan-high-mountain-oolong",
        "amino-acid-gentle-cleanser",
        "learn-rust-from-scratch",
    ] {
        let (together, _, _) = for_product(&app, slug).await;
        let companions = history::companions(slug);
        assert!(
            companions.contains(&together[0].as_str()),
            "{slug}: top pick {together:?}, seeded with {companions:?}"
        );
    }

    // Across the catalog: a product's top pick is one it was seeded with, unless noise or a
    // department's habit beat it, or its companions are sold out.
    let demo = demo::catalog().unwrap();
    let (mut seeded, mut hits) = (0, 0);
    for p in &demo.products {
        let (together, _, body) = for_product(&app, p.slug.as_str()).await;
        assert!(together.len() <= 4, "{}: {together:?}", p.slug);
        assert!(!together.contains(&p.slug.to_string()), "{}", p.slug);
        assert!(
            buyable_first(&body["frequently_bought_together"]),
            "{}",
            p.slug
        );
        let companions = history::companions(p.slug.as_str());
        if companions.is_empty() {
            continue;
        }
        seeded += 1;
        assert!(!together.is_empty(), "{} has seeded companions", p.slug);
        if companions.contains(&together[0].as_str()) {
            hits += 1;
        }
    }
    assert!(
        seeded >= 5,
        "the demo seeds companions for {seeded} products"
    );
    assert!(
        hits * 10 >= seeded * 9,
        "{hits} of {seeded} top picks were seeded companions"
    );
}

#[tokio::test]
async fn what_can_be_bought_comes_first() {
    let app = TestApp::spawn().await;
    let (before, _, _) = for_product(&app, EARBUDS).await;
    assert!(before.len() >= 2, "{before:?}");
    let top = before[0].clone();
    app.sql(&format!(
        "UPDATE variants SET reserved = on_hand \
         WHERE product_id = (SELECT id FROM products WHERE slug = '{top}')"
    ))
    .await;
    app.state.catalog.refresh().await.unwrap();

    let (after, _, body) = for_product(&app, EARBUDS).await;
    let list = body["frequently_bought_together"].as_array().unwrap();
    assert!(
        buyable_first(&body["frequently_bought_together"]),
        "{after:?}"
    );
    assert_eq!(after.last(), Some(&top), "sold out, so last: {after:?}");
    assert_eq!(list.last().unwrap()["in_stock"], false);
    assert_eq!(after[0], before[1], "the rest keep their order");
}

#[tokio::test]
async fn similar_items_share_the_category_and_fill_the_product_page() {
    let app = TestApp::spawn().await;
    let demo = demo::catalog().unwrap();
    let parent: HashMap<&str, &str> = demo
        .categories
        .iter()
        .filter_map(|c| Some((c.slug.as_str(), c.parent.as_ref()?.as_str())))
        .collect();
    let category: HashMap<&str, &str> = demo
        .products
        .iter()
        .map(|p| (p.slug.as_str(), p.category.as_str()))
        .collect();
    for slug in [
        DRESS,
        EARBUDS,
        "alishan-high-mountain-oolong",
        "a5-dot-grid-notebook",
    ] {
        let (_, similar, body) = for_product(&app, slug).await;
        let own = category[slug];
        assert!(
            !similar.is_empty() && similar.len() <= 8,
            "{slug}: {similar:?}"
        );
        assert!(!similar.contains(&slug.to_owned()));
        assert!(buyable_first(&body["similar"]));
        // The same category first (among the buyable, and among the sold out), and nothing
        // from another department.
        assert_eq!(category[similar[0].as_str()], own, "{slug}: {similar:?}");
        let listed = body["similar"].as_array().unwrap();
        assert!(
            listed.len() >= 2,
            "an order needs two to hold: {slug}: {similar:?}"
        );
        for w in listed.windows(2) {
            let same = |p: &Value| category[p["slug"].as_str().unwrap()] == own;
            if w[0]["in_stock"] == w[1]["in_stock"] {
                assert!(same(&w[0]) || !same(&w[1]), "{slug}: {similar:?}");
            }
        }
        for s in &similar {
            assert_eq!(parent[category[s.as_str()]], parent[own], "{slug}: {s}");
        }
        // The product page's related products are these very items.
        let page = app.ok(&format!("/api/v1/products/{slug}")).await;
        assert_eq!(cards(&page["related"]), similar, "{slug}");
    }
}

#[tokio::test]
async fn a_cart_gets_what_goes_with_it_and_never_what_it_holds() {
    let app = TestApp::spawn().await;
    let cart = [EARBUDS, DRESS];
    let (together, similar, body) = for_cart(&app, &cart).await;
    assert!(!together.is_empty() && together.len() <= 6, "{together:?}");
    assert!(buyable_first(&body["frequently_bought_together"]));
    for held in cart {
        assert!(!together.contains(&held.to_owned()), "{together:?}");
        assert!(!similar.contains(&held.to_owned()), "{similar:?}");
        let companions = history::companions(held);
        assert!(
            together.iter().any(|t| companions.contains(&t.as_str())),
            "something seeded with {held} in {together:?}"
        );
    }

    // A cart holding a product's top pick gets the others instead.
    let (alone, _, _) = for_product(&app, EARBUDS).await;
    let (with_top, _, _) = for_cart(&app, &[EARBUDS, alone[0].as_str()]).await;
    assert!(!with_top.contains(&alone[0]), "{with_top:?}");

    // Unknown and repeated products are ignored; an empty cart gets empty lists.
    let (one, one_similar, _) = for_cart(&app, &[EARBUDS]).await;
    let (noisy, noisy_similar, _) = for_cart(&app, &[EARBUDS, "no-such-product", EARBUDS]).await;
    assert_eq!((one.clone(), one_similar), (noisy, noisy_similar));
    assert_eq!(one[..alone.len().min(one.len())], alone[..]);
    for path in [
        "/api/v1/recommendations",
        "/api/v1/recommendations?product=no-such-product",
    ] {
        let body = app.ok(path).await;
        assert_eq!(
            body,
            serde_json::json!({"frequently_bought_together": [], "similar": []}),
            "{path}"
        );
    }
}

#[tokio::test]
async fn bad_input_is_a_400_naming_product_and_an_unknown_product_a_404() {
    let app = TestApp::spawn().await;
    let many = vec!["product=a"; 51].join("&");
    for query in [
        "product=Not%20A%20Slug",
        "product=",
        "product=floral-midi-dress&product=%E6%B4%8B%E8%A3%9D",
        many.as_str(),
    ] {
        let (status, body) = app.get(&format!("/api/v1/recommendations?{query}")).await;
        assert_eq!(status, 400, "{query}: {body}");
        assert_eq!(body["error"]["code"], "invalid", "{query}");
        assert_eq!(body["error"]["field"], "product", "{query}");
    }
    let fifty = vec!["product=a"; 50].join("&");
    app.ok(&format!("/api/v1/recommendations?{fifty}")).await;

    for slug in ["no-such-product", "Not-A-Slug"] {
        let (status, body) = app
            .get(&format!("/api/v1/products/{slug}/recommendations"))
            .await;
        assert_eq!(status, 404, "{slug}: {body}");
        assert_eq!(body["error"]["code"], "not_found");
    }
}

#[tokio::test]
async fn seeding_again_writes_no_history_twice() {
    let app = TestApp::spawn().await;
    let count = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM purchase_history")
            .fetch_one(app.state.db.pool())
            .await
            .unwrap()
    };
    let lines = count().await;
    let orders: i64 = sqlx::query_scalar("SELECT COUNT(DISTINCT order_ref) FROM purchase_history")
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
    assert_eq!(orders as usize, history::ORDERS);
    assert!(lines as usize > history::ORDERS, "baskets of more than one");
    let (before, before_similar, _) = for_product(&app, EARBUDS).await;

    demo::seed(&app.state.db).await.unwrap();
    app.state.catalog.refresh().await.unwrap();
    assert_eq!(count().await, lines);
    let (after, after_similar, _) = for_product(&app, EARBUDS).await;
    assert_eq!((before, before_similar), (after, after_similar));
}

#[tokio::test]
async fn the_endpoints_are_described_in_the_openapi_document() {
    let app = TestApp::spawn().await;
    let spec = app.ok("/api/openapi.json").await;
    let paths = &spec["paths"];
    let product = &paths["/api/v1/products/{slug}/recommendations"]["get"];
    let cart = &paths["/api/v1/recommendations"]["get"];
    for op in [product, cart] {
        assert!(op["responses"]["200"].is_object(), "{op}");
    }
    assert!(cart["responses"]["400"].is_object());
    assert!(product["responses"]["404"].is_object());
    assert!(spec["components"]["schemas"]["Recommendations"].is_object());
}
