//! The back office end to end: a marketer writes the home page's banner and a product's
//! description, previews them by the secret link, publishes, and a shopper sees the change;
//! an operator finds an order, packs it, hands it to the carrier and prints its slip, and the
//! shopper's tracking page shows it on its way. Merchandising in [`merchandising`].

mod merchandising;

use fourflow_api::demo;

use crate::support::{call, fill, js_str, Shop, Tab, Viewport};

const PASSWORD: &str = "ledger and tea at nine";
const TEA: &str = "alishan-high-mountain-oolong";

/// A staff account with `role`, signed in on `tab` as staff do: `next` in the back office
/// asks them to sign in, its link opens the shop's sign-in page, which hands back to `next`.
pub(super) async fn staff(shop: &Shop, tab: &Tab, email: &str, role: &str, next: &str) {
    tab.goto(&shop.url(next)).await;
    tab.click(".admin-card a.button").await;
    tab.wait_until(
        &format!(
            "location.pathname === '/account/login' && location.search.includes({})",
            js_str(&format!("next={}", next.replace('/', "%2F")))
        ),
        "the sign-in page, with the way back",
    )
    .await;
    let signup = format!(
        r#"{{"email":{},"password":{},"name":"陳營運"}}"#,
        js_str(email),
        js_str(PASSWORD)
    );
    assert_eq!(call(tab, "POST", "/api/v1/auth/signup", &signup).await, 202);
    // No admin exists yet to grant the role: the command line's part, done in the database.
    shop.sql(&format!(
        "UPDATE customers SET role = '{role}', email_verified_at = '2026-11-01T00:00:00Z' \
         WHERE email = '{email}'"
    ))
    .await;
    tab.wait_for("#login-email").await;
    fill(tab, "#login-email", email).await;
    fill(tab, "#login-password", PASSWORD).await;
    tab.click(".account-form button[type=submit]").await;
    tab.wait_until(
        &format!("location.pathname === {}", js_str(next)),
        "the back office",
    )
    .await;
}

/// The back office's field whose label (or aria-label) is `label`.
pub(super) fn field(label: &str) -> String {
    format!("[aria-label={}]", js_str(label))
}

/// Types into the input inside the `<label>` whose caption is `caption`, within the last
/// block on the page.
async fn fill_labelled(tab: &Tab, caption: &str, text: &str) {
    tab.eval(&format!(
        "(() => {{ const blocks = document.querySelectorAll('.admin-block'); \
           const block = blocks[blocks.length - 1]; \
           const label = [...block.querySelectorAll('label')].find(l => l.querySelector('span')?.textContent === {}); \
           label.querySelector('input').setAttribute('data-e2e-field', '1'); }})()",
        js_str(caption)
    ))
    .await;
    fill(tab, "[data-e2e-field]", text).await;
    tab.eval("document.querySelector('[data-e2e-field]').removeAttribute('data-e2e-field')")
        .await;
}

/// Waits for the editor's answer to a save, and says what it was if not `version` saved.
async fn saved(tab: &Tab, version: u32) {
    tab.wait_for(".form-ok, .form-problem").await;
    let said = tab.text(".form-ok, .form-problem").await;
    assert!(
        said.contains(&format!("第 {version} 版")),
        "the editor said: {said}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_marketer_previews_and_publishes_and_shoppers_see_it() {
    let shop = Shop::open().await;
    let desk = Tab::open(Viewport::Desktop).await;
    staff(
        &shop,
        &desk,
        "mei@example.tw",
        "marketer",
        "/admin/content/home/home",
    )
    .await;

    // The home page's banner, written as a new document.
    desk.wait_for(&field("標題 (中文)")).await;
    fill(&desk, &field("標題 (中文)"), "四流選物").await;
    desk.click_text(".admin-actions button", "主視覺橫幅").await;
    desk.wait_for(".admin-block").await;
    fill_labelled(&desk, "圖片網址", "/demo/categories/tea.svg").await;
    fill(&desk, &field("標語 (中文)"), "冬茶上市，暖到心裡").await;
    fill(&desk, &field("標語 (English)"), "Winter tea is here").await;
    fill(&desk, &field("按鈕文字 (中文)"), "逛茶品").await;
    // A link that would run a script is refused, and said beside the block that has it.
    fill_labelled(&desk, "連結", "javascript:alert(1)").await;
    desk.click_text(".admin-actions button", "儲存草稿").await;
    desk.wait_for(".admin-block.has-problem .field-problem")
        .await;
    desk.screenshot("admin-01a-block-refused").await;
    fill_labelled(&desk, "連結", "/categories/tea").await;
    desk.click_text(".admin-actions button", "儲存草稿").await;
    saved(&desk, 1).await;
    desk.screenshot("admin-01-home-editor").await;

    // The preview shows the draft; the shop does not, yet.
    let preview = desk
        .eval("document.querySelector('a[href*=\"preview=\"]').getAttribute('href')")
        .await;
    let shopper = Tab::open(Viewport::Phone).await;
    shopper.goto(&shop.url(preview.as_str().unwrap())).await;
    shopper
        .wait_until(
            "document.querySelector('.hero-marketed h1')?.textContent === '冬茶上市，暖到心裡'",
            "the draft banner",
        )
        .await;
    shopper.wait_for(".preview-note").await;
    shopper.screenshot("admin-02-home-preview").await;
    shopper.goto(&shop.url("/")).await;
    shopper.wait_for(".hero h1").await;
    assert!(!shopper.text(".hero h1").await.contains("冬茶"));

    desk.click_text(".admin-actions button", "發布第 1 版")
        .await;
    desk.wait_until(
        "document.querySelector('.form-ok')?.textContent.includes('已發布')",
        "published",
    )
    .await;
    // The winter banner comes down by itself at the end of the season.
    desk.eval(
        "(() => { const i = document.querySelector('input[name=\"unpublish.at\"]'); \
         i.value = '2027-03-01T09:00'; i.dispatchEvent(new Event('input', { bubbles: true })); })()",
    )
    .await;
    desk.click_text(".publication button", "下架").await;
    desk.wait_until(
        "document.querySelector('.form-ok')?.textContent.includes('2027/3/1')",
        "the take-down scheduled",
    )
    .await;
    desk.screenshot("admin-03b-home-scheduled-down").await;
    shopper.goto(&shop.url("/")).await;
    shopper
        .wait_until(
            "document.querySelector('.hero-marketed h1')?.textContent === '冬茶上市，暖到心裡'",
            "the published banner",
        )
        .await;
    assert!(shopper
        .eval("!document.querySelector('.preview-note')")
        .await
        .as_bool()
        .unwrap());
    shopper.screenshot("admin-03-home-published").await;

    // A product's description: the catalog's copy to start from, a draft, then live.
    desk.goto(&shop.url(&format!("/admin/content/product/{TEA}")))
        .await;
    desk.wait_for(&field("內文（Markdown） (中文)")).await;
    let catalog_title = demo::catalog()
        .unwrap()
        .products
        .into_iter()
        .find(|p| p.slug.as_str() == TEA)
        .unwrap()
        .title
        .zh_tw;
    assert_eq!(
        desk.eval(&format!(
            "document.querySelector({}).value",
            js_str(&field("標題 (中文)"))
        ))
        .await,
        catalog_title.as_str()
    );
    fill(
        &desk,
        &field("內文（Markdown） (中文)"),
        "**冬茶限定**：焙火清香，回甘綿長。",
    )
    .await;
    fill(&desk, &field("SEO 標題 (中文)"), "阿里山冬茶 75g 限量").await;
    fill(
        &desk,
        &field("SEO 描述 (中文)"),
        "焙火清香、回甘綿長的高山烏龍冬茶。",
    )
    .await;
    desk.click_text(".admin-actions button", "儲存草稿").await;
    saved(&desk, 1).await;
    desk.screenshot("admin-04-product-copy").await;
    desk.click_text(".admin-actions button", "發布第 1 版")
        .await;
    desk.wait_until(
        "document.querySelector('.form-ok')?.textContent.includes('已發布')",
        "published",
    )
    .await;
    // The catalog picks the change up within its refresh.
    shopper.goto(&shop.url(&format!("/products/{TEA}"))).await;
    shopper
        .wait_until(
            "document.querySelector('.prose strong')?.textContent === '冬茶限定'",
            "the new description",
        )
        .await;
    // The copy's SEO title and description are the page's head, for tabs and search engines.
    shopper
        .wait_until(
            "document.title.startsWith('阿里山冬茶 75g 限量 | ')",
            "the SEO title",
        )
        .await;
    assert_eq!(
        shopper
            .eval("document.querySelector('meta[name=description]').content")
            .await,
        "焙火清香、回甘綿長的高山烏龍冬茶。"
    );
    shopper.screenshot("admin-05-product-published").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_operator_ships_an_order_and_the_shopper_sees_it_on_its_way() {
    let shop = Shop::open_manual().await;
    let sku = demo::catalog()
        .unwrap()
        .products
        .into_iter()
        .find(|p| p.variants.len() == 1 && p.variants[0].stock > 20)
        .map(|p| p.variants[0].sku.to_string())
        .unwrap();
    let shopper = Tab::open(Viewport::Phone).await;
    shopper.goto(&shop.url("/")).await;
    // A cash-on-delivery order goes straight to the warehouse.
    let order = format!(
        r#"{{"lines":[{{"sku":{},"qty":2}}],"shipping_method":"home_delivery","payment_method":"cash_on_delivery",
            "contact":{{"name":"王小明","email":"ming@example.tw","phone":"0911222333"}},
            "delivery":{{"type":"address","postal_code":"10617","city":"台北市","district":"大安區","line":"羅斯福路四段 1 號"}}}}"#,
        js_str(&sku)
    );
    let placed = shopper
        .eval(&format!(
            "(async () => {{ const r = await fetch('/api/v1/orders', {{ method: 'POST', \
             headers: {{ 'content-type': 'application/json', 'x-fourflow-csrf': '1', 'idempotency-key': 'e2e-ops-order' }}, \
             body: {} }}); const o = await r.json(); return o.number + ' ' + o.access_token; }})()",
            js_str(&order)
        ))
        .await;
    let (number, token) = placed.as_str().unwrap().split_once(' ').unwrap();

    let desk = Tab::open(Viewport::Desktop).await;
    staff(&shop, &desk, "ops@example.tw", "operator", "/admin/orders").await;
    desk.wait_for(&format!("a[href='/admin/orders/{number}']"))
        .await;
    desk.click_text(".admin-tab", "備貨中").await;
    desk.wait_until(
        "location.search.includes('status=processing')",
        "the processing tab",
    )
    .await;
    desk.wait_for(&format!("a[href='/admin/orders/{number}']"))
        .await;
    desk.click(&format!("input[aria-label='選取訂單 {number}']"))
        .await;
    desk.wait_until(
        "[...document.querySelectorAll('.admin-toolbar a')].some(a => a.textContent.includes('（1）'))",
        "one order ticked",
    )
    .await;
    desk.screenshot("admin-06-orders").await;

    desk.click(&format!("a[href='/admin/orders/{number}']"))
        .await;
    desk.click_text(".admin-actions button", "揀貨包裝完成")
        .await;
    desk.click_text(".admin-actions button", "交寄物流").await;
    desk.wait_until(
        "document.querySelector('.admin-actions')?.textContent.includes('沒有可以執行的動作')",
        "nothing left to do",
    )
    .await;
    desk.screenshot("admin-07-order-handed-over").await;

    // The slip prints with the order's barcode and the money to collect at the door.
    // Another tab of the operator's browser, signed in as they are.
    let printer = desk.another_tab().await;
    printer
        .goto_page(
            &shop.url(&format!("/admin/print/shipping-slips?orders={number}")),
            ".slip",
        )
        .await;
    let slip = printer.text(".slip").await;
    assert!(slip.contains(number) && slip.contains("貨到付款"), "{slip}");
    printer.screenshot("admin-08-shipping-slip").await;

    // The carrier took it: the shopper's page says so, with the tracking number.
    shopper
        .goto(&shop.url(&format!("/orders/{number}?token={token}")))
        .await;
    shopper
        .wait_until(
            "document.querySelector('.status-badge')?.textContent === '已出貨'",
            "shipped",
        )
        .await;
    shopper.wait_for(".tracking-number").await;
    let history = desk.text(".staff-history").await;
    assert!(history.contains("員工"), "{history}");
    shopper.screenshot("admin-09-shopper-sees-shipped").await;
}
