//! fourflow-web: the shopper's storefront, a Leptos single-page app compiled to WebAssembly.

mod api;
mod app;
mod components;
mod i18n;
mod pages;
mod state;

fn main() {
    console_error_panic_hook::set_once();
    // index.html carries a static shell (header and skeletons) so that something useful is
    // painted before the wasm arrives; the app replaces it.
    let document = leptos::prelude::document();
    let root = document
        .get_element_by_id("app")
        .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok())
        .unwrap_or_else(|| document.body().expect("a page has a body"));
    root.set_inner_html("");
    leptos::mount::mount_to(root, app::App).forget();
}
