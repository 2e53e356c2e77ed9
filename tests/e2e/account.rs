//! Accounts: signing up, proving the email from the mailed link, a wrong password answered
//! with the one generic message, signing in with a cart that merges with the one saved on the
//! account, an address saved and offered at checkout, a signed-in ATM checkout with the
//! contact filled in, and the order found in the account's history — from another device too,
//! where its page opens without the guest token, and turns paid when the bank's webhook comes.

use fourflow_api::demo;
use fourflow_api::store::catalog::ProductInput;

use crate::support::{call, choose, fill, js_str, next_step, Shop, Tab, Viewport};

const EMAIL: &str = "mei.lin@example.tw";
const PASSWORD: &str = "oolong at four o'clock";

/// Two different single-variant products in stock.
fn products() -> (ProductInput, ProductInput) {
    let mut singles = demo::catalog()
        .unwrap()
        .products
        .into_iter()
        .filter(|p| p.variants.len() == 1 && p.variants[0].stock > 20);
    (singles.next().unwrap(), singles.next().unwrap())
}

/// The newest link to `path` mailed to `to`, once the outbox has sent it.
async fn mailed_link(tab: &Tab, to: &str, path: &str) -> String {
    let js = format!(
        "(async () => {{ const r = await fetch('/api/v1/dev/mailbox?to=' + encodeURIComponent({})); \
         const list = await r.json(); \
         for (const mail of list.items) for (const link of mail.links) \
           if (link.includes({})) return link; \
         return ''; }})()",
        js_str(to),
        js_str(path)
    );
    for _ in 0..200 {
        if let Some(link) = tab.eval(&js).await.as_str().filter(|l| !l.is_empty()) {
            return link.to_owned();
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("no mail to {to} with a link to {path}");
}

async fn badge_is(tab: &Tab, count: u32) {
    tab.wait_until(
        &format!("document.querySelector('.cart-badge')?.textContent === '{count}'"),
        &format!("{count} in the cart"),
    )
    .await;
}

async fn sign_in(tab: &Tab, password: &str) {
    tab.wait_for("#login-email").await;
    fill(tab, "#login-email", EMAIL).await;
    fill(tab, "#login-password", password).await;
    tab.click(".account-form button[type=submit]").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shopper_signs_up_signs_in_with_the_cart_merged_and_finds_the_order_in_the_account() {
    let shop = Shop::open().await;
    let (saved, local) = products();
    let phone = Tab::open(Viewport::Phone).await;

    // Sign up: a password too short is refused beside its field as it is typed.
    phone.goto(&shop.url("/account/signup")).await;
    phone.wait_for("#signup-name").await;
    phone.screenshot("account-01-sign-up").await;
    fill(&phone, "#signup-name", "林小美").await;
    fill(&phone, "#signup-email", EMAIL).await;
    fill(&phone, "#signup-password", "short").await;
    phone.click(".account-form button[type=submit]").await;
    phone
        .wait_until(
            "document.querySelector('#signup-password-error')?.textContent.includes('10')",
            "the password's rule beside it",
        )
        .await;
    assert_eq!(
        phone.eval("document.activeElement.id").await,
        "signup-password"
    );
    fill(&phone, "#signup-password", PASSWORD).await;
    phone
        .wait_until(
            "document.querySelectorAll('.field.invalid').length === 0",
            "no field marked once right",
        )
        .await;
    phone.click(".account-form button[type=submit]").await;
    phone.wait_for(".auth-done").await;
    assert!(phone.text(".auth-done").await.contains(EMAIL));
    phone.screenshot("account-02-check-email").await;

    // The mailed link proves the email.
    let link = mailed_link(&phone, EMAIL, "/account/verify?token=").await;
    let path = link.find("/account/").map(|i| &link[i..]).unwrap();
    phone.goto(&shop.url(path)).await;
    phone.wait_for(".done-mark").await;
    assert!(phone.text(".done-mark").await.contains("已完成驗證"));
    phone.screenshot("account-03-verified").await;

    // The account's saved cart holds one product, put there from another device.
    let desktop = Tab::open(Viewport::Desktop).await;
    desktop.goto(&shop.url("/account/login")).await;
    let login = format!(
        "{{\"email\":{},\"password\":{}}}",
        js_str(EMAIL),
        js_str(PASSWORD)
    );
    assert_eq!(
        call(&desktop, "POST", "/api/v1/auth/login", &login).await,
        200
    );
    let cart = format!(
        "{{\"lines\":[{{\"sku\":{},\"qty\":2}}]}}",
        js_str(saved.variants[0].sku.as_str())
    );
    assert_eq!(call(&desktop, "PUT", "/api/v1/me/cart", &cart).await, 200);
    assert_eq!(call(&desktop, "POST", "/api/v1/auth/logout", "").await, 204);

    // This browser's cart holds another.
    phone
        .goto(&shop.url(&format!("/products/{}", local.slug)))
        .await;
    phone.click(".add-to-cart").await;
    badge_is(&phone, 1).await;

    // A wrong password: the one answer that does not say whether the email has an account.
    phone.goto(&shop.url("/account/login?next=/checkout")).await;
    sign_in(&phone, "not my password at all").await;
    phone
        .wait_until(
            "document.querySelector('.form-problem')?.textContent.includes('電子郵件或密碼不正確')",
            "the generic refusal",
        )
        .await;
    phone.screenshot("account-04-wrong-password").await;

    // Signed in: on to checkout, with both carts in one.
    sign_in(&phone, PASSWORD).await;
    phone
        .wait_until("location.pathname === '/checkout'", "checkout")
        .await;
    badge_is(&phone, 3).await;
    phone
        .wait_until(
            "document.querySelectorAll('.summary-title').length === 2",
            "both products in the summary",
        )
        .await;
    // Contact filled in from the profile.
    phone
        .wait_until(
            &format!(
                "document.getElementById('contact-email')?.value === {} && document.getElementById('contact-name').value === '林小美'",
                js_str(EMAIL)
            ),
            "the contact from the profile",
        )
        .await;
    assert!(phone.texts(".sign-in-prompt").await.is_empty());
    phone.screenshot("account-05-checkout-prefilled").await;

    // An address saved in the book is offered at delivery.
    phone.goto(&shop.url("/account/addresses")).await;
    phone.click(".add-address").await;
    fill(&phone, "#address-label", "家").await;
    fill(&phone, "#address-phone", "0912").await;
    phone.click(".save-address").await;
    phone
        .wait_until(
            "document.querySelector('#address-phone-error')?.textContent.includes('09')",
            "the phone's rule beside it",
        )
        .await;
    fill(&phone, "#address-phone", "0912 345 678").await;
    choose(&phone, "#address-city", "臺北市").await;
    choose(&phone, "#address-district", "大安區").await;
    phone
        .wait_until(
            "document.querySelector('#address-postal-code').value === '106'",
            "大安區's postal code filled in",
        )
        .await;
    fill(&phone, "#address-line", "復興南路一段 1 號 5 樓").await;
    phone.click(".save-address").await;
    phone.wait_for(".address-card").await;
    assert!(phone.text(".address-card").await.contains("預設"));
    phone.screenshot("account-06-address-book").await;

    phone.goto(&shop.url("/checkout?step=contact")).await;
    phone
        .wait_until(
            "document.getElementById('contact-phone')?.value.replace(/\\s/g, '') === '0912345678'",
            "the mobile from the default address",
        )
        .await;
    next_step(&phone, "delivery").await;
    phone.click(".saved-address").await;
    phone
        .wait_until(
            "document.getElementById('delivery-line')?.value === '復興南路一段 1 號 5 樓'",
            "the saved address filled in",
        )
        .await;
    phone.screenshot("account-07-saved-address").await;
    next_step(&phone, "payment").await;
    phone
        .click("input[name=payment_method][value=atm_transfer]")
        .await;
    next_step(&phone, "review").await;
    phone.click(".place-order").await;
    phone
        .wait_until("location.pathname.startsWith('/orders/')", "the order page")
        .await;
    let number = phone
        .eval("location.pathname.split('/')[2]")
        .await
        .as_str()
        .unwrap()
        .to_owned();

    // The order is in the account's history.
    phone.goto(&shop.url("/account/orders")).await;
    phone.wait_for(".account-order").await;
    assert!(phone.text(".account-order").await.contains(&number));
    assert!(phone.text(".account-order").await.contains("等待付款"));
    phone.screenshot("account-08-orders").await;
    phone.goto(&shop.url("/account")).await;
    phone.wait_for(".profile-email").await;
    assert!(phone.text(".profile-email").await.contains("已驗證"));
    phone.screenshot("account-09-profile").await;

    // On another device, signed in, the history opens the order without any token.
    desktop.goto(&shop.url("/account/orders")).await;
    sign_in(&desktop, PASSWORD).await;
    desktop.wait_for(".account-order").await;
    assert_eq!(
        desktop
            .eval("document.querySelector('.cart-badge').classList.contains('empty')")
            .await,
        true,
        "what the order bought left the cart saved on the account too"
    );
    desktop.screenshot("account-08-orders").await;
    desktop.click(".account-order").await;
    desktop
        .wait_until(
            &format!("location.pathname === '/orders/{number}'"),
            "the order page",
        )
        .await;
    let tokens = desktop
        .eval("localStorage.getItem('fourflow.orders') || ''")
        .await;
    assert!(
        !tokens
            .as_str()
            .expect("the stored tokens, as text")
            .contains(&number),
        "this browser holds no token for the order"
    );
    desktop.wait_for(".status-badge").await;
    assert_eq!(desktop.text(".status-badge").await, "等待付款");
    desktop.screenshot("account-10-order-without-token").await;

    // The transfer arrives: the bank (the sandbox) sends its signed webhook, and the page the
    // signed-in shopper has open shows the order paid.
    let payment = desktop
        .eval("(async () => { const r = await fetch('/api/v1/orders/' + location.pathname.split('/')[2]); return (await r.json()).payment.id; })()")
        .await;
    let bank = Tab::open(Viewport::Desktop).await;
    bank.goto_page(
        &shop.url(&format!("/payments/sandbox/{}", payment.as_str().unwrap())),
        "button.ok",
    )
    .await;
    bank.click("button.ok").await;
    desktop
        .wait_until(
            "['已付款', '備貨中'].includes(document.querySelector('.status-badge')?.textContent)",
            "the order paid by the webhook",
        )
        .await;
    desktop.screenshot("account-13-order-paid").await;
    desktop.goto(&shop.url("/account/addresses")).await;
    desktop.wait_for(".address-card").await;
    desktop.screenshot("account-06-address-book").await;
    desktop.goto(&shop.url("/account")).await;
    desktop.wait_for(".profile-email").await;
    desktop.screenshot("account-09-profile").await;

    // Signing out keeps the cart on the account and takes it off this device.
    desktop.click(".sign-out-button").await;
    desktop
        .wait_until("location.pathname === '/'", "the home page")
        .await;
    // The header's link leads from the storefront to the account, here to signing in.
    desktop.click(".account-link").await;
    desktop
        .wait_until("location.pathname === '/account'", "the account")
        .await;
    desktop.wait_for("#login-email").await;
    desktop.screenshot("account-11-signed-out").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forgotten_password_is_reset_from_the_mailed_link_once() {
    let shop = Shop::open().await;
    let tab = Tab::open(Viewport::Phone).await;
    tab.goto(&shop.url("/account/forgot")).await;
    let sign_up = format!(
        "{{\"email\":{},\"password\":{},\"name\":\"Mei\"}}",
        js_str(EMAIL),
        js_str(PASSWORD)
    );
    assert_eq!(
        call(&tab, "POST", "/api/v1/auth/signup", &sign_up).await,
        202
    );

    fill(&tab, "#forgot-email", EMAIL).await;
    tab.click(".account-form button[type=submit]").await;
    tab.wait_for(".auth-done").await;
    tab.screenshot("account-12-reset-sent").await;
    let link = mailed_link(&tab, EMAIL, "/account/reset?token=").await;
    let path = link
        .find("/account/")
        .map(|i| &link[i..])
        .unwrap()
        .to_owned();

    // A new password, then signing in with it; in English this time.
    tab.goto(&shop.url(&path)).await;
    tab.click("button.lang-switch").await;
    tab.wait_until(
        "document.querySelector('.auth-card h1')?.textContent === 'Choose a new password'",
        "the page in English",
    )
    .await;
    let new_password = "a kettle on the stove";
    fill(&tab, "#reset-password", new_password).await;
    tab.click(".account-form button[type=submit]").await;
    tab.wait_for(".done-mark").await;
    tab.screenshot("account-13-password-changed").await;
    tab.click(".auth-done a.button").await;
    tab.wait_until("location.pathname === '/account/login'", "sign-in")
        .await;
    sign_in(&tab, new_password).await;
    tab.wait_until(
        "location.pathname === '/account' && !!document.querySelector('.profile-email')",
        "the account",
    )
    .await;
    // The reset proved the email.
    assert!(tab.text(".profile-email").await.contains("Verified"));
    tab.screenshot("account-14-profile-english").await;

    // The link works once.
    tab.goto(&shop.url(&path)).await;
    fill(&tab, "#reset-password", "yet another passphrase").await;
    tab.click(".account-form button[type=submit]").await;
    tab.wait_until(
        "document.querySelector('.form-problem')?.textContent.includes('expired or was already used')",
        "the spent link explained",
    )
    .await;
}
