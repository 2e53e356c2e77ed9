//! Every shopper page fits the narrowest phone still in use (360 CSS px), in zh-TW and in
//! English: nothing is wider than the screen, so nothing scrolls sideways or falls off it.

use fourflow_api::demo;

use crate::support::{Shop, Tab, Viewport};

/// The elements that reach past the right edge of the screen, named for the failure message.
/// The elements that reach past the right edge of the screen, named for the failure message,
/// and whether the page scrolls sideways. What sits in a fixed layer (the cart drawer parked
/// off-screen) or in a box that scrolls or clips by design (a row of chips) is not counted.
const OVERFLOWING: &str = "(() => { const w = document.documentElement.clientWidth; \
    const contained = e => { for (let p = e; p; p = p.parentElement) { const s = getComputedStyle(p); \
        if (s.position === 'fixed' || s.visibility === 'hidden') return true; \
        if (p !== e && ['auto', 'scroll', 'hidden'].includes(s.overflowX)) return true; } return false; }; \
    const wide = [...document.querySelectorAll('body *')] \
      .filter(e => e.getClientRects().length > 0 && e.getBoundingClientRect().right > w + 0.5 && !contained(e)) \
      .slice(0, 5).map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.') \
        + ' ' + Math.round(e.getBoundingClientRect().right) + 'px'); \
    if (document.documentElement.scrollWidth > w) wide.push('the page scrolls sideways'); \
    return wide; })()";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_shopper_page_fits_a_360_px_phone_in_both_languages() {
    let shop = Shop::open().await;
    let tab = Tab::open(Viewport::NarrowPhone).await;
    let demo = demo::catalog().unwrap();
    let product = demo.products[0].slug.clone();
    let category = demo.categories[0].slug.clone();
    let pages = [
        ("/".to_owned(), ".product-card"),
        (format!("/categories/{category}"), ".product-card"),
        (format!("/products/{product}"), ".product-page h1"),
        ("/search?q=%E6%B4%8B%E8%A3%9D".to_owned(), ".product-card"),
        ("/cart".to_owned(), ".cart-page h1"),
        ("/checkout".to_owned(), ".page h1"),
        ("/account/login".to_owned(), ".auth-page form"),
        ("/account/signup".to_owned(), ".auth-page form"),
        (
            "/orders/FF20261125-ZZZZZZ".to_owned(),
            ".page h1, .status-panel",
        ),
        ("/help/no-such-page".to_owned(), ".status-panel"),
    ];
    for locale in ["zh-TW", "en"] {
        tab.goto(&shop.url("/")).await;
        tab.eval(&format!(
            "localStorage.setItem('fourflow.locale', '{locale}')"
        ))
        .await;
        for (path, ready) in &pages {
            tab.goto(&shop.url(path)).await;
            tab.wait_for(ready).await;
            tab.wait_until(
                &format!("document.documentElement.lang === '{locale}'"),
                &format!("{path} in {locale}"),
            )
            .await;
            let wide = tab.eval(OVERFLOWING).await;
            assert_eq!(
                wide,
                serde_json::json!([]),
                "{path} in {locale} is wider than 360 px"
            );
        }
        tab.goto(&shop.url("/")).await;
        tab.wait_for(".product-card").await;
        tab.screenshot(&format!("layout-home-{locale}")).await;
    }
}
