//! The orders app: an order's page (a guest's by their link too), with its timeline, what to
//! do next and paying again; and the orders this browser placed.

use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;

use super::{OtherApp, Shell};
use crate::components::TaskHeader;
use crate::pages::{OrderList, OrderPage};
use crate::state::checkout::PlacedOrders;

#[component]
pub fn App() -> impl IntoView {
    view! {
        <Shell header=|| view! { <TaskHeader/> }.into_any()>
            // The orders this browser placed (their guest links) are checkout's record.
            {PlacedOrders::provide();}
            // Anything else is another app's (fourflow_core::apps).
            <Routes fallback=OtherApp>
                <Route path=path!("/orders") view=OrderList/>
                <Route path=path!("/orders/:number") view=OrderPage/>
            </Routes>
        </Shell>
    }
}
