//! The app: context every page shares, the layout, and the route table (the shopper URLs of
//! DESIGN.md, which are part of the contract).

use fourflow_core::catalog::CategoryTree;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::api::{self, ApiError};
use crate::components::{Footer, Header};
use crate::i18n::I18n;
use crate::pages::{CategoryPage, Home, NotFound, ProductPage, SearchPage};
use crate::state::remote::Remote;

/// The category tree, loaded once per visit and shared by the header, home and listings.
#[derive(Clone, Copy)]
pub struct Categories(pub Remote<Result<CategoryTree, ApiError>>);

pub fn use_categories() -> Categories {
    expect_context::<Categories>()
}

#[component]
pub fn App() -> impl IntoView {
    let i18n = I18n::provide();
    provide_context(Categories(Remote::new(|| (), |()| api::categories())));

    // Switching language remounts the layout: every string below is then plain text rather
    // than a reactive closure of its own (see `I18n::locale`).
    view! {
        <Router>
            {move || {
                i18n.watch();
                view! {
                    <Header/>
                    <main id="main" tabindex="-1">
                        <Routes fallback=NotFound>
                            <Route path=path!("/") view=Home/>
                            <Route path=path!("/categories/:slug") view=CategoryPage/>
                            <Route path=path!("/search") view=SearchPage/>
                            <Route path=path!("/products/:slug") view=ProductPage/>
                        </Routes>
                    </main>
                    <Footer/>
                }
            }}
        </Router>
    }
}
