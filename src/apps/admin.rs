//! The back office: the orders console for operators, content and merchandising for
//! marketers. Its own Trunk build (`admin.html` → `dist/apps/admin/`), so that none of it is
//! in a shopper's download. Staff sign in on the shop's own sign-in page; the server checks
//! the role on every call, and this frame only says who may see what.

use fourflow_core::account::Profile;
use fourflow_core::catalog::encode_pairs;
use fourflow_core::staff::{Capability, Role};
use fourflow_core::Locale;
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use super::OtherApp;
use crate::api::{self, ApiError};
use crate::i18n::{use_i18n, I18n};
use crate::pages::admin::{
    AuditPage, ConsoleOrderPage, ContentEditor, ContentIndex, MediaPage, MerchandisingPage,
    OrdersPage, PromotionsPage, StaffPage,
};

/// Who is signed in, as the back office asks it once.
#[derive(Clone, Copy)]
pub struct StaffMember(pub RwSignal<Option<Result<Profile, ApiError>>>);

impl StaffMember {
    /// The signed-in account's role; none before the answer, or without a session.
    pub fn role(&self) -> Option<Role> {
        self.0.with(|me| match me {
            Some(Ok(p)) => Role::parse("role", &p.role).ok(),
            _ => None,
        })
    }

    /// Whether the role may do this (`Role::can`, the server's own rule).
    pub fn can(&self, capability: Capability) -> bool {
        self.role().is_some_and(|r| r.can(capability))
    }
}

/// The back office's screens, each with the capability it needs and its place in the nav.
const SCREENS: [(Capability, &str); 3] = [
    (Capability::Orders, "/admin/orders"),
    (Capability::Merchandising, "/admin/merchandising"),
    (Capability::Content, "/admin/content"),
];

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
                    <Route path=path!("/admin") view=Start/>
                    <Route path=path!("/admin/orders") view=|| view! { <Allowed needs=Capability::Orders><OrdersPage/></Allowed> }/>
                    <Route path=path!("/admin/orders/:number") view=|| view! { <Allowed needs=Capability::Orders><ConsoleOrderPage/></Allowed> }/>
                    <Route path=path!("/admin/merchandising") view=|| view! { <Allowed needs=Capability::Merchandising><MerchandisingPage/></Allowed> }/>
                    <Route path=path!("/admin/promotions") view=|| view! { <Allowed needs=Capability::Merchandising><PromotionsPage/></Allowed> }/>
                    <Route path=path!("/admin/content") view=|| view! { <Allowed needs=Capability::Content><ContentIndex/></Allowed> }/>
                    <Route path=path!("/admin/media") view=|| view! { <Allowed needs=Capability::Content><MediaPage/></Allowed> }/>
                    <Route path=path!("/admin/staff") view=|| view! { <Allowed needs=Capability::Staff><StaffPage/></Allowed> }/>
                    <Route path=path!("/admin/audit") view=|| view! { <Allowed needs=Capability::Audit><AuditPage/></Allowed> }/>
                    <Route path=path!("/admin/content/:kind/:slug") view=|| view! { <Allowed needs=Capability::Content><ContentEditor/></Allowed> }/>
                </Routes>
            }
            .into_any(),
            Some(Ok(_)) => view! {
                <section class="admin-card"><h1>{b.app_title}</h1><p>{b.not_staff}</p></section>
            }
            .into_any(),
            Some(Err(_)) => {
                // Back here once signed in. The sign-in page is the account app's: `external`,
                // or this app's router takes the click, changes the URL and shows nothing.
                let here = use_location().pathname.get_untracked();
                let href = format!("/account/login?{}", encode_pairs([("next", here.as_str())]));
                view! {
                    <section class="admin-card">
                        <h1>{b.app_title}</h1>
                        <p>{b.sign_in_needed}</p>
                        <a class="button" href=href rel="external">{b.sign_in}</a>
                    </section>
                }
                .into_any()
            }
        }
    }
}

/// `/admin`: the first screen the role works in.
#[component]
fn Start() -> impl IntoView {
    let me = expect_context::<StaffMember>();
    let first = SCREENS
        .into_iter()
        .find(|(needs, _)| me.can(*needs))
        .map_or("/admin/orders", |(_, path)| path);
    view! { <Redirect path=first/> }
}

/// A screen, for a role that may use it; a word of why not for any other.
#[component]
fn Allowed(needs: Capability, children: ChildrenFn) -> impl IntoView {
    let b = use_i18n().b();
    let me = expect_context::<StaffMember>();
    move || {
        if me.can(needs) {
            children().into_any()
        } else {
            view! { <section class="admin-card"><p>{b.not_allowed}</p></section> }.into_any()
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
            {move || {
                // Only what the role may use: the server refuses the rest anyway.
                let link = |needs, href: &'static str, label: &'static str| {
                    me.can(needs).then(|| view! { <a href=href>{label}</a> })
                };
                view! {
                    {link(Capability::Orders, "/admin/orders", b.orders)}
                    {link(Capability::Merchandising, "/admin/merchandising", b.merch.title)}
                    {link(Capability::Merchandising, "/admin/promotions", b.promo.title)}
                    {link(Capability::Content, "/admin/content", b.content)}
                    {link(Capability::Content, "/admin/media", b.media.title)}
                    {link(Capability::Staff, "/admin/staff", b.people.staff)}
                    {link(Capability::Audit, "/admin/audit", b.people.audit)}
                }
            }}
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
