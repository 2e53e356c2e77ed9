//! Merchandising end to end: a marketer finds a SKU, is told beside the field why a
//! was-price is refused, changes the price, takes in stock with a reason, tries a CSV whose
//! bad cell is reported by line and column, previews a promotion on a sample cart, uploads
//! to the media library; an admin then reads those changes in the audit log, before and after.

use super::{field, staff};
use crate::support::{call, fill, js_shows_number, Shop, Tab, Viewport};

const SKU: &str = "QAO-75G";
/// A 1×1 PNG, base64.
const PNG: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_marketer_reprices_and_restocks_and_an_admin_reads_it_in_the_audit_log() {
    let shop = Shop::open().await;
    let desk = Tab::open(Viewport::Desktop).await;
    staff(
        &shop,
        &desk,
        "mei@example.tw",
        "marketer",
        "/admin/merchandising",
    )
    .await;
    // A marketer's nav offers merchandising and content, not the orders console or the admins'.
    desk.wait_for(".sku-table").await;
    let nav = desk.text(".admin-nav").await;
    assert!(
        nav.contains("商品與庫存") && nav.contains("促銷與優惠券"),
        "{nav}"
    );
    assert!(!nav.contains("訂單") && !nav.contains("稽核紀錄"), "{nav}");

    fill(&desk, ".admin-search input", SKU).await;
    desk.press("Enter").await;
    desk.wait_until(
        "location.search.includes('QAO-75G')",
        "the search in the URL",
    )
    .await;
    desk.click(&field(&format!("調整 {SKU}"))).await;
    desk.wait_for(".price-form").await;

    // A was-price below the price: the server's word, beside that field.
    fill(&desk, ".price-form input[name=price]", "599").await;
    fill(&desk, ".price-form input[name=compare_at]", "500").await;
    desk.click(".price-form button[type=submit]").await;
    desk.wait_for("#problem-compare_at").await;
    assert!(desk
        .eval("document.querySelector('.price-form input[name=compare_at]').getAttribute('aria-invalid') === 'true'")
        .await
        .as_bool()
        .unwrap());
    desk.screenshot("admin-10-price-refused").await;
    fill(&desk, ".price-form input[name=compare_at]", "680").await;
    desk.click(".price-form button[type=submit]").await;
    desk.wait_until(
        &js_shows_number(".price-form .form-ok", 599),
        "the new price saved",
    )
    .await;

    // 24 units in from the supplier, with a note for the audit log.
    fill(&desk, ".stock-form input[name=delta]", "24").await;
    fill(&desk, ".stock-form input[name=note]", "冬茶到貨").await;
    desk.click(".stock-form button[type=submit]").await;
    desk.wait_until(
        &js_shows_number(".stock-form .form-ok", 54),
        "30 + 24 on hand",
    )
    .await;
    desk.wait_until(
        "[...document.querySelectorAll('.sku-table td')].some(td => td.textContent.trim() === '54')",
        "the list showing the new stock",
    )
    .await;
    desk.screenshot("admin-11-sku-adjusted").await;

    // A CSV with a price that is not a number: reported at line 3, column price; nothing to
    // confirm.
    fill(
        &desk,
        ".csv-import textarea",
        "sku,price,on_hand\nQAO-75G,650,54\nQAO-150G,abc,10\n",
    )
    .await;
    desk.click_text(".csv-import button", "試算").await;
    desk.wait_for(".import-errors").await;
    let errors = desk.texts(".import-errors tbody tr").await;
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with('3') && e.contains("price")),
        "{errors:?}"
    );
    assert!(desk
        .eval("[...document.querySelectorAll('.csv-import button')].find(b => b.textContent.includes('確認匯入')).disabled")
        .await
        .as_bool()
        .unwrap());
    desk.screenshot("admin-12-csv-dry-run").await;

    // The same screens on a phone.
    let phone = desk.another_tab_at(Viewport::Phone).await;
    phone
        .goto(&shop.url(&format!("/admin/merchandising?q={SKU}")))
        .await;
    phone.click(&field(&format!("調整 {SKU}"))).await;
    phone.wait_for(".stock-form").await;
    phone.screenshot("admin-13-merchandising").await;
    // And in English (the choice is the browser's: switched back for the tabs that follow).
    phone.click("button.lang-switch").await;
    phone
        .wait_until(
            "document.querySelector('h1')?.textContent === 'Products & stock'",
            "the English screen",
        )
        .await;
    phone.screenshot("admin-13b-merchandising-en").await;
    phone.click("button.lang-switch").await;
    phone
        .wait_until(
            "document.querySelector('h1')?.textContent === '商品與庫存'",
            "back in Chinese",
        )
        .await;

    // A promotion previewed on a sample cart before it is saved.
    desk.goto(&shop.url("/admin/promotions")).await;
    desk.wait_for(".promotions-table").await;
    desk.click_text(".admin-header button", "新增促銷").await;
    fill(&desk, "input[name='promotion.id']", "winter-tea-10").await;
    fill(&desk, "input[name='promotion.label.zh_tw']", "冬茶 9 折").await;
    fill(
        &desk,
        "input[name='promotion.label.en']",
        "10% off winter tea",
    )
    .await;
    desk.click_text(".promotion-preview button", "試算").await;
    desk.wait_for(".preview-quotes .quote-card").await;
    let quotes = desk.texts(".quote-card").await;
    assert_eq!(quotes.len(), 2, "{quotes:?}");
    assert!(quotes[1].contains("冬茶 9 折"), "{quotes:?}");
    desk.screenshot("admin-14-promotion-preview").await;
    phone.goto(&shop.url("/admin/promotions")).await;
    phone.wait_for(".promotions-table").await;
    phone.screenshot("admin-15-promotions").await;

    // The media library: a file that is no image is refused with the server's reason; a PNG
    // is listed with its sizes.
    desk.goto(&shop.url("/admin/media")).await;
    desk.wait_for(".media-upload input[type=file]").await;
    let choose = |bytes: &str, name: &str| {
        format!(
            "(() => {{ const bytes = Uint8Array.from(atob('{bytes}'), c => c.charCodeAt(0)); \
             const dt = new DataTransfer(); dt.items.add(new File([bytes], '{name}')); \
             document.querySelector('.media-upload input[type=file]').files = dt.files; }})()"
        )
    };
    desk.eval(&choose(
        "PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIj48L3N2Zz4=",
        "banner.svg",
    ))
    .await;
    desk.click(".media-upload button[type=submit]").await;
    desk.wait_until(
        "document.querySelector('.media-upload .form-problem')?.textContent.includes('JPEG')",
        "the server's reason for refusing an SVG",
    )
    .await;
    desk.eval(&choose(PNG, "dot.png")).await;
    desk.click(".media-upload button[type=submit]").await;
    desk.wait_for(".media-card .media-variants").await;
    desk.screenshot("admin-15b-media").await;
    phone.goto(&shop.url("/admin/media")).await;
    phone.wait_for(".media-card").await;
    phone.screenshot("admin-15c-media").await;

    // Forty more images, drawn in the page and sent as the upload form sends them: the library
    // shows forty a page, the newest first, so the first PNG is alone on page 2.
    let uploaded = desk
        .eval(
            "(async () => { let ok = 0; for (let i = 0; i < 40; i++) { \
               const c = document.createElement('canvas'); c.width = 2; c.height = 2; \
               const g = c.getContext('2d'); g.fillStyle = `rgb(${i * 6}, 120, 200)`; g.fillRect(0, 0, 2, 2); \
               const png = await new Promise(done => c.toBlob(done, 'image/png')); \
               const answer = await fetch('/api/v1/admin/media', { method: 'POST', body: png, \
                 headers: { 'x-fourflow-csrf': '1', 'content-type': 'application/octet-stream' } }); \
               if (answer.ok) ok++; } return ok; })()",
        )
        .await;
    assert_eq!(uploaded, 40, "forty distinct PNGs accepted");
    desk.goto(&shop.url("/admin/media")).await;
    desk.wait_for(".pager").await;
    assert_eq!(
        desk.eval("document.querySelectorAll('.media-card').length")
            .await,
        40
    );
    desk.click(".pager a[rel=next]").await;
    desk.wait_until(
        "location.search === '?page=2' && document.querySelectorAll('.media-card').length === 1",
        "the oldest image alone on page 2",
    )
    .await;

    // An admin reads who changed what, before and after.
    let boss = Tab::open(Viewport::Desktop).await;
    staff(&shop, &boss, "boss@example.tw", "admin", "/admin/audit").await;
    boss.wait_for(".audit-table").await;
    let log = boss.texts(".audit-table tbody tr").await;
    let price = log
        .iter()
        .find(|row| row.contains("改價"))
        .unwrap_or_else(|| panic!("{log:?}"));
    // Each change as the log shows it, before → after: the figures alone could be a date's.
    assert!(
        price.contains(SKU) && price.contains("NT$680 → NT$599"),
        "{price}"
    );
    let stock = log
        .iter()
        .find(|row| row.contains("庫存調整"))
        .unwrap_or_else(|| panic!("{log:?}"));
    assert!(
        stock.contains("30 → 54") && stock.contains("冬茶到貨"),
        "{stock}"
    );
    assert!(price.contains("陳營運"), "who did it, by name: {price}");
    boss.screenshot("admin-16-audit-log").await;
    let boss_phone = boss.another_tab_at(Viewport::Phone).await;
    boss_phone.goto(&shop.url("/admin/audit")).await;
    boss_phone.wait_for(".audit-table").await;
    boss_phone.screenshot("admin-17-audit-log").await;
    boss.goto(&shop.url("/admin/staff")).await;
    boss.wait_for(".staff-table").await;
    // The marketer moves to the warehouse; the admin cannot take away their own admin role.
    let pick = |email: &str, role: &str| {
        format!(
            "(() => {{ const row = [...document.querySelectorAll('.staff-table tbody tr')].find(r => r.textContent.includes('{email}')); \
             const s = row.querySelector('select'); s.value = '{role}'; s.dispatchEvent(new Event('input', {{ bubbles: true }})); s.dispatchEvent(new Event('change', {{ bubbles: true }})); \
             row.querySelector('button').setAttribute('data-e2e-row', '{email}'); }})()"
        )
    };
    boss.eval(&pick("mei@example.tw", "operator")).await;
    boss.click("[data-e2e-row='mei@example.tw']").await;
    boss.wait_until(
        "document.querySelector('.staff-table .form-ok')?.textContent.includes('營運')",
        "the new role confirmed",
    )
    .await;
    boss.eval(&pick("boss@example.tw", "customer")).await;
    boss.click("[data-e2e-row='boss@example.tw']").await;
    boss.wait_for(".staff-table .field-problem").await;
    let refused = boss.text(".staff-table .field-problem").await;
    assert!(
        refused.contains("另一位管理員"),
        "said in the screen's language: {refused}"
    );
    boss.screenshot("admin-18-staff").await;

    // A new colleague, signed up in the shop, is brought in by the email they used.
    let signup = r#"{"email":"lin@example.tw","password":"correct horse battery","name":"林倉管"}"#;
    assert_eq!(
        call(&boss, "POST", "/api/v1/auth/signup", signup).await,
        202
    );
    fill(&boss, ".grant-form input[name=email]", "lin@").await;
    boss.click(".grant-form button[type=submit]").await;
    boss.wait_for(".grant-form #problem-email").await;
    fill(&boss, ".grant-form input[name=email]", "Lin@Example.tw").await;
    boss.eval(
        "(() => { const s = document.querySelector('.grant-form select'); s.value = 'operator'; \
         s.dispatchEvent(new Event('change', { bubbles: true })); })()",
    )
    .await;
    boss.click(".grant-form button[type=submit]").await;
    boss.wait_until(
        "[...document.querySelectorAll('.staff-table tbody tr')].some(r => r.textContent.includes('lin@example.tw'))",
        "the new colleague among the staff",
    )
    .await;
}
