//! The cart: adding from a listing and a product page, quantities, remove and undo, a coupon,
//! reloads, two tabs, the network going away and coming back, and comparing products.

use fourflow_api::demo;
use fourflow_api::store::catalog::ProductInput;

use crate::support::{js_str, Shop, Tab, Viewport};

/// A single-variant product in stock (it can be added straight from its listing).
fn single() -> ProductInput {
    demo::catalog()
        .unwrap()
        .products
        .into_iter()
        .find(|p| p.variants.len() == 1 && p.variants[0].stock > 10)
        .unwrap()
}

/// A dress that can be bought in size M.
fn dress() -> ProductInput {
    demo::catalog()
        .unwrap()
        .products
        .into_iter()
        .find(|p| {
            p.title.zh_tw.contains("洋裝")
                && p.variants
                    .iter()
                    .any(|v| v.size.as_deref() == Some("M") && v.stock >= 5)
        })
        .unwrap()
}

async fn badge(tab: &Tab) -> String {
    tab.text(".cart-badge").await
}

/// The total the server quotes for the cart as the browser holds it, formatted as the page
/// formats money: the browser's own engine must agree with it to the dollar.
async fn server_total(tab: &Tab) -> String {
    let js = "(async () => { \
        const cart = JSON.parse(localStorage.getItem('fourflow.cart')).data; \
        const pricing = JSON.parse(localStorage.getItem('fourflow.cart.pricing') || '{\"data\":{}}').data; \
        const body = { lines: cart.lines.map(l => ({ sku: l.item.sku, qty: l.qty })), \
                       coupon: pricing.coupon ? pricing.coupon.code : null, \
                       shipping_method: cart.shipping_method }; \
        const r = await fetch('/api/v1/cart/quote', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }); \
        const q = await r.json(); \
        return 'NT$' + (q.total.amount / 100).toLocaleString('en-US'); })()";
    let total = tab.eval(js).await;
    total
        .as_str()
        .unwrap_or_else(|| panic!("the server quoted no total: {total}"))
        .to_owned()
}

async fn fill_cart(shop: &Shop, tab: &Tab) {
    let single = single();
    let dress = dress();

    // From a listing: the card's own button, the drawer confirms, the badge counts.
    tab.goto(&shop.url(&format!("/categories/{}", single.category)))
        .await;
    tab.wait_for(".card-add").await;
    let card = format!(
        "[...document.querySelectorAll('.product-card')].find(c => c.querySelector('.card-title').textContent === {})",
        js_str(&single.title.zh_tw)
    );
    tab.eval(&format!(
        "{card}.querySelector('.card-add').setAttribute('data-e2e-add', '1')"
    ))
    .await;
    tab.click("[data-e2e-add]").await;
    tab.wait_for(".cart-drawer.open").await;
    tab.wait_until(
        "getComputedStyle(document.querySelector('.cart-drawer')).transform === 'none'",
        "the drawer in place",
    )
    .await;
    assert_eq!(badge(tab).await, "1");
    tab.screenshot("cart-01-drawer").await;
    tab.click(".drawer-actions .button-quiet").await;

    // From the product page: size M, two of them.
    tab.goto(&shop.url(&format!("/products/{}", dress.slug)))
        .await;
    tab.click_text(".option-group .chip", "M").await;
    tab.wait_until("location.search.includes('sku=')", "the variant")
        .await;
    tab.click(".buy-box .stepper-button:last-of-type").await;
    tab.wait_until(
        "document.querySelector('.buy-box input').value === '2'",
        "two",
    )
    .await;
    tab.click(".add-to-cart").await;
    tab.wait_until(
        "document.querySelector('.cart-badge').textContent === '3'",
        "three in the cart",
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shopper_fills_and_edits_a_cart_on_a_phone() {
    edit_a_cart(Viewport::Phone).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shopper_fills_and_edits_a_cart_on_a_desktop() {
    edit_a_cart(Viewport::Desktop).await;
}

async fn edit_a_cart(viewport: Viewport) {
    let shop = Shop::open().await;
    let tab = Tab::open(viewport).await;
    fill_cart(&shop, &tab).await;

    // The drawer leads to the cart page, the cart app: a real page load, the same cart.
    tab.wait_for(".cart-drawer.open").await;
    // Once it has slid in: a click mid-slide lands where the button no longer is.
    tab.wait_until(
        "getComputedStyle(document.querySelector('.cart-drawer')).transform === 'none'",
        "the drawer in place",
    )
    .await;
    tab.click(".drawer-actions a.button").await;
    tab.wait_until("location.pathname === '/cart'", "the cart page")
        .await;
    tab.wait_until(
        "document.querySelectorAll('.cart-line').length === 2",
        "two lines",
    )
    .await;
    tab.wait_for(".summary-row.total").await;
    let total = || async { tab.text(".summary-row.total dd").await };
    assert_eq!(
        total().await,
        server_total(&tab).await,
        "the browser prices as the server does"
    );
    tab.screenshot("cart-02-page").await;

    // One more of the first line (the dress, newest first).
    let before = total().await;
    tab.click(".cart-line .stepper-button:last-of-type").await;
    tab.wait_until(
        "document.querySelector('.cart-line .stepper input').value === '3'",
        "three dresses",
    )
    .await;
    tab.wait_until(
        &format!(
            "document.querySelector('.summary-row.total dd').textContent !== {}",
            js_str(&before)
        ),
        "a new total",
    )
    .await;
    assert_eq!(total().await, server_total(&tab).await);

    // Remove, then undo.
    tab.click(".cart-line .line-actions .link-button:last-of-type")
        .await;
    tab.wait_until(
        "document.querySelectorAll('.cart-line').length === 1",
        "one line left",
    )
    .await;
    tab.wait_for(".undo-bar").await;
    tab.screenshot("cart-03-undo").await;
    tab.click(".undo-bar button").await;
    tab.wait_until(
        "document.querySelectorAll('.cart-line').length === 2",
        "the line back",
    )
    .await;

    // A coupon: a clear refusal, then one that applies.
    tab.click("#coupon-input").await;
    tab.type_text("NOPE").await;
    tab.click(".coupon-form button[type=submit]").await;
    tab.wait_until(
        "document.querySelector('#coupon-error').textContent.length > 0",
        "the refusal",
    )
    .await;
    assert!(tab.text("#coupon-error").await.contains("查無此優惠碼"));
    tab.eval("document.querySelector('#coupon-input').select()")
        .await;
    tab.type_text("welcome100").await;
    tab.click(".coupon-form button[type=submit]").await;
    tab.wait_for(".coupon-applied").await;
    assert!(tab.text(".coupon-applied").await.contains("WELCOME100"));
    tab.wait_until("[...document.querySelectorAll('.summary-row.discount dt')].some(d => d.textContent.includes('NT$100'))", "the coupon's line").await;
    assert_eq!(total().await, server_total(&tab).await);
    tab.screenshot("cart-04-coupon").await;

    // Reload: all of it is still there.
    let lines = tab.texts(".cart-line .line-title").await;
    let total_before = total().await;
    tab.reload().await;
    tab.wait_until(
        "document.querySelectorAll('.cart-line').length === 2",
        "two lines after reload",
    )
    .await;
    assert_eq!(tab.texts(".cart-line .line-title").await, lines);
    tab.wait_for(".coupon-applied").await;
    tab.wait_until(
        &format!(
            "document.querySelector('.summary-row.total dd')?.textContent === {}",
            js_str(&total_before)
        ),
        "the same total",
    )
    .await;
    assert_eq!(badge(&tab).await, "4");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_tabs_keep_the_same_cart() {
    let shop = Shop::open().await;
    let cart_tab = Tab::open(Viewport::Desktop).await;
    cart_tab.goto(&shop.url("/cart")).await;
    cart_tab.wait_for(".empty-state").await;
    let shop_tab = cart_tab.another_tab().await;
    let single = single();
    shop_tab
        .goto(&shop.url(&format!("/products/{}", single.slug)))
        .await;
    shop_tab.click(".add-to-cart").await;
    shop_tab
        .wait_until(
            "document.querySelector('.cart-badge').textContent === '1'",
            "one in the cart",
        )
        .await;
    // The other tab follows without a reload…
    cart_tab
        .wait_until(
            "document.querySelectorAll('.cart-line').length === 1",
            "the line in the other tab",
        )
        .await;
    // …and the other way round.
    cart_tab
        .click(".cart-line .stepper-button:last-of-type")
        .await;
    shop_tab
        .wait_until(
            "document.querySelector('.cart-badge').textContent === '2'",
            "the badge in the other tab",
        )
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cart_works_offline_and_tells_what_changed() {
    let mut shop = Shop::open().await;
    let tab = Tab::open(Viewport::Phone).await;
    let dress = dress();
    // First visit installs the service worker; the pages seen then are kept.
    tab.goto(&shop.url("/")).await;
    tab.wait_until(
        "!!navigator.serviceWorker.controller",
        "the service worker in control",
    )
    .await;
    // Seen with the worker in control: what it answers is kept.
    tab.reload().await;
    tab.wait_for("#featured .product-card").await;
    fill_cart(&shop, &tab).await;
    tab.goto(&shop.url("/cart")).await;
    tab.wait_for(".summary-row.total").await;
    tab.goto(&shop.url(&format!("/products/{}", dress.slug)))
        .await;
    tab.wait_for(".product-title").await;

    // The network goes: the browser says so, and the server is gone too.
    tab.set_offline(true).await;
    shop.stop().await;
    tab.wait_for(".offline-banner").await;
    // Pages seen before still open, from the cache.
    tab.goto(&shop.url("/")).await;
    tab.wait_for("#featured .product-card").await;
    tab.goto(&shop.url(&format!("/products/{}", dress.slug)))
        .await;
    tab.wait_for(".product-title").await;
    assert_eq!(tab.text(".product-title").await, dress.title.zh_tw);
    // The cart still opens, edits and prices.
    tab.goto(&shop.url("/cart")).await;
    tab.wait_until(
        "document.querySelectorAll('.cart-line').length === 2",
        "the cart offline",
    )
    .await;
    let before = tab.text(".summary-row.total dd").await;
    tab.click(".cart-line .stepper-button:first-of-type").await;
    tab.wait_until(
        "document.querySelector('.cart-line .stepper input').value === '1'",
        "one dress",
    )
    .await;
    tab.wait_until(
        &format!(
            "document.querySelector('.summary-row.total dd').textContent !== {}",
            js_str(&before)
        ),
        "a new total offline",
    )
    .await;
    tab.screenshot("cart-05-offline").await;

    // Meanwhile the shop changes the dress's price (there is no back office yet: in the database).
    let sku = dress
        .variants
        .iter()
        .find(|v| v.size.as_deref() == Some("M") && v.stock >= 5)
        .unwrap()
        .sku
        .to_string();
    shop.sql(&format!(
        "UPDATE variants SET price = price + 10000 WHERE sku = '{sku}'"
    ))
    .await;
    shop.sql("UPDATE catalog_state SET version = version + 1")
        .await;

    // Back online: the cart catches up and says what changed, applying nothing silently.
    shop.start().await;
    tab.set_offline(false).await;
    tab.wait_for(".cart-notices").await;
    let notice = tab.text(".cart-notices").await;
    assert!(
        notice.contains(&dress.title.zh_tw) && notice.contains("價格"),
        "{notice}"
    );
    tab.wait_until(
        "!document.querySelector('.offline-banner')",
        "the banner gone",
    )
    .await;
    tab.wait_until("document.querySelector('.summary-row.total')", "a total")
        .await;
    assert_eq!(
        tab.text(".summary-row.total dd").await,
        server_total(&tab).await
    );
    tab.screenshot("cart-06-back-online").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_products_side_by_side() {
    let shop = Shop::open().await;
    let tab = Tab::open(Viewport::Desktop).await;
    let earphones: Vec<ProductInput> = demo::catalog()
        .unwrap()
        .products
        .into_iter()
        .filter(|p| p.title.zh_tw.contains("耳機"))
        .take(3)
        .collect();
    for product in &earphones {
        tab.goto(&shop.url(&format!("/products/{}", product.slug)))
            .await;
        tab.click_text(".product-tools .tool", "加入比較").await;
        tab.wait_for(".tool-link").await;
    }
    tab.click(".tool-link").await;
    tab.wait_until("location.pathname === '/compare'", "the compare page")
        .await;
    tab.wait_until(
        "document.querySelectorAll('.compare-table thead th').length === 3",
        "three columns",
    )
    .await;
    let differing = tab
        .eval("document.querySelectorAll('.compare-table tr.differs').length")
        .await;
    assert!(
        differing.as_u64().unwrap() >= 3,
        "the specs differ somewhere"
    );
    // Rows alike (the warranty) too, or hiding them would show nothing.
    let alike = tab
        .eval("document.querySelectorAll('.compare-table tr.same').length")
        .await;
    assert!(alike.as_u64().unwrap() >= 1, "the specs agree somewhere");
    tab.screenshot("compare").await;
    tab.click(".compare-page .facet-option input").await;
    tab.wait_until("getComputedStyle(document.querySelector('.compare-table tr.same') || document.body).display === 'none' || !document.querySelector('.compare-table tr.same')", "only differences").await;
}
