//! Listing, paging, facets, sorting, search and product pages, checked against the demo data.

use std::collections::HashSet;

use fourflow_api::demo;
use serde_json::Value;

use crate::support::{slugs, urlencode, TestApp};

/// A listing's total, which it must state.
fn total(list: &Value) -> u64 {
    list["total"]
        .as_u64()
        .unwrap_or_else(|| panic!("no total in {list}"))
}

/// A count a facet states for one of its values.
fn count(facet: &Value) -> u64 {
    facet["count"]
        .as_u64()
        .unwrap_or_else(|| panic!("no count in {facet}"))
}

/// A listing's items, of which there must be some: a check on each proves nothing of none.
fn some_items(list: &Value) -> &[Value] {
    let items = list["items"].as_array().expect("items");
    assert!(!items.is_empty(), "an empty listing: {list}");
    items
}

fn amounts(list: &Value) -> Vec<i64> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["price"]["amount"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn the_category_tree_counts_every_product_once() {
    let app = TestApp::spawn().await;
    let tree = app.ok("/api/v1/categories").await;
    let roots = tree["items"].as_array().unwrap();
    assert!(roots.len() >= 6, "{} root categories", roots.len());
    let total: u64 = roots
        .iter()
        .map(|r| r["product_count"].as_u64().unwrap())
        .sum();
    assert_eq!(total as usize, demo::catalog().unwrap().products.len());
    for root in roots {
        let children = root["children"].as_array().unwrap();
        assert!(
            !children.is_empty(),
            "{} has no sub-categories",
            root["slug"]
        );
        let sum: u64 = children
            .iter()
            .map(|c| c["product_count"].as_u64().unwrap())
            .sum();
        assert_eq!(sum, root["product_count"].as_u64().unwrap());
        assert!(!root["name"]["zh_tw"].as_str().unwrap().is_empty());
        assert!(!root["name"]["en"].as_str().unwrap().is_empty());
    }
}

#[tokio::test]
async fn pages_partition_the_listing() {
    let app = TestApp::spawn().await;
    let products = demo::catalog().unwrap().products.len();
    let mut seen = HashSet::new();
    let mut page = 1;
    loop {
        let list = app
            .ok(&format!("/api/v1/products?per_page=10&page={page}"))
            .await;
        assert_eq!(list["total"].as_u64().unwrap() as usize, products);
        assert_eq!(list["per_page"], 10);
        let items = slugs(&list);
        if items.is_empty() {
            break;
        }
        assert!(items.len() <= 10);
        for slug in items {
            assert!(seen.insert(slug.clone()), "{slug} on two pages");
        }
        page += 1;
    }
    assert_eq!(seen.len(), products);

    let capped = app.ok("/api/v1/products?per_page=1000").await;
    assert_eq!(capped["per_page"], 60);
    assert_eq!(capped["items"].as_array().unwrap().len(), 60.min(products));
}

#[tokio::test]
async fn a_category_lists_its_whole_subtree() {
    let app = TestApp::spawn().await;
    let tree = app.ok("/api/v1/categories").await;
    let root = &tree["items"][0];
    let root_slug = root["slug"].as_str().unwrap();
    let child_slugs: Vec<&str> = root["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["slug"].as_str().unwrap())
        .collect();
    let list = app
        .ok(&format!(
            "/api/v1/products?category={root_slug}&per_page=60"
        ))
        .await;
    assert_eq!(Some(total(&list)), root["product_count"].as_u64());
    for item in some_items(&list) {
        assert!(child_slugs.contains(&item["category"].as_str().unwrap()));
    }
    // The drill-down facet names the children with their counts.
    let drill: Vec<&str> = list["facets"]["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["value"].as_str().unwrap())
        .collect();
    assert_eq!(drill, child_slugs);
}

#[tokio::test]
async fn each_facet_filters_and_counts_its_values() {
    let app = TestApp::spawn().await;
    let all = app.ok("/api/v1/products?per_page=60").await;
    let facets = &all["facets"];

    // Brand: every count is exactly the size of the listing it leads to.
    let brands = facets["brands"].as_array().unwrap();
    assert!(brands.len() >= 4, "{brands:?}");
    for brand in brands.iter().take(4) {
        let name = brand["value"].as_str().unwrap();
        let path = format!("/api/v1/products?per_page=60&brand={}", urlencode(name));
        let list = app.ok(&path).await;
        assert_eq!(total(&list), count(brand), "brand {name}");
        for item in some_items(&list) {
            assert_eq!(item["brand"], name);
        }
    }

    // Size and colour: products offering one of the chosen values.
    let size = facets["sizes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["value"] == "M")
        .expect("size M");
    let list = app.ok("/api/v1/products?per_page=60&size=M").await;
    assert_eq!(total(&list), count(size));
    let colour = &facets["colours"][0];
    let code = colour["code"].as_str().unwrap();
    let list = app
        .ok(&format!("/api/v1/products?per_page=60&colour={code}"))
        .await;
    assert_eq!(total(&list), count(colour));
    for item in some_items(&list) {
        let codes: Vec<&str> = item["colours"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["code"].as_str().unwrap())
            .collect();
        assert!(codes.contains(&code), "{} lacks {code}", item["slug"]);
    }

    // Price: each bucket's count is what filtering by its range returns, and prices are in it.
    let mut bucketed = 0;
    for bucket in facets["price"].as_array().unwrap() {
        let min = bucket["min"]["amount"].as_i64().unwrap();
        let mut path = format!("/api/v1/products?per_page=60&price_min={min}");
        if let Some(max) = bucket["max"]["amount"].as_i64() {
            path.push_str(&format!("&price_max={max}"));
        }
        let list = app.ok(&path).await;
        assert_eq!(total(&list), count(bucket), "{path}");
        for amount in amounts(&list) {
            assert!(
                amount >= min
                    && bucket["max"]["amount"]
                        .as_i64()
                        .is_none_or(|max| amount <= max)
            );
        }
        bucketed += count(bucket);
    }
    assert_eq!(bucketed, total(&all));

    // In stock: leaves out what cannot be bought, and only that.
    let in_stock = app.ok("/api/v1/products?per_page=60&in_stock=1").await;
    assert_eq!(Some(total(&in_stock)), facets["in_stock"].as_u64());
    assert!(
        total(&in_stock) < total(&all),
        "the demo has sold-out products"
    );
    for p in some_items(&in_stock) {
        assert_eq!(p["in_stock"], true, "{p}");
    }
    let sold_out = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["in_stock"] == false)
        .count();
    assert_eq!(sold_out as u64 + total(&in_stock), total(&all));
}

#[tokio::test]
async fn facet_counts_ignore_their_own_filter() {
    let app = TestApp::spawn().await;
    let with_m = app.ok("/api/v1/products?size=M").await;
    let sizes = with_m["facets"]["sizes"].as_array().unwrap();
    let l = sizes
        .iter()
        .find(|s| s["value"] == "L")
        .expect("size L offered");
    let only_l = app.ok("/api/v1/products?size=L").await;
    assert_eq!(
        count(l),
        total(&only_l),
        "choosing M must not hide how many L there are"
    );
    assert_eq!(l["selected"], false);
    assert!(sizes
        .iter()
        .any(|s| s["value"] == "M" && s["selected"] == true));
    // Another facet's counts do apply the size filter.
    let brand_total: u64 = with_m["facets"]["brands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["count"].as_u64().unwrap())
        .sum();
    assert_eq!(brand_total, with_m["total"].as_u64().unwrap());
}

#[tokio::test]
async fn every_sort_order_holds() {
    let app = TestApp::spawn().await;
    let asc = amounts(&app.ok("/api/v1/products?per_page=60&sort=price_asc").await);
    assert!(asc.len() >= 2, "an order needs two to hold: {asc:?}");
    assert!(asc.windows(2).all(|w| w[0] <= w[1]), "{asc:?}");
    let desc = amounts(&app.ok("/api/v1/products?per_page=60&sort=price_desc").await);
    assert_eq!(desc.len(), asc.len(), "{desc:?}");
    assert!(desc.windows(2).all(|w| w[0] >= w[1]), "{desc:?}");

    let demo = demo::catalog().unwrap();
    let field = |slug: &str| {
        demo.products
            .iter()
            .find(|p| p.slug.as_str() == slug)
            .unwrap()
            .clone()
    };
    let newest = slugs(&app.ok("/api/v1/products?per_page=60&sort=newest").await);
    let created: Vec<String> = newest.iter().map(|s| field(s).created_at).collect();
    assert_eq!(created.len(), asc.len(), "{created:?}");
    assert!(created.windows(2).all(|w| w[0] >= w[1]), "{created:?}");
    let popular = slugs(&app.ok("/api/v1/products?per_page=60&sort=popularity").await);
    let scores: Vec<i64> = popular.iter().map(|s| field(s).popularity).collect();
    assert_eq!(scores.len(), asc.len(), "{scores:?}");
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

#[tokio::test]
async fn chinese_search_finds_two_character_words() {
    let app = TestApp::spawn().await;
    let demo = demo::catalog().unwrap();
    for word in ["洋裝", "耳機"] {
        let titled: HashSet<String> = demo
            .products
            .iter()
            .filter(|p| p.title.zh_tw.contains(word))
            .map(|p| p.slug.to_string())
            .collect();
        assert!(titled.len() >= 5, "the demo has ≥ 5 {word}");
        let found = slugs(
            &app.ok(&format!(
                "/api/v1/products?per_page=60&q={}",
                urlencode(word)
            ))
            .await,
        );
        // Products titled with the word rank above those that merely mention it.
        let top: HashSet<String> = found.iter().take(titled.len()).cloned().collect();
        assert_eq!(top, titled, "{word}: {found:?}");
    }
    // A single character works too.
    let tea = app
        .ok(&format!("/api/v1/products?q={}", urlencode("茶")))
        .await;
    assert!(tea["total"].as_u64().unwrap() >= 1);
}

#[tokio::test]
async fn english_search_matches_words_plurals_and_prefixes() {
    let app = TestApp::spawn().await;
    let dress = slugs(&app.ok("/api/v1/products?per_page=60&q=dress").await);
    let dresses = slugs(&app.ok("/api/v1/products?per_page=60&q=DRESSES").await);
    assert!(!dress.is_empty());
    assert_eq!(dress, dresses, "case and plural do not matter");
    let typed = slugs(&app.ok("/api/v1/products?per_page=60&q=headph").await);
    assert!(
        !typed.is_empty(),
        "a word being typed already finds something"
    );
    let none = app.ok("/api/v1/products?q=zzqxv").await;
    assert_eq!(none["total"], 0);
    assert_eq!(none["items"], serde_json::json!([]));
    // Search and filters combine.
    let searched = app
        .ok(&format!(
            "/api/v1/products?per_page=60&q={}&in_stock=1",
            urlencode("耳機")
        ))
        .await;
    for p in some_items(&searched) {
        assert_eq!(p["in_stock"], true, "{p}");
    }
}

#[tokio::test]
async fn a_product_page_has_everything_the_shopper_needs() {
    let app = TestApp::spawn().await;
    let demo = demo::catalog().unwrap();
    let apparel = demo
        .products
        .iter()
        .find(|p| {
            p.variants.iter().any(|v| v.size.is_some())
                && p.variants.iter().any(|v| v.colour.is_some())
        })
        .expect("a product with size × colour");
    let page = app.ok(&format!("/api/v1/products/{}", apparel.slug)).await;
    assert_eq!(
        page["variants"].as_array().unwrap().len(),
        apparel.variants.len()
    );
    assert_eq!(
        page["images"].as_array().unwrap().len(),
        apparel.images.len()
    );
    assert!(!page["sizes"].as_array().unwrap().is_empty());
    assert!(!page["colours"].as_array().unwrap().is_empty());
    assert!(page["description_html"]["zh_tw"]
        .as_str()
        .unwrap()
        .contains('<'));
    assert!(page["breadcrumbs"].as_array().unwrap().len() >= 2);
    let related = slugs(&serde_json::json!({ "items": page["related"] }));
    assert!(!related.is_empty() && !related.contains(&apparel.slug.to_string()));
    // Stock as seeded, for every variant (the product page reads it live).
    for (v, seeded) in page["variants"]
        .as_array()
        .unwrap()
        .iter()
        .zip(&apparel.variants)
    {
        assert_eq!(v["sku"], seeded.sku.as_str());
        assert_eq!(v["available"].as_i64().unwrap(), seeded.stock);
    }

    let specced = demo
        .products
        .iter()
        .find(|p| p.specs.len() >= 6)
        .expect("a spec table");
    let page = app.ok(&format!("/api/v1/products/{}", specced.slug)).await;
    assert_eq!(page["specs"].as_array().unwrap().len(), specced.specs.len());
}

#[tokio::test]
async fn stock_is_live_on_the_product_page_and_fresh_in_listings() {
    let app = TestApp::spawn().await;
    let demo = demo::catalog().unwrap();
    let product = demo
        .products
        .iter()
        .find(|p| p.variants.len() == 1 && p.variants[0].stock > 0)
        .unwrap();
    let sku = product.variants[0].sku.as_str();
    let listing = format!(
        "/api/v1/products?per_page=60&in_stock=1&category={}",
        product.category
    );
    // Asked once before the change: the listing is remembered, and must not be served stale.
    assert!(slugs(&app.ok(&listing).await).contains(&product.slug.to_string()));
    app.sql(&format!(
        "UPDATE variants SET reserved = on_hand WHERE sku = '{sku}'"
    ))
    .await;

    let page = app.ok(&format!("/api/v1/products/{}", product.slug)).await;
    assert_eq!(page["variants"][0]["available"], 0);
    app.state.catalog.refresh().await.unwrap();
    assert!(!slugs(&app.ok(&listing).await).contains(&product.slug.to_string()));
}

#[tokio::test]
async fn seeding_again_changes_nothing_and_keeps_sales() {
    let app = TestApp::spawn().await;
    let before = app.ok("/api/v1/products?per_page=60").await;
    app.sql("UPDATE variants SET on_hand = 1 WHERE on_hand > 1")
        .await;
    let report = demo::seed(&app.state.db).await.unwrap();
    assert_eq!(report.products, demo::catalog().unwrap().products.len());
    let stock_kept: i64 = sqlx::query_scalar("SELECT MAX(on_hand) FROM variants")
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
    assert_eq!(stock_kept, 1, "re-seeding must not reset stock");
    app.state.catalog.refresh().await.unwrap();
    let after = app.ok("/api/v1/products?per_page=60").await;
    assert_eq!(slugs(&before), slugs(&after));
    assert_eq!(before["total"], after["total"]);
    let counts: Vec<i64> = futures::future::join_all(
        ["products", "variants", "product_images", "categories"].map(|t| {
            let pool = app.state.db.pool().clone();
            async move {
                sqlx::query_scalar::<_, i64>(&format!("SELECT COUNT(*) FROM {t}"))
                    .fetch_one(&pool)
                    .await
                    .unwrap()
            }
        }),
    )
    .await;
    let demo = demo::catalog().unwrap();
    assert_eq!(counts[0] as usize, demo.products.len());
    assert_eq!(
        counts[1] as usize,
        demo.products
            .iter()
            .map(|p| p.variants.len())
            .sum::<usize>()
    );
    assert_eq!(
        counts[2] as usize,
        demo.products.iter().map(|p| p.images.len()).sum::<usize>()
    );
    assert_eq!(counts[3] as usize, demo.categories.len());
}

#[tokio::test]
async fn suggestions_offer_categories_and_products_as_you_type() {
    let app = TestApp::spawn().await;
    let body = app
        .ok(&format!(
            "/api/v1/search/suggestions?q={}",
            urlencode("洋裝")
        ))
        .await;
    let items = body["items"].as_array().unwrap();
    assert!(items.iter().any(|s| s["kind"] == "product"));
    assert!(items
        .iter()
        .all(|s| !s["label"]["zh_tw"].as_str().unwrap().is_empty()));
    let empty = app.ok("/api/v1/search/suggestions?q=").await;
    assert_eq!(empty["items"], serde_json::json!([]));
}
