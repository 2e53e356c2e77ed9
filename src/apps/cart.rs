//! The cart app: the cart page, with the pricing engine that it shares with checkout.

use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;

use super::{OtherApp, Shell};
use crate::components::TaskHeader;
use crate::pages::CartPage;
use crate::state::session::Session;

#[component]
pub fn App() -> impl IntoView {
    view! {
        <Shell header=|| view! { <TaskHeader/> }.into_any()>
            // A signed-in shopper's cart is kept on the server too, as it changes.
            {Session::provide();}
            // Anything else is another app's (fourflow_core::apps).
            <Routes fallback=OtherApp>
                <Route path=path!("/cart") view=CartPage/>
            </Routes>
        </Shell>
    }
}
