//! A quantity stepper: − [n] +, typed or clicked, kept within 1 and the stock.

use leptos::prelude::*;

use crate::i18n::use_i18n;

#[component]
pub fn QuantityStepper(
    #[prop(into)] value: Signal<u32>,
    #[prop(into)] max: Signal<u32>,
    on_change: Callback<u32>,
    /// For the label: what is being counted.
    #[prop(into)]
    label: String,
) -> impl IntoView {
    let t = use_i18n().t();
    let set = move |n: u32| {
        let n = n.clamp(1, max.get_untracked().max(1));
        if n != value.get_untracked() {
            on_change.run(n);
        }
    };
    view! {
        <div class="stepper" role="group" aria-label=format!("{}：{label}", t.quantity)>
            <button type="button" class="stepper-button" aria-label=t.decrease
                disabled=move || { value.get() <= 1 }
                on:click=move |_| set(value.get_untracked().saturating_sub(1))>"−"</button>
            <input
                type="number"
                inputmode="numeric"
                min="1"
                max=move || max.get().max(1)
                aria-label=t.quantity
                prop:value=move || value.get().to_string()
                on:change:target=move |ev| {
                    if let Ok(n) = ev.target().value().trim().parse::<u32>() { set(n) }
                    ev.target().set_value(&value.get_untracked().to_string());
                }
            />
            <button type="button" class="stepper-button" aria-label=t.increase
                disabled=move || { value.get() >= max.get() }
                title=move || { (value.get() >= max.get()).then(|| (t.max_in_cart)(max.get())) }
                on:click=move |_| set(value.get_untracked() + 1)>"+"</button>
        </div>
    }
}
