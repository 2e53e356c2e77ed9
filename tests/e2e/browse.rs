//! Finding a product: home, search 洋裝 with suggestions, a facet, a product, a variant, the
//! other language — and the URL carrying all of it through reload, back and a shared link.

use fourflow_api::demo;

use crate::support::{js_shows_number, numbers, Shop, Tab, Viewport};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shopper_finds_a_dress_on_a_phone() {
    find_a_dress(Viewport::Phone).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shopper_finds_a_dress_on_a_desktop() {
    find_a_dress(Viewport::Desktop).await;
}

async fn find_a_dress(viewport: Viewport) {
    let shop = Shop::open().await;
    let tab = Tab::open(viewport).await;
    let demo = demo::catalog().unwrap();
    let dresses: Vec<_> = demo
        .products
        .iter()
        .filter(|p| p.title.zh_tw.contains("洋裝"))
        .collect();
    assert!(!dresses.is_empty(), "the demo sells dresses");

    // Home, in zh-TW by default, with departments and products.
    tab.goto(&shop.url("/")).await;
    tab.wait_for(".department-tile").await;
    tab.wait_for("#featured .product-card").await;
    assert_eq!(tab.eval("document.documentElement.lang").await, "zh-TW");
    assert!(tab.text("h1").await.contains("把日子過得剛剛好"));
    tab.screenshot("01-home").await;

    // Search as you type: suggestions appear, Enter searches.
    tab.click("#search-input").await;
    tab.type_text("洋裝").await;
    tab.wait_for(".suggestions .suggestion-label").await;
    let suggested = tab.texts(".suggestion-label").await;
    assert!(
        tab.text(".suggestion-search").await.contains("洋裝"),
        "search for what was typed"
    );
    assert!(
        suggested.iter().any(|s| s.contains("洋裝")),
        "{suggested:?}"
    );
    tab.screenshot("02-suggestions").await;
    tab.press("Enter").await;
    tab.wait_until("location.pathname === '/search'", "the search page")
        .await;
    tab.wait_for(".listing-results .product-card").await;
    assert_eq!(tab.url().await, "/search?q=%E6%B4%8B%E8%A3%9D");
    let count = tab.text(".result-count").await;
    assert_eq!(numbers(&count), [dresses.len() as u64], "{count}");
    let titles = tab.texts(".listing-results .card-title").await;
    assert_eq!(titles.len(), dresses.len());
    assert!(titles.iter().all(|t| t.contains("洋裝")), "{titles:?}");
    tab.screenshot("03-search").await;

    // A facet: only what is in stock. On a phone the filters open as a sheet.
    if viewport == Viewport::Phone {
        tab.click(".filters-button").await;
        tab.wait_until(
            "document.querySelector('.facets.open') !== null",
            "the filter sheet",
        )
        .await;
        tab.screenshot("04-filters-open").await;
    }
    tab.click_text(".facets .facet-toggle", "只看有現貨").await;
    tab.wait_until(
        "location.search.includes('in_stock=1')",
        "the in-stock filter in the URL",
    )
    .await;
    let in_stock: Vec<_> = dresses
        .iter()
        .filter(|p| p.variants.iter().any(|v| v.stock > 0))
        .collect();
    assert!(
        in_stock.len() < dresses.len(),
        "the demo has a sold-out dress"
    );
    tab.wait_until(
        &js_shows_number(".result-count", in_stock.len() as u64),
        "the filtered count",
    )
    .await;
    if viewport == Viewport::Phone {
        tab.click(".facets-foot .button:last-child").await;
    }
    assert_eq!(
        tab.texts(".listing-results .card-title").await.len(),
        in_stock.len()
    );
    tab.screenshot("05-filtered").await;

    // The URL is the state: reload keeps the filter, back removes it, a shared link opens it.
    let filtered_url = tab.url().await;
    tab.reload().await;
    tab.wait_for(".listing-results .product-card").await;
    assert_eq!(
        tab.texts(".listing-results .card-title").await.len(),
        in_stock.len()
    );
    assert_eq!(
        tab.eval("document.querySelector('.facet-toggle input').checked")
            .await,
        true
    );
    tab.back().await;
    tab.wait_until(
        "!location.search.includes('in_stock')",
        "back to the unfiltered search",
    )
    .await;
    tab.wait_until(
        &format!(
            "document.querySelectorAll('.listing-results .product-card').length === {}",
            dresses.len()
        ),
        "all dresses again",
    )
    .await;
    let shared = Tab::open(viewport).await;
    shared.goto(&shop.url(&filtered_url)).await;
    shared.wait_for(".listing-results .product-card").await;
    assert_eq!(
        shared.texts(".listing-results .card-title").await.len(),
        in_stock.len()
    );
    drop(shared);

    // A product: gallery, variant picker, specs, related products.
    let dress = dresses
        .iter()
        .find(|p| {
            p.variants
                .iter()
                .any(|v| v.size.as_deref() == Some("M") && v.stock > 0)
                && p.variants
                    .iter()
                    .any(|v| v.size.as_deref() != Some("M") && v.stock > 0)
        })
        .expect("a dress in stock in M and another size");
    tab.click_text(".listing-results .card-title", &dress.title.zh_tw)
        .await;
    tab.wait_until(
        &format!("location.pathname === '/products/{}'", dress.slug),
        "the product page",
    )
    .await;
    tab.wait_for(".product-title").await;
    assert_eq!(tab.text(".product-title").await, dress.title.zh_tw);
    assert_eq!(tab.texts(".spec-table tr").await.len(), dress.specs.len());
    assert!(
        !tab.texts(".product-section .product-card").await.is_empty(),
        "related products"
    );
    tab.screenshot("06-product").await;

    // Pick size M: the URL names the variant, the legend and the stock note follow.
    tab.click_text(".option-group .chip", "M").await;
    let m = dress
        .variants
        .iter()
        .filter(|v| v.size.as_deref() == Some("M") && v.stock > 0)
        .map(|v| v.sku.to_string())
        .collect::<Vec<_>>();
    tab.wait_until("location.search.includes('sku=')", "the variant in the URL")
        .await;
    let url = tab.url().await;
    let sku = m
        .iter()
        .find(|sku| url.ends_with(&format!("sku={sku}")))
        .unwrap_or_else(|| panic!("{url} not one of {m:?}"));
    assert!(
        tab.text(".product-sku").await.ends_with(sku.as_str()),
        "the SKU shown follows the choice"
    );
    assert!(tab.text(".option-group legend").await.ends_with('M'));
    let note = tab.text(".stock").await;
    assert!(note == "現貨供應" || note.starts_with("僅剩"), "{note}");
    tab.screenshot("07-variant").await;

    // Another of its sizes sells out while the shopper looks: back on the page, it cannot be
    // chosen.
    let gone = dress
        .variants
        .iter()
        .find(|v| v.size.as_deref() != Some("M") && v.stock > 0)
        .and_then(|v| v.size.clone())
        .expect("another size in stock");
    let skus: Vec<String> = dress
        .variants
        .iter()
        .filter(|v| v.size.as_ref() == Some(&gone))
        .map(|v| format!("'{}'", v.sku))
        .collect();
    shop.sql(&format!(
        "UPDATE variants SET on_hand = reserved WHERE sku IN ({})",
        skus.join(",")
    ))
    .await;
    tab.reload().await;
    tab.wait_for(".chip-disabled input[disabled]").await;
    // A sold-out size cannot be chosen at all: the one just sold out, and any the demo has.
    let disabled = tab
        .eval("Array.from(document.querySelectorAll('.chip-disabled input[disabled]')).map(i => i.value)")
        .await;
    let disabled: std::collections::BTreeSet<String> = disabled
        .as_array()
        .expect("a list")
        .iter()
        .map(|label| label.as_str().unwrap().to_owned())
        .collect();
    let sold_out: std::collections::BTreeSet<String> = dress
        .variants
        .iter()
        .filter_map(|v| v.size.clone())
        .filter(|size| {
            *size == gone
                || dress
                    .variants
                    .iter()
                    .filter(|v| v.size.as_ref() == Some(size))
                    .all(|v| v.stock == 0)
        })
        .collect();
    assert!(sold_out.contains(&gone));
    assert_eq!(disabled, sold_out);

    // English, remembered across a reload; the variant stays chosen.
    tab.click("button.lang-switch").await;
    tab.wait_until("document.documentElement.lang === 'en'", "English")
        .await;
    tab.wait_until(
        &format!(
            "document.querySelector('.product-title')?.textContent === {}",
            crate::support::js_str(&dress.title.en)
        ),
        "the English title",
    )
    .await;
    assert!(tab.text(".option-group legend").await.starts_with("Size"));
    tab.screenshot("08-english").await;
    tab.reload().await;
    tab.wait_for(".product-title").await;
    assert_eq!(tab.text(".product-title").await, dress.title.en);
    assert_eq!(tab.url().await, url);
    assert!(tab.text(".price-now").await.starts_with("NT$"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_search_box_works_from_the_keyboard() {
    let shop = Shop::open().await;
    let tab = Tab::open(Viewport::Desktop).await;
    tab.goto(&shop.url("/")).await;
    tab.click("#search-input").await;
    tab.type_text("耳機").await;
    tab.wait_for(".suggestions .suggestion-label").await;
    tab.press("ArrowDown").await;
    tab.wait_until("document.querySelector('#search-input').getAttribute('aria-activedescendant') === 'suggestion-0'", "the first suggestion active").await;
    let first = tab.text("#suggestion-0 .suggestion-label").await;
    tab.press("Enter").await;
    tab.wait_until("location.pathname !== '/'", "navigation to the suggestion")
        .await;
    tab.wait_until("!!document.querySelector('h1')", "a page")
        .await;
    assert_eq!(tab.text("h1").await, first);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_pages_say_so() {
    let shop = Shop::open().await;
    let tab = Tab::open(Viewport::Phone).await;
    tab.goto(&shop.url("/products/no-such-thing")).await;
    tab.wait_for(".status-panel").await;
    assert!(tab.text(".status-panel").await.contains("找不到"));
    tab.goto(&shop.url("/categories/nope")).await;
    tab.wait_for(".status-panel").await;
    tab.goto(&shop.url("/somewhere/else")).await;
    tab.wait_for(".status-panel").await;
    tab.goto(&shop.url("/search?page=abc")).await;
    tab.wait_for(".status-panel").await;
    tab.screenshot("not-found").await;
}
