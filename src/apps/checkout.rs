//! The checkout app: the cart, checkout and the orders that follow, with the pricing engine
//! that only they need.

use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;

use super::{OtherApp, Shell};
use crate::pages::account::{
    AccountOrdersPage, AddressesPage, ForgotPage, LoginPage, ProfilePage, ResetPage, SignUpPage,
    VerifyPage,
};
use crate::pages::{CartPage, CheckoutPage, OrderList, OrderPage};
use crate::state::checkout::Checkout;
use crate::state::session::Session;

#[component]
pub fn App() -> impl IntoView {
    view! {
        <Shell>
            {Checkout::provide();}
            {Session::provide();}
            // Anything else is the storefront's, which also answers unknown URLs.
            <Routes fallback=OtherApp>
                <Route path=path!("/cart") view=CartPage/>
                <Route path=path!("/checkout") view=CheckoutPage/>
                <Route path=path!("/orders") view=OrderList/>
                <Route path=path!("/orders/:number") view=OrderPage/>
                <Route path=path!("/account") view=ProfilePage/>
                <Route path=path!("/account/login") view=LoginPage/>
                <Route path=path!("/account/signup") view=SignUpPage/>
                <Route path=path!("/account/verify") view=VerifyPage/>
                <Route path=path!("/account/forgot") view=ForgotPage/>
                <Route path=path!("/account/reset") view=ResetPage/>
                <Route path=path!("/account/orders") view=AccountOrdersPage/>
                <Route path=path!("/account/addresses") view=AddressesPage/>
            </Routes>
        </Shell>
    }
}
