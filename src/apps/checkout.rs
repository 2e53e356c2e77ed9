//! The checkout app: the cart, checkout and the orders that follow, with the pricing engine
//! that only they need.

use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;

use super::{OtherApp, Shell};
use crate::pages::{CartPage, CheckoutPage, OrderList, OrderPage};
use crate::state::checkout::Checkout;

#[component]
pub fn App() -> impl IntoView {
    view! {
        <Shell>
            {Checkout::provide();}
            // Anything else is the storefront's, which also answers unknown URLs.
            <Routes fallback=OtherApp>
                <Route path=path!("/cart") view=CartPage/>
                <Route path=path!("/checkout") view=CheckoutPage/>
                <Route path=path!("/orders") view=OrderList/>
                <Route path=path!("/orders/:number") view=OrderPage/>
            </Routes>
        </Shell>
    }
}
