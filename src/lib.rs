//! fourflow-web: Fourflow in the browser, Leptos compiled to WebAssembly.
//!
//! Six apps share this library, each its own download (`fourflow_core::apps`): the
//! storefront (`src/main.rs`: browsing, search, product pages, adding to the cart), the cart
//! (`src/bin/cart.rs`, with the wishlist and compare), checkout (`src/bin/checkout.rs`), an order's
//! page (`src/bin/orders.rs`), account (`src/bin/account.rs`: the shopper's account) and the back office
//! (`src/bin/admin.rs`: staff only, never in a shopper's download). The server hands each URL
//! to the app that owns it; the shopper's apps keep the cart in the same `localStorage`, so
//! moving from one to another loses nothing.

pub mod api;
pub mod apps;
pub mod components;
pub mod i18n;
pub mod json;
pub mod pages;
pub mod state;

// Every byte of the shopper's download counts (≤ 200 KB brotli): talc is a smaller allocator
// than dlmalloc, Rust's own on wasm, and a faster one by its benchmarks.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Mounts `app` in place of the static shell that the page's HTML paints before the wasm
/// arrives (same header, same layout, so nothing jumps).
pub fn start<F, V>(app: F)
where
    F: FnOnce() -> V + 'static,
    V: leptos::prelude::IntoView + 'static,
{
    console_error_panic_hook::set_once();
    let document = leptos::prelude::document();
    let root = document
        .get_element_by_id("app")
        .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok())
        .unwrap_or_else(|| document.body().expect("a page has a body"));
    root.set_inner_html("");
    leptos::mount::mount_to(root, app).forget();
}
