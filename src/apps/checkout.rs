//! The checkout app: contact, delivery, payment, review and placing the order.

use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;

use super::{OtherApp, Shell};
use crate::components::TaskHeader;
use crate::pages::CheckoutPage;
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
                <Route path=path!("/checkout") view=CheckoutPage/>
            </Routes>
        </Shell>
    }
}
