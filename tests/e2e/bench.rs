//! Not a test: the browser half of `cargo xtask bench`, which runs it by name (it is ignored
//! otherwise) and prints what it reports. It measures, in headless Chromium with the release
//! storefront, the time from a click on "add to cart" to the updated cart badge — the
//! Performance API's click timestamp against a MutationObserver on the badge — and counts the
//! API requests started in between (there should be none: the cart answers locally).

use fourflow_api::demo;

use crate::support::{Shop, Tab, Viewport};

const INSTALL: &str = r#"(() => {
  window.__latencies = [];
  window.__requests = 0;
  const apiRequests = () => performance.getEntriesByType('resource')
    .filter(e => e.name.includes('/api/')).length;
  document.addEventListener('click', (e) => {
    if (e.target.closest('.add-to-cart')) { window.__clicked = e.timeStamp; window.__before = apiRequests(); }
  }, true);
  new MutationObserver(() => {
    if (window.__clicked != null) {
      window.__latencies.push(performance.now() - window.__clicked);
      window.__requests += apiRequests() - window.__before;
      window.__clicked = null;
    }
  }).observe(document.querySelector('.cart-badge'), { childList: true, characterData: true, subtree: true });
  return true;
})()"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a benchmark: run by `cargo xtask bench`"]
async fn add_to_cart_latency() {
    let shop = Shop::open().await;
    let tab = Tab::open(Viewport::Phone).await;
    let products: Vec<_> = demo::catalog()
        .unwrap()
        .products
        .into_iter()
        .filter(|p| p.variants.iter().any(|v| v.stock >= 3))
        .take(15)
        .collect();
    let mut latencies: Vec<f64> = Vec::new();
    let mut requests = 0;
    for product in &products {
        tab.goto(&shop.url(&format!("/products/{}", product.slug)))
            .await;
        tab.wait_for(".add-to-cart:not([disabled])").await;
        tab.eval(INSTALL).await;
        for _ in 0..3 {
            tab.click(".add-to-cart").await;
            tab.wait_until("window.__clicked == null", "the badge to change")
                .await;
            // Close the drawer so that the next click reaches the button.
            tab.eval("document.querySelector('.drawer-backdrop.open')?.click()")
                .await;
            tab.wait_until(
                "!document.querySelector('.cart-drawer.open')",
                "the drawer closed",
            )
            .await;
        }
        let page: Vec<f64> = serde_json::from_value(tab.eval("window.__latencies").await)
            .expect("the page's latencies");
        latencies.extend(page);
        requests += tab
            .eval("window.__requests")
            .await
            .as_u64()
            .expect("the page's request count");
    }
    assert!(!latencies.is_empty(), "no add-to-cart was measured");
    latencies.sort_by(|a, b| a.total_cmp(b));
    let at = |p: f64| latencies[((latencies.len() - 1) as f64 * p).round() as usize];
    println!(
        "BENCH add-to-cart samples={} p50_ms={:.1} p95_ms={:.1} max_ms={:.1} api_requests_in_between={requests}",
        latencies.len(),
        at(0.50),
        at(0.95),
        at(1.0)
    );
}
