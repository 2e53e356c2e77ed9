//! `/checkout?step=…`: contact → delivery → payment → review → place. The step is in the URL
//! (the back button goes back a step); what was typed is kept in this browser (reload and
//! nothing is lost, card details aside); a step further than the first incomplete one cannot
//! be reached by URL.

mod area;
mod contact;
mod delivery;
mod field;
mod invoice;
mod payment;
mod place;
mod review;
mod stores;
mod summary;

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::components::use_title;
use crate::i18n::use_i18n;
use crate::state::cart::use_cart;
use crate::state::checkout::use_checkout;
use crate::state::quote::CartQuote;
use contact::ContactStep;
use delivery::DeliveryStep;
use field::focus_first_invalid;
use payment::{payment_ready, CardDetails, CardEntry, PaymentStep};
use review::ReviewStep;
use summary::CheckoutSummary;

pub use area::{AreaField, AreaFields};
pub use field::{ShowErrors, TextField};
pub use payment::{this_month, METHODS};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    Contact,
    Delivery,
    Payment,
    Review,
}

impl Step {
    const ALL: [Step; 4] = [Step::Contact, Step::Delivery, Step::Payment, Step::Review];

    fn slug(self) -> &'static str {
        match self {
            Step::Contact => "contact",
            Step::Delivery => "delivery",
            Step::Payment => "payment",
            Step::Review => "review",
        }
    }

    fn href(self) -> String {
        format!("/checkout?step={}", self.slug())
    }

    fn next(self) -> Step {
        Step::ALL
            .into_iter()
            .find(|s| *s > self)
            .unwrap_or(Step::Review)
    }

    /// Where to fix what the shop refused in field `field`.
    fn fix_href(field: &str) -> String {
        if field.starts_with("contact") {
            Step::Contact.href()
        } else if field.starts_with("delivery") || field == "shipping_method" {
            Step::Delivery.href()
        } else if field.starts_with("payment") {
            Step::Payment.href()
        } else {
            "/cart".to_owned()
        }
    }
}

#[component]
pub fn CheckoutPage() -> impl IntoView {
    let i18n = use_i18n();
    let c = i18n.c();
    let cart = use_cart();
    let quote = CartQuote::provide();
    let checkout = use_checkout();
    let card = RwSignal::new(CardDetails::default());
    provide_context(CardEntry(card));
    let show_errors = RwSignal::new(false);
    provide_context(ShowErrors(show_errors));
    use_title(move || Some(c.checkout.to_string()));
    // The shell catches the cart up with the shop as the app starts; the promotions and rates
    // are the page's.
    leptos::task::spawn_local(async move { quote.refresh().await });

    // The first step not complete yet: as far as the shopper may go.
    let first_incomplete = Memo::new(move |_| {
        let draft = checkout.draft.get();
        let method = cart.with(|d| d.shipping_method);
        let total = quote.quote.get().and_then(Result::ok).map(|q| q.total);
        if !draft.contact.problems().is_empty() {
            Step::Contact
        } else if !draft.delivery(method).problems().is_empty() {
            Step::Delivery
        } else if card.with(|card| payment_ready(&draft, card, total)) {
            Step::Review
        } else {
            Step::Payment
        }
    });
    let query = use_query_map();
    let step = Memo::new(move |_| {
        let asked = query.with(|q| {
            q.get("step")
                .and_then(|s| Step::ALL.into_iter().find(|step| step.slug() == s))
        });
        asked.unwrap_or(Step::Contact).min(first_incomplete.get())
    });
    Effect::new(move |_| {
        step.track();
        show_errors.set(false);
        window().scroll_to_with_x_and_y(0.0, 0.0);
    });
    let navigate = use_navigate();
    // A step asked for before its turn: the address bar says where the shopper really is.
    let replace = navigate.clone();
    Effect::new(move |_| {
        let shown = step.get();
        let asked = query.with(|q| q.get("step"));
        if asked.as_deref().is_some_and(|a| a != shown.slug()) {
            replace(
                &shown.href(),
                leptos_router::NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });
    let on_next =
        Callback::new(move |()| navigate(&step.get_untracked().next().href(), Default::default()));

    let body = move || match step.get() {
        Step::Contact => view! { <ContactStep on_next/> }.into_any(),
        Step::Delivery => view! { <DeliveryStep on_next/> }.into_any(),
        Step::Payment => view! { <PaymentStep on_next/> }.into_any(),
        Step::Review => view! { <ReviewStep/> }.into_any(),
    };
    // A memo: the cart catching up with the shop as the page opens must not rebuild the form
    // under the shopper's fingers (focus and keystrokes would be lost), only emptying it may.
    let empty = Memo::new(move |_| cart.with(|d| d.lines.is_empty()));
    view! {
        <div class="page checkout-page">
            <h1 class="page-title">{c.checkout}</h1>
            <crate::pages::account::SignInPrompt/>
            {move || if empty.get() {
                view! {
                    <div class="empty-state">
                        <h2>{i18n.t().cart_empty}</h2>
                        <p><a class="button" href="/">{i18n.t().continue_shopping}</a></p>
                    </div>
                }.into_any()
            } else {
                view! {
                    <Progress current=step reachable=first_incomplete/>
                    <div class="checkout-layout">
                        <div class="checkout-step">{body}</div>
                        <CheckoutSummary/>
                    </div>
                }.into_any()
            }}
        </div>
    }
}

/// The steps, the current one marked, the ones already reachable as links.
#[component]
fn Progress(current: Memo<Step>, reachable: Memo<Step>) -> impl IntoView {
    let c = use_i18n().c();
    let items = move || {
        Step::ALL
            .into_iter()
            .enumerate()
            .map(|(i, step)| {
                let label = format!("{}. {}", i + 1, (c.step_name)(step.slug()));
                let here = current.get() == step;
                let done = step < current.get();
                let body = if !here && step <= reachable.get() {
                    view! { <a href=step.href()>{label}</a> }.into_any()
                } else {
                    view! { <span>{label}</span> }.into_any()
                };
                view! {
                    <li class:current=here class:done=done aria-current=here.then_some("step")>{body}</li>
                }
            })
            .collect_view()
    };
    view! { <nav aria-label=c.checkout_steps><ol class="checkout-progress">{items}</ol></nav> }
}

/// One step's form: its fields, then "continue". Going on with something missing shows
/// every error of the step and puts the focus on the first.
#[component]
fn StepForm(
    title: &'static str,
    complete: Signal<bool>,
    on_next: Callback<()>,
    children: Children,
) -> impl IntoView {
    let c = use_i18n().c();
    let show_errors = expect_context::<ShowErrors>().0;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if complete.get_untracked() {
            on_next.run(());
        } else {
            show_errors.set(true);
            request_animation_frame(focus_first_invalid);
        }
    };
    view! {
        <form class="checkout-form" on:submit=submit novalidate>
            <h2>{title}</h2>
            {children()}
            <button type="submit" class="button button-wide">{c.continue_}</button>
        </form>
    }
}
