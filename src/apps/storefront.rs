//! The storefront app: its routes (the shopper URLs of ARCHITECTURE.md, part of the contract) and
//! what only it needs.

use fourflow_core::catalog::CategoryTree;
use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;

use super::{OtherApp, Shell};
use crate::api::{self, ApiError};
use crate::components::{CartDrawer, CartDrawerOpen, StoreHeader};
use crate::pages::{CategoryPage, HelpPage, Home, LandingPage, NotFound, ProductPage, SearchPage};
use crate::state::remote::Remote;
use crate::state::shelves::Shelves;

/// The category tree, loaded once per visit and shared by the header, home and listings.
#[derive(Clone, Copy)]
pub struct Categories(pub Remote<Result<CategoryTree, ApiError>>);

pub fn use_categories() -> Categories {
    expect_context::<Categories>()
}

#[component]
pub fn App() -> impl IntoView {
    Shelves::provide();
    provide_context(Categories(Remote::new(|| (), |()| api::categories())));
    provide_context(CartDrawerOpen(RwSignal::new(false)));
    view! {
        <Shell header=|| view! { <StoreHeader/> }.into_any()>
            <Routes fallback=NotFound>
                <Route path=path!("/") view=Home/>
                <Route path=path!("/categories/:slug") view=CategoryPage/>
                <Route path=path!("/search") view=SearchPage/>
                <Route path=path!("/products/:slug") view=ProductPage/>
                <Route path=path!("/pages/:slug") view=LandingPage/>
                <Route path=path!("/help/:slug") view=HelpPage/>
                // The other apps' (fourflow_core::apps), linked from the header.
                <Route path=path!("/cart") view=OtherApp/>
                <Route path=path!("/wishlist") view=OtherApp/>
                <Route path=path!("/compare") view=OtherApp/>
                <Route path=path!("/account") view=OtherApp/>
            </Routes>
            <CartDrawer/>
        </Shell>
    }
}
