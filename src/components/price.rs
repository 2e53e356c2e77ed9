//! A price as shoppers read it: the price now, "from" when variants differ, and the crossed-out
//! price when on sale.

use fourflow_core::Money;
use leptos::prelude::*;

use crate::i18n::use_i18n;

#[component]
pub fn Price(
    #[prop(into)] price: Signal<Money>,
    #[prop(into)] compare_at: Signal<Option<Money>>,
    /// Prefix with "from": the product has variants at other prices.
    #[prop(optional, into)]
    from: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let now = move || {
        let text = i18n.money(price.get());
        if from.get() {
            (i18n.t().price_from)(&text)
        } else {
            text
        }
    };
    let was = move || {
        compare_at.get().map(|was| {
            view! {
                <s class="price-was">
                    <span class="visually-hidden">{i18n.t().was_price}</span>
                    {i18n.money(was)}
                </s>
            }
        })
    };
    view! {
        <p class="price">
            <span class="price-now" class:price-sale=move || compare_at.get().is_some()>{now}</span>
            {was}
        </p>
    }
}
