//! What the shopper's apps share: the context every page reads, the frame around every page,
//! and the hand-over of a URL that belongs to another app.

use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::hooks::use_location;

use crate::components::{Footer, OfflineBanner};
use crate::i18n::I18n;
use crate::state::cart::Cart;
use crate::state::online::Online;

/// The context, the router and the page frame around the app's `header`
/// (`components::StoreHeader` or `TaskHeader`; a function, so that an app carries only the
/// header it shows). Switching language remounts the frame: every string below is then plain
/// text rather than a reactive closure of its own (see `I18n::locale`).
#[component]
pub fn Shell(header: fn() -> AnyView, children: ChildrenFn) -> impl IntoView {
    let i18n = I18n::provide();
    let online = Online::provide();
    let cart = Cart::provide();
    // Whenever the network is (back) there, the cart catches up with the shop and tells the
    // shopper what changed.
    Effect::new(move |_| {
        if online.get() {
            leptos::task::spawn_local(async move { cart.refresh().await });
        }
    });
    view! {
        <Router>
            {move || {
                i18n.watch();
                view! {
                    {header()}
                    <OfflineBanner/>
                    <main id="main" tabindex="-1">{children()}</main>
                    <Footer/>
                }
            }}
        </Router>
    }
}

/// A URL another app serves: loading it for real hands the shopper over (from the cache
/// when offline). The router renders this before it updates the address bar, so the URL is
/// taken from the router's location, not the window's.
#[component]
pub fn OtherApp() -> impl IntoView {
    let location = use_location();
    let mut url = location.pathname.get_untracked();
    let search = location.search.get_untracked();
    if !search.is_empty() {
        url = format!("{url}?{}", search.trim_start_matches('?'));
    }
    let hash = location.hash.get_untracked();
    if !hash.is_empty() {
        url = format!("{url}#{}", hash.trim_start_matches('#'));
    }
    let _ = window().location().set_href(&url);
}
