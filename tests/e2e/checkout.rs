//! Checkout to doorstep: a guest paying by card through a 3-D Secure challenge and following
//! the parcel as the carrier's clock moves; an ATM transfer confirmed by the provider's
//! webhook; cash on delivery to a convenience store, collected there.

use fourflow_api::demo;
use fourflow_api::store::catalog::ProductInput;

use crate::support::{choose, fill, js_str, next_step, Shop, Tab, Viewport};

const HOUR: i64 = 3600;

/// A single-variant product in stock.
fn product() -> ProductInput {
    demo::catalog()
        .unwrap()
        .products
        .into_iter()
        .find(|p| p.variants.len() == 1 && p.variants[0].stock > 20)
        .unwrap()
}

/// Puts one of `product()` in the cart from its page, then opens checkout from the cart.
async fn start_checkout(shop: &Shop, tab: &Tab) {
    tab.goto(&shop.url(&format!("/products/{}", product().slug)))
        .await;
    tab.click(".add-to-cart").await;
    tab.wait_until(
        "document.querySelector('.cart-badge').textContent === '1'",
        "one in the cart",
    )
    .await;
    tab.goto(&shop.url("/cart")).await;
    tab.click(".checkout-button").await;
    tab.wait_until("location.pathname === '/checkout'", "checkout")
        .await;
    tab.wait_for("#contact-name").await;
}

async fn contact(tab: &Tab) {
    fill(tab, "#contact-name", "林小美").await;
    fill(tab, "#contact-email", "mei@example.tw").await;
    fill(tab, "#contact-phone", "0912 345 678").await;
    next_step(tab, "delivery").await;
}

async fn address(tab: &Tab) {
    choose(tab, "#delivery-city", "臺北市").await;
    choose(tab, "#delivery-district", "大安區").await;
    // The district brings its postal code; the shopper adds the last digits.
    tab.wait_until(
        "document.querySelector('#delivery-postal-code').value === '106'",
        "大安區's postal code filled in",
    )
    .await;
    fill(tab, "#delivery-postal-code", "10617").await;
    fill(tab, "#delivery-line", "復興南路一段 1 號 5 樓").await;
    next_step(tab, "payment").await;
}

async fn choose_payment(tab: &Tab, method: &str) {
    tab.click(&format!("input[name=payment_method][value={method}]"))
        .await;
}

async fn card(tab: &Tab, number: &str) {
    choose_payment(tab, "card").await;
    tab.wait_for("#card-number").await;
    fill(tab, "#card-number", number).await;
    fill(tab, "#card-expiry", "12/30").await;
    fill(tab, "#card-cvc", "123").await;
}

/// Chooses how the e-invoice is taken, on the payment step.
async fn invoice(tab: &Tab, kind: &str) {
    tab.click(&format!("input[name=invoice_kind][value={kind}]"))
        .await;
}

/// Waits for the order page to show an issued invoice's number, and answers it.
async fn invoice_number(tab: &Tab) -> String {
    tab.wait_until(
        "/[A-Z]{2}\\d{8}/.test(document.querySelector('.order-invoice')?.textContent ?? '')",
        "the invoice number",
    )
    .await;
    tab.text(".order-invoice").await
}

/// Places the order from the review step.
async fn place(tab: &Tab) {
    tab.click(".place-order").await;
}

/// Waits for the order page to show `status` (its badge's text).
async fn status_is(tab: &Tab, status: &str) {
    status_in(tab, &[status]).await;
}

/// Waits for the order page to show one of `statuses`: a paid order goes on to the warehouse
/// within a second, and the page may only see the second.
async fn status_in(tab: &Tab, statuses: &[&str]) {
    let list = statuses
        .iter()
        .map(|s| js_str(s))
        .collect::<Vec<_>>()
        .join(",");
    tab.wait_until(
        &format!("[{list}].includes(document.querySelector('.status-badge')?.textContent)"),
        &format!("the order {statuses:?}"),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_guest_pays_by_card_with_3d_secure_and_follows_the_parcel() {
    let shop = Shop::open().await;
    let tab = Tab::open(Viewport::Phone).await;
    start_checkout(&shop, &tab).await;

    // Going on with nothing typed: every problem shown, the focus on the first.
    tab.click(".checkout-form button[type=submit]").await;
    tab.wait_until(
        "document.querySelectorAll('.field.invalid').length === 3",
        "three fields marked",
    )
    .await;
    // The focus moves on the frame after the marks are drawn.
    tab.wait_until(
        "document.activeElement?.id === 'contact-name'",
        "the focus on the first problem",
    )
    .await;
    tab.screenshot("checkout-01-contact-errors").await;
    // An error follows the typing once shown.
    fill(&tab, "#contact-phone", "0912").await;
    assert!(tab.text("#contact-phone-error").await.contains("09"));
    contact(&tab).await;
    tab.wait_for("#delivery-line").await;
    tab.wait_for(".choice-note").await;
    assert!(tab.text(".choice-note").await.contains("預計"));
    address(&tab).await;
    card(&tab, "4000 0000 0000 3220").await;
    tab.screenshot("checkout-02-payment").await;
    next_step(&tab, "review").await;
    tab.wait_for(".place-order").await;

    // A reload keeps everything typed, except the card, which was never stored.
    tab.reload().await;
    tab.wait_until(
        "location.search === '?step=payment'",
        "back at payment for the card",
    )
    .await;
    tab.goto(&shop.url("/checkout?step=contact")).await;
    tab.wait_until(
        "document.getElementById('contact-name')?.value === '林小美'",
        "the name kept",
    )
    .await;
    tab.goto(&shop.url("/checkout?step=payment")).await;
    card(&tab, "4000 0000 0000 3220").await;
    // The invoice to the shopper's mobile barcode, typed in lower case as phones show it.
    invoice(&tab, "mobile_barcode").await;
    tab.wait_for("#invoice-barcode").await;
    fill(&tab, "#invoice-barcode", "/abc+12").await;
    tab.click(".checkout-form button[type=submit]").await;
    tab.wait_for("#invoice-barcode[aria-invalid=true]").await;
    fill(&tab, "#invoice-barcode", "/abc+123").await;
    tab.screenshot("checkout-02b-invoice-barcode").await;
    next_step(&tab, "review").await;
    tab.wait_for(".place-order").await;
    let review = tab.text(".checkout-step").await;
    assert!(review.contains("林小美") && review.contains("大安區") && review.contains("3220"));
    assert!(review.contains("手機條碼 /ABC+123"), "{review}");
    tab.screenshot("checkout-03-review").await;

    // The 3-D Secure challenge, then back to the order, paid once the webhook arrives.
    place(&tab).await;
    tab.wait_until(
        "location.pathname.startsWith('/payments/sandbox/')",
        "the challenge page",
    )
    .await;
    tab.click("button.ok").await;
    tab.wait_until("location.pathname.startsWith('/orders/')", "the order page")
        .await;
    status_in(&tab, &["已付款", "備貨中"]).await;
    assert_eq!(
        tab.eval("JSON.parse(localStorage.getItem('fourflow.cart')).data.lines.length")
            .await,
        0,
        "what was bought left the cart"
    );
    let issued = invoice_number(&tab).await;
    assert!(issued.contains("/ABC+123"), "{issued}");
    tab.screenshot("checkout-04-paid").await;

    // The warehouse hands it over a minute later; the carrier's steps follow its clock.
    shop.wait_for_the_warehouse().await;
    shop.clock.advance(2 * 60);
    status_is(&tab, "已出貨").await;
    tab.wait_for(".tracking-number").await;
    // The carrier by name, its tracking number, and when the parcel should arrive.
    let parcel = tab.text(".order-main").await;
    assert!(parcel.contains("四流物流"), "the carrier: {parcel}");
    assert!(!tab.text(".tracking-number").await.trim().is_empty());
    assert!(
        !tab.text(".order-eta .eta").await.trim().is_empty(),
        "the estimate"
    );
    shop.clock.advance(9 * HOUR);
    status_is(&tab, "配送中").await;
    tab.screenshot("checkout-05-in-transit").await;
    shop.clock.advance(30 * HOUR);
    status_is(&tab, "已送達").await;
    let steps = tab.texts(".timeline-what").await;
    for step in [
        "訂單成立",
        "已付款",
        "備貨中",
        "已出貨",
        "包裹已送達，謝謝您的訂購",
    ] {
        assert!(steps.iter().any(|s| s == step), "{step} in {steps:?}");
    }
    tab.screenshot("checkout-06-delivered").await;

    // Within seven days of delivery the shopper may send it back (七天鑑賞期), saying why.
    tab.click(".return-request button").await;
    tab.wait_for("#return-reason").await;
    fill(&tab, "#return-reason", "尺寸不合，想退貨").await;
    tab.screenshot("checkout-06b-return-form").await;
    tab.click(".return-form button[type=submit]").await;
    status_is(&tab, "退款申請中").await;
    let steps = tab.texts(".timeline-what").await;
    assert!(
        steps.iter().any(|s| s.contains("退")),
        "the request in {steps:?}"
    );
    tab.screenshot("checkout-06c-return-requested").await;

    // Another shopper's order answers "not found", whatever the token.
    let url = tab.url().await;
    let number = url
        .split("/orders/")
        .nth(1)
        .unwrap()
        .split('?')
        .next()
        .unwrap();
    let stranger = Tab::open(Viewport::Phone).await;
    stranger
        .goto(&shop.url(&format!("/orders/{number}?token={}", "0".repeat(43))))
        .await;
    stranger.wait_for(".status-panel").await;
    let said = stranger.text(".status-panel").await;
    if !said.contains("找不到") {
        stranger.screenshot("checkout-06-stranger-failed").await;
        panic!("a stranger should read “not found”, read: {said}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_atm_transfer_is_confirmed_by_the_providers_webhook() {
    let shop = Shop::open().await;
    let tab = Tab::open(Viewport::Desktop).await;
    start_checkout(&shop, &tab).await;
    contact(&tab).await;
    address(&tab).await;
    choose_payment(&tab, "atm_transfer").await;
    // A company invoice: a mistyped 統一編號 is caught before the order is placed.
    invoice(&tab, "company").await;
    tab.wait_for("#invoice-tax-id").await;
    fill(&tab, "#invoice-tax-id", "04595258").await;
    fill(&tab, "#invoice-title", "四流選物股份有限公司").await;
    tab.click(".checkout-form button[type=submit]").await;
    tab.wait_for("#invoice-tax-id[aria-invalid=true]").await;
    assert!(tab.text("#invoice-tax-id-error").await.contains("統一編號"));
    fill(&tab, "#invoice-tax-id", "04595257").await;
    tab.screenshot("checkout-06d-invoice-company").await;
    next_step(&tab, "review").await;
    tab.wait_for(".hold-note").await;
    assert!(tab.text(".hold-note").await.contains("3 天"));
    place(&tab).await;

    // The order waits for the transfer, with the account to pay into.
    tab.wait_until("location.pathname.startsWith('/orders/')", "the order page")
        .await;
    status_is(&tab, "等待付款").await;
    tab.wait_for(".pay-details .copyable").await;
    let account = tab.text(".pay-details .copyable").await;
    assert!(account.starts_with('9') && account.len() == 14, "{account}");
    tab.screenshot("checkout-07-atm-waiting").await;

    // The bank (the sandbox) receives the transfer; its signed webhook marks the order paid.
    let payment = tab
        .eval("(async () => { const r = await fetch('/api/v1/orders/' + location.pathname.split('/')[2] + location.search); return (await r.json()).payment.id; })()")
        .await;
    let sandbox = Tab::open(Viewport::Desktop).await;
    sandbox
        .goto_page(
            &shop.url(&format!("/payments/sandbox/{}", payment.as_str().unwrap())),
            "button.ok",
        )
        .await;
    sandbox.click("button.ok").await;
    status_in(&tab, &["已付款", "備貨中"]).await;
    let issued = invoice_number(&tab).await;
    assert!(issued.contains("04595257 四流選物股份有限公司"), "{issued}");
    tab.screenshot("checkout-08-atm-paid").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cash_on_delivery_to_a_convenience_store() {
    let shop = Shop::open().await;
    let tab = Tab::open(Viewport::Phone).await;
    start_checkout(&shop, &tab).await;
    contact(&tab).await;

    // Store pickup: search the stores, choose one.
    tab.click("input[name=shipping_method][value=store_pickup]")
        .await;
    tab.wait_for("#store-search").await;
    // A tab per chain: 萊爾富's stores only, each with its hours.
    tab.click_text(".chain-tab", "萊爾富").await;
    tab.wait_until(
        "(() => { const s = [...document.querySelectorAll('.store-choice')]; \
         return s.length > 0 && s.every(e => e.textContent.includes('萊爾富')) \
         && s.some(e => e.querySelector('.store-hours').textContent.includes('24 小時')); })()",
        "萊爾富's stores with their hours",
    )
    .await;
    tab.click_text(".chain-tab", "7-ELEVEN").await;
    fill(&tab, "#store-search", "大安").await;
    tab.wait_until(
        "[...document.querySelectorAll('.store-choice')].length > 0 && [...document.querySelectorAll('.store-choice')].every(s => s.textContent.includes('大安') && s.textContent.includes('7-ELEVEN'))",
        "stores in 大安",
    )
    .await;
    tab.click(".store-choice input").await;
    tab.wait_for(".store-chosen").await;
    tab.screenshot("checkout-09-store-picker").await;
    next_step(&tab, "payment").await;

    // Cash on delivery adds its fee to the total.
    choose_payment(&tab, "cash_on_delivery").await;
    tab.wait_until(
        "[...document.querySelectorAll('.summary-row dt')].some(d => d.textContent.includes('貨到付款'))",
        "the fee in the summary",
    )
    .await;
    next_step(&tab, "review").await;
    tab.screenshot("checkout-10-cod-review").await;
    place(&tab).await;
    tab.wait_until("location.pathname.startsWith('/orders/')", "the order page")
        .await;
    status_is(&tab, "備貨中").await;

    // Handed over, then on the store's shelf: the page says where to collect it.
    shop.wait_for_the_warehouse().await;
    shop.clock.advance(2 * 60);
    status_is(&tab, "已出貨").await;
    shop.clock.advance(49 * HOUR);
    tab.wait_until(
        "document.querySelector('.next-step h2')?.textContent.includes('可以取貨')",
        "ready to collect",
    )
    .await;
    tab.screenshot("checkout-11-at-store").await;
    shop.clock.advance(24 * HOUR);
    status_is(&tab, "已送達").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_declined_card_is_explained_and_another_one_pays_the_same_order() {
    let shop = Shop::open().await;
    let tab = Tab::open(Viewport::Desktop).await;
    start_checkout(&shop, &tab).await;
    contact(&tab).await;
    address(&tab).await;
    card(&tab, "4000 0000 0000 0002").await;
    next_step(&tab, "review").await;
    place(&tab).await;

    // The order exists, waiting; the refusal says why and offers another try.
    tab.wait_until("location.pathname.startsWith('/orders/')", "the order page")
        .await;
    status_is(&tab, "等待付款").await;
    tab.wait_for(".next-step .place-error").await;
    assert!(tab.text(".next-step .place-error").await.contains("拒絕"));
    let order = tab.url().await;
    tab.screenshot("checkout-12-declined").await;

    // "Try another card or method": every way of paying ahead is offered; a transfer hides
    // the card's fields, and the shopper comes back to a card.
    let offered = tab
        .eval("[...document.querySelectorAll('input[name=retry_method]')].map(i => i.value).join(',')")
        .await;
    assert_eq!(offered, "card,atm_transfer,store_code,e_wallet");
    tab.click("input[name=retry_method][value=atm_transfer]")
        .await;
    tab.wait_until(
        "!document.querySelector('#retry-card-number')",
        "the card's fields gone for a transfer",
    )
    .await;
    tab.click("input[name=retry_method][value=card]").await;
    fill(&tab, "#retry-card-number", "4242 4242 4242 4242").await;
    // Typed as digits, shown as on the card.
    fill(&tab, "#retry-card-expiry", "1230").await;
    tab.wait_until(
        "document.querySelector('#retry-card-expiry').value === '12/30'",
        "the expiry written 12/30",
    )
    .await;
    fill(&tab, "#retry-card-cvc", "123").await;
    tab.click(".pay-again button[type=submit]").await;
    status_in(&tab, &["已付款", "備貨中"]).await;
    assert_eq!(tab.url().await, order, "the same order, paid");
}
