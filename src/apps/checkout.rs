//! The checkout app: the cart page, with the pricing engine that only it needs.

use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;

use super::{OtherApp, Shell};
use crate::pages::CartPage;

#[component]
pub fn App() -> impl IntoView {
    view! {
        <Shell>
            // Anything else is the storefront's, which also answers unknown URLs.
            <Routes fallback=OtherApp>
                <Route path=path!("/cart") view=CartPage/>
            </Routes>
        </Shell>
    }
}
