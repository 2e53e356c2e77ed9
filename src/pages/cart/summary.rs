//! The order summary: free-shipping progress, subtotal, each discount by name, delivery
//! method and fee, the coupon, the total and the VAT it includes.

use fourflow_core::pricing::{QuoteErrorCode, ShippingRate};
use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::QuoteRows;
use crate::i18n::use_i18n;
use crate::state::cart::use_cart;
use crate::state::online::use_online;
use crate::state::quote::use_cart_quote;

#[component]
pub fn OrderSummary() -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let quote = use_cart_quote();

    let body = move || match quote.quote.get() {
        None => view! { <p class="muted">{t.pricing_pending}</p> }.into_any(),
        Some(Err(e)) if e.code == QuoteErrorCode::ShippingUnavailable => {
            view! { <p class="line-warning" role="alert">{t.store_pickup_limit}</p> }.into_any()
        }
        Some(Err(_)) => view! { <p class="muted">{t.pricing_pending}</p> }.into_any(),
        Some(Ok(q)) => {
            let progress = q.free_shipping.clone().map(|p| {
                let done = p.remaining.amount == 0;
                let percent = if p.threshold.amount > 0 {
                    100 - (p.remaining.amount * 100 / p.threshold.amount).clamp(0, 100)
                } else {
                    100
                };
                view! {
                    <div class="free-shipping" class:done=done>
                        <p>{if done { t.free_shipping_reached.to_string() } else { (t.free_shipping_remaining)(&i18n.money(p.remaining)) }}</p>
                        <div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow=percent>
                            <span style=format!("width:{percent}%")></span>
                        </div>
                    </div>
                }
            });
            view! {
                {progress}
                <QuoteRows quote=q/>
            }
            .into_any()
        }
    };

    view! {
        <aside class="cart-summary" aria-labelledby="summary-title">
            <h2 id="summary-title">{t.order_summary}</h2>
            <ShippingChoice/>
            {body}
            <CouponForm/>
            {move || matches!(quote.quote.get(), Some(Ok(_))).then(|| view! {
                <a class="button button-wide checkout-button" href="/checkout">{t.go_to_checkout}</a>
            })}
        </aside>
    }
}

#[component]
fn ShippingChoice() -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let cart = use_cart();
    let current = move || cart.with(|d| d.shipping_method);
    let quote = use_cart_quote();
    // What each method costs for this parcel; "—" where it cannot carry it.
    let fee = move |rate: &ShippingRate| {
        rate.fee(cart.parcel_grams())
            .map_or_else(|| "—".to_owned(), |fee| i18n.money(fee))
    };
    let options = move || {
        quote
            .shipping_rates()
            .into_iter()
            .map(|rate| {
                let method = rate.method;
                view! {
                    <label class="choice">
                        <input type="radio" name="shipping_method" value=method.as_str()
                            prop:checked=move || current() == method
                            on:change=move |_| cart.set_shipping_method(method)/>
                        <span>{i18n.text(&rate.label)}</span>
                        <span class="choice-fee">{fee(&rate)}</span>
                    </label>
                }
            })
            .collect_view()
    };
    view! {
        <fieldset class="shipping-choice">
            <legend>{t.shipping_method}</legend>
            {options}
        </fieldset>
    }
}

#[component]
fn CouponForm() -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let quote = use_cart_quote();
    let online = use_online();
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);
    let applied = move || quote.coupon();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = code.get_untracked();
        if text.trim().is_empty() {
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = quote.apply_coupon(text).await;
            busy.set(false);
            match result {
                Ok(()) => {
                    error.set(None);
                    code.set(String::new());
                }
                Err(ApiError::Api { body, .. })
                    if body.error.field.as_deref() == Some("coupon") =>
                {
                    error.set(Some((t.coupon_error)(&body.error.code)));
                }
                Err(ApiError::Network) => error.set(Some(t.error_network)),
                Err(_) => error.set(Some((t.coupon_error)(""))),
            }
        });
    };
    view! {
        {move || applied().map(|c| view! {
            <p class="coupon-applied">
                <span>{(t.coupon_applied)(&c)}</span>
                <button type="button" class="link-button" on:click=move |_| quote.remove_coupon()>{t.remove}</button>
            </p>
        })}
        <form class="coupon-form" on:submit=submit novalidate>
            <label for="coupon-input">{t.coupon}</label>
            <div class="coupon-row">
                <input id="coupon-input" type="text" autocomplete="off" autocapitalize="characters"
                    aria-invalid=move || error.get().is_some().to_string()
                    aria-describedby="coupon-error"
                    prop:value=move || code.get()
                    on:input:target=move |ev| { code.set(ev.target().value()); error.set(None); }/>
                <button type="submit" class="button button-small" disabled=move || busy.get() || !online.get()>{t.apply}</button>
            </div>
            <p id="coupon-error" class="field-error" role="alert">{move || error.get()}</p>
        </form>
    }
}
