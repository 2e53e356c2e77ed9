//! The cart app: the cart page, with the pricing engine that it shares with checkout, and the
//! shopper's other lists — the wishlist and products side by side.

use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;

use super::{OtherApp, Shell};
use crate::components::TaskHeader;
use crate::pages::{CartPage, ComparePage, WishlistPage};
use crate::state::session::Session;
use crate::state::shelves::Shelves;

#[component]
pub fn App() -> impl IntoView {
    Shelves::provide();
    view! {
        <Shell header=|| view! { <TaskHeader/> }.into_any()>
            // A signed-in shopper's cart is kept on the server too, as it changes.
            {Session::provide();}
            // Anything else is another app's (fourflow_core::apps).
            <Routes fallback=OtherApp>
                <Route path=path!("/cart") view=CartPage/>
                <Route path=path!("/wishlist") view=WishlistPage/>
                <Route path=path!("/compare") view=ComparePage/>
            </Routes>
        </Shell>
    }
}
