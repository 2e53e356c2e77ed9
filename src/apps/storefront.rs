//! The storefront app: its routes (the shopper URLs of DESIGN.md, part of the contract) and
//! what only it needs.

use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;

use super::{OtherApp, Shell};
use crate::components::{CartDrawer, CartDrawerOpen};
use crate::pages::{
    CategoryPage, ComparePage, HelpPage, Home, LandingPage, NotFound, ProductPage, SearchPage,
    WishlistPage,
};
use crate::state::shelves::Shelves;

#[component]
pub fn App() -> impl IntoView {
    Shelves::provide();
    provide_context(CartDrawerOpen(RwSignal::new(false)));
    view! {
        <Shell>
            <Routes fallback=NotFound>
                <Route path=path!("/") view=Home/>
                <Route path=path!("/categories/:slug") view=CategoryPage/>
                <Route path=path!("/search") view=SearchPage/>
                <Route path=path!("/products/:slug") view=ProductPage/>
                <Route path=path!("/wishlist") view=WishlistPage/>
                <Route path=path!("/compare") view=ComparePage/>
                <Route path=path!("/pages/:slug") view=LandingPage/>
                <Route path=path!("/help/:slug") view=HelpPage/>
                // The other apps' (fourflow_core::apps), linked from the header.
                <Route path=path!("/cart") view=OtherApp/>
                <Route path=path!("/account") view=OtherApp/>
            </Routes>
            <CartDrawer/>
        </Shell>
    }
}
