//! fourflow-web: the shopper's side of Fourflow, Leptos compiled to WebAssembly.
//!
//! It is two apps sharing this library, each its own small download: the storefront
//! (`src/main.rs`: browsing, search, product pages, wishlist, compare, adding to the cart) and
//! checkout (`src/bin/checkout.rs`: the cart page, and later checkout, account and orders).
//! The server hands each shopper URL to the app that owns it; both keep the cart in the same
//! `localStorage`, so moving from one to the other loses nothing.

pub mod api;
pub mod apps;
pub mod components;
pub mod i18n;
pub mod json;
pub mod pages;
pub mod state;

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
