//! The back office: the orders console for operators, content and merchandising for
//! marketers. Its own Trunk build (`admin.html` → `dist/apps/admin/`), so that none of it is
//! in a shopper's download. Staff sign in on the shop's own sign-in page; the server checks
//! the role on every call, and this frame only says who may see what.

use fourflow_core::account::Profile;
use fourflow_core::Locale;
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;

use super::OtherApp;
use crate::api::{self, ApiError};
use crate::i18n::{use_i18n, I18n};
use crate::pages::admin::{ConsoleOrderPage, ContentEditor, ContentIndex, OrdersPage};

/// Who is signed in, as the back office asks it once.
#[derive(Clone, Copy)]
pub struct StaffMember(pub RwSignal<Option<Result<Profile, ApiError>>>);

#[component]
pub fn App() -> impl IntoView {
    let i18n = I18n::provide();
    let me = StaffMember(RwSignal::new(None));
    provide_context(me);
    leptos::task::spawn_local(async move { me.0.set(Some(api::me().await)) });
    view! {
        <Router>
            {move || {
                i18n.watch();
                view! {
                    <div class="admin">
                        <AdminNav/>
                        <main id="main" class="admin-main" tabindex="-1"><Gate/></main>
                    </div>
                }
            }}
        </Router>
    }
}

/// The pages, for staff; a way to sign in for anyone else.
#[component]
fn Gate() -> impl IntoView {
    let i18n = use_i18n();
    let me = expect_context::<StaffMember>();
    move || {
        let b = i18n.b();
        match me.0.get() {
            None => view! { <p class="muted" aria-busy="true">{b.checking}</p> }.into_any(),
            Some(Ok(profile)) if profile.role != "customer" => view! {
                <Routes fallback=OtherApp>
                    <Route path=path!("/admin") view=|| view! { <Redirect path="/admin/orders"/> }/>
                    <Route path=path!("/admin/orders") view=OrdersPage/>
                    <Route path=path!("/admin/orders/:number") view=ConsoleOrderPage/>
                    <Route path=path!("/admin/content") view=ContentIndex/>
                    <Route path=path!("/admin/content/:kind/:slug") view=ContentEditor/>
                </Routes>
            }
            .into_any(),
            Some(Ok(_)) => view! {
                <section class="admin-card"><h1>{b.app_title}</h1><p>{b.not_staff}</p></section>
            }
            .into_any(),
            Some(Err(_)) => view! {
                <section class="admin-card">
                    <h1>{b.app_title}</h1>
                    <p>{b.sign_in_needed}</p>
                    <a class="button" href="/account/login?next=/admin/orders">{b.sign_in}</a>
                </section>
            }
            .into_any(),
        }
    }
}

#[component]
fn AdminNav() -> impl IntoView {
    let i18n = use_i18n();
    let b = i18n.b();
    let me = expect_context::<StaffMember>();
    let who = move || match me.0.get() {
        Some(Ok(p)) => format!("{} · {}", p.name, (b.role)(&p.role)),
        _ => String::new(),
    };
    view! {
        <nav class="admin-nav" aria-label=b.nav>
            <a class="admin-logo" href="/admin/orders"><span class="logo-mark" aria-hidden="true">"四"</span>{b.app_title}</a>
            <a href="/admin/orders">{b.orders}</a>
            <a href="/admin/content">{b.content}</a>
            <span class="admin-who">{who}</span>
            <button
                type="button"
                class="link-button lang-switch"
                on:click=move |_| i18n.set(match i18n.locale() { Locale::ZhTw => Locale::En, Locale::En => Locale::ZhTw })
            >
                {i18n.t().other_language}
            </button>
            <a href="/" rel="external">{b.to_shop}</a>
        </nav>
    }
}
