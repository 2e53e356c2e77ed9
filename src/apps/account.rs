//! The account app: signing in and up, the profile, the address book and the account's
//! orders. Kept apart from checkout so that a shopper paying does not download these pages.

use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;

use super::{OtherApp, Shell};
use crate::components::TaskHeader;
use crate::pages::account::{
    AccountOrdersPage, AddressesPage, ForgotPage, LoginPage, ProfilePage, ResetPage, SignUpPage,
    VerifyPage,
};
use crate::state::session::Session;

#[component]
pub fn App() -> impl IntoView {
    view! {
        <Shell header=|| view! { <TaskHeader/> }.into_any()>
            {Session::provide();}
            // Anything else is another app's (fourflow_core::apps).
            <Routes fallback=OtherApp>
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
