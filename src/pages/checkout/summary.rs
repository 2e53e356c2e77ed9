//! Beside every step: what is being bought and what it costs, the chosen payment method's fee
//! included, priced here by the engine the server runs.

use fourflow_core::pricing::QuoteErrorCode;
use leptos::prelude::*;

use crate::components::QuoteRows;
use crate::i18n::use_i18n;
use crate::state::checkout::use_checkout;
use crate::state::quote::use_cart_quote;

#[component]
pub fn CheckoutSummary() -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let quote = use_cart_quote();
    let draft = use_checkout().draft;
    let body = move || match quote.quote.get() {
        Some(Ok(q)) => {
            let q = match draft.with(|d| d.payment_method) {
                Some(method) => q.paid_by(method),
                None => q,
            };
            let lines = q
                .lines
                .iter()
                .map(|l| view! {
                    <li class="summary-line">
                        <span class="summary-thumb">
                            {l.image.clone().map(|src| view! { <img src=src alt="" width="48" height="48" loading="lazy"/> })}
                            <span class="summary-qty" aria-label=t.quantity>{l.qty}</span>
                        </span>
                        <span class="summary-title">{i18n.text(&l.title)}<small>{i18n.text(&l.options)}</small></span>
                        <span>{i18n.money(l.total)}</span>
                    </li>
                })
                .collect_view();
            view! {
                <ul class="summary-lines">{lines}</ul>
                <QuoteRows quote=q/>
            }
            .into_any()
        }
        Some(Err(e)) if e.code == QuoteErrorCode::ShippingUnavailable => {
            view! { <p class="line-warning">{t.store_pickup_limit}</p> }.into_any()
        }
        _ => view! { <p class="muted">{t.pricing_pending}</p> }.into_any(),
    };
    view! {
        <aside class="cart-summary checkout-summary" aria-labelledby="summary-title">
            <h2 id="summary-title">{t.order_summary}</h2>
            {body}
            <a class="link-button" href="/cart">{i18n.c().edit_cart}</a>
        </aside>
    }
}
