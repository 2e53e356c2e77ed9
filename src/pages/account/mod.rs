//! `/account/…`: signing up, in and out, proving the email, resetting a password, and the
//! signed-in shopper's profile, order history and address book. One file per page; what
//! the forms share is here. The checkout pages' few account touches are in `for_checkout`.

mod addresses;
mod for_checkout;
mod forgot;
mod login;
mod orders;
mod profile;
mod reset;
mod signup;
mod verify;

pub use addresses::AddressesPage;
pub use for_checkout::{prefill_contact, SavedAddressChoices, SignInPrompt};
pub use forgot::ForgotPage;
pub use login::LoginPage;
pub use orders::AccountOrdersPage;
pub use profile::ProfilePage;
pub use reset::ResetPage;
pub use signup::SignUpPage;
pub use verify::VerifyPage;

use fourflow_core::account::{PasswordResetRequest, ProfileUpdate};
use fourflow_core::catalog::encode_pairs;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};

use crate::api::ApiError;
use crate::components::{ErrorView, Problem};
use crate::i18n::{use_i18n, AccountStrings};
use crate::pages::checkout::ShowErrors;
use crate::state::session::{use_session, SessionState};
use login::LoginForm;

/// Where the shopper goes when not told: their account.
const HOME: &str = "/account";

/// A form's exchange with the API: whether a call is under way, what it answered wrong, and
/// whether every field's problem shows (after a first try to send).
#[derive(Clone, Copy)]
struct Submission {
    busy: RwSignal<bool>,
    problem: RwSignal<Option<String>>,
    /// The field the API refused, until the shopper types again.
    field: RwSignal<Option<String>>,
    show_all: RwSignal<bool>,
    a: &'static AccountStrings,
}

impl Submission {
    /// A submission for the form about to be built (its fields read `ShowErrors`).
    fn new() -> Submission {
        let show_all = RwSignal::new(false);
        provide_context(ShowErrors(show_all));
        Submission {
            busy: RwSignal::new(false),
            problem: RwSignal::new(None),
            field: RwSignal::new(None),
            show_all,
            a: use_i18n().a(),
        }
    }

    /// The message for `field`: its own check (`bad`) failing, or the API refusing it.
    fn error(
        &self,
        field: &'static str,
        bad: impl Fn() -> bool + Send + Sync + 'static,
    ) -> Signal<Option<&'static str>> {
        let a = self.a;
        let refused = self.field;
        Signal::derive(move || {
            let by_api = refused.with(|f| f.as_deref() == Some(field));
            (bad() || by_api).then(|| (a.field_error)(field))
        })
    }

    /// The shopper typed: what the API refused is theirs to judge again.
    fn edited(&self) {
        if self.field.get_untracked().is_some() {
            self.field.set(None);
        }
    }

    /// Tries to start sending: refused (every problem then shown, the focus on the first)
    /// when `valid` is false or a call is already under way.
    fn start(&self, valid: bool) -> bool {
        if self.busy.get_untracked() {
            return false;
        }
        if !valid {
            self.show_all.set(true);
            request_animation_frame(focus_first_invalid);
            return false;
        }
        self.problem.set(None);
        self.field.set(None);
        self.busy.set(true);
        true
    }

    fn failed(&self, error: &ApiError) {
        let (field, message) = self.a.problem(error);
        self.show_all.set(true);
        self.field.set(field);
        self.problem.set(Some(message));
        self.busy.set(false);
    }

    fn done(&self) {
        self.busy.set(false);
    }

    /// The form's own alert: what the API answered, when it refused.
    fn alert(&self) -> impl IntoView {
        let problem = self.problem;
        view! { <p class="form-problem" role="alert">{move || problem.get()}</p> }
    }
}

fn focus_first_invalid() {
    use wasm_bindgen::JsCast;
    let first = document()
        .query_selector(".account-form [aria-invalid=true]")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = first {
        let _ = element.focus();
    }
}

fn bad_email(email: &str) -> bool {
    PasswordResetRequest {
        email: email.to_owned(),
    }
    .check()
    .is_err()
}

fn bad_new_password(password: &str) -> bool {
    fourflow_core::account::check_password("password", password).is_err()
}

fn bad_name(name: &str) -> bool {
    ProfileUpdate {
        name: Some(name.to_owned()),
    }
    .check()
    .is_err()
}

/// `?next=`: a path of this shop to go to after signing in; anything else (another site,
/// a protocol-relative `//host`) is ignored.
fn next_path() -> Memo<String> {
    let query = use_query_map();
    Memo::new(move |_| {
        query
            .with(|q| q.get("next"))
            .filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.contains('\\'))
            .unwrap_or_else(|| HOME.to_owned())
    })
}

/// `path` with `?next=` as the current `next_path` when it is not the default.
fn with_next(path: &str, next: &str) -> String {
    if next == HOME {
        path.to_owned()
    } else {
        format!("{path}?{}", encode_pairs([("next", next)]))
    }
}

/// A narrow card for the signed-out pages: a title, a line on why, and the form.
#[component]
fn AuthCard(
    title: &'static str,
    #[prop(optional)] lead: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    crate::components::use_title(move || Some(title.to_owned()));
    view! {
        <div class="page auth-page">
            <section class="auth-card">
                <h1>{title}</h1>
                {lead.map(|l| view! { <p class="auth-lead">{l}</p> })}
                {children()}
            </section>
        </div>
    }
}

/// The signed-in pages' frame: the title, the account's menu, and the page — or, for a
/// shopper not signed in, the sign-in form in its place (they stay where they were going).
#[component]
fn AccountFrame(here: &'static str, children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    let a = i18n.a();
    let session = use_session();
    let location = use_location();
    // Only a change between these remounts the page (a new name does not).
    let kind = Memo::new(move |_| match session.state.get() {
        SessionState::Checking => 0,
        SessionState::SignedOut => 1,
        SessionState::SignedIn(_) => 2,
        SessionState::Unreachable => 3,
    });
    // The menu is for the signed-in shopper.
    let nav = move || {
        (kind.get() == 2).then(|| {
            let links = [
                ("/account", a.profile),
                ("/account/orders", a.orders),
                ("/account/addresses", a.addresses),
            ]
            .map(|(href, label)| {
                let current = (href == here).then_some("page");
                view! { <li><a href=href aria-current=current>{label}</a></li> }
            });
            view! {
                <nav class="account-nav" aria-label=a.account_nav><ul>{links.collect_view()}</ul></nav>
            }
        })
    };
    let body = move || {
        match kind.get() {
        0 => view! { <p class="muted" aria-busy="true">{i18n.t().loading}</p> }.into_any(),
        1 => view! {
            <section class="auth-card auth-inline">
                <h2>{a.sign_in_title}</h2>
                <p class="auth-lead">{a.sign_in_why}</p>
                <LoginForm/>
                <p class="auth-alt">
                    {a.no_account}" "
                    <a href=with_next("/account/signup", &location.pathname.get_untracked())>{a.sign_up}</a>
                </p>
            </section>
        }
        .into_any(),
        2 => children().into_any(),
        _ => view! {
            <ErrorView problem=Problem::Offline retry=Callback::new(move |()| session.check())/>
        }
        .into_any(),
    }
    };
    view! {
        <div class="page account-page">
            <h1 class="page-title">{a.account}</h1>
            {nav}
            <div class="account-body">{body}</div>
        </div>
    }
}
