//! The checkout app: the cart and checkout, with the pricing engine that only they need.

use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;

use super::{OtherApp, Shell};
use crate::components::TaskHeader;
use crate::pages::{CartPage, CheckoutPage};
use crate::state::checkout::Checkout;
use crate::state::session::Session;

#[component]
pub fn App() -> impl IntoView {
    view! {
        <Shell header=|| view! { <TaskHeader/> }.into_any()>
            {Checkout::provide();}
            {Session::provide();}
            // Anything else is another app's (fourflow_core::apps).
            <Routes fallback=OtherApp>
                <Route path=path!("/cart") view=CartPage/>
                <Route path=path!("/checkout") view=CheckoutPage/>
            </Routes>
        </Shell>
    }
}
