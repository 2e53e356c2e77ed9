//! Size and colour choices, and what the chosen variant's stock is. The rules (what can be
//! chosen, what a click selects) are fourflow-core's `VariantPicker`; this is how they look.

use fourflow_core::catalog::{
    OptionChoice, ProductDetail, StockLevel, Variant, VariantPicker as Rules,
};
use leptos::prelude::*;

use crate::i18n::use_i18n;

#[component]
pub fn VariantPicker(product: ProductDetail, selected: RwSignal<Option<Variant>>) -> impl IntoView {
    let i18n = use_i18n();
    let product = StoredValue::new(product);
    let size = move || selected.get().and_then(|v| v.size);
    let colour = move || selected.get().and_then(|v| v.colour);

    let sizes = move || {
        product.with_value(|p| {
            if p.sizes.is_empty() {
                return None;
            }
            let rules = Rules::new(&p.variants);
            let chosen = size();
            let choices = rules.sizes(&p.sizes, colour().as_deref());
            let chips = choices
                .into_iter()
                .map(|choice| {
                    let value = choice.value.clone();
                    let on = chosen.as_deref() == Some(value.as_str());
                    let pick = move |_| {
                        let next = product.with_value(|p| {
                            Rules::new(&p.variants)
                                .choose_size(&value, colour().as_deref())
                                .cloned()
                        });
                        selected.set(next);
                    };
                    option_chip(
                        "size",
                        &choice,
                        on,
                        pick,
                        view! { <span>{choice.value.clone()}</span> }.into_any(),
                    )
                })
                .collect_view();
            Some(view! {
                <fieldset class="option-group">
                    <legend>{match &chosen {
                        Some(s) => (i18n.s().label_value)(i18n.s().size, s),
                        None => i18n.s().size.to_string(),
                    }}</legend>
                    <div class="chips">{chips}</div>
                </fieldset>
            })
        })
    };

    let colours = move || {
        product.with_value(|p| {
            if p.colours.is_empty() {
                return None;
            }
            let rules = Rules::new(&p.variants);
            let chosen = colour();
            let choices =
                rules.colours(p.colours.iter().map(|c| c.code.as_str()), size().as_deref());
            let chosen_name = chosen
                .as_ref()
                .and_then(|code| p.colours.iter().find(|c| &c.code == code))
                .map(|c| i18n.text(&c.name));
            let swatches = choices
                .into_iter()
                .zip(p.colours.iter().cloned())
                .map(|(choice, colour_info)| {
                    let code = choice.value.clone();
                    let on = chosen.as_deref() == Some(code.as_str());
                    let pick = move |_| {
                        let next = product.with_value(|p| {
                            Rules::new(&p.variants)
                                .choose_colour(&code, size().as_deref())
                                .cloned()
                        });
                        selected.set(next);
                    };
                    let style = format!("background:{}", colour_info.hex);
                    let label = view! {
                        <span class="swatch swatch-large" style=style aria-hidden="true"></span>
                        <span class="visually-hidden">{i18n.text(&colour_info.name)}</span>
                    }
                    .into_any();
                    option_chip("colour", &choice, on, pick, label)
                })
                .collect_view();
            Some(view! {
                <fieldset class="option-group">
                    <legend>{match &chosen_name {
                        Some(name) => (i18n.s().label_value)(i18n.s().colour, name),
                        None => i18n.s().colour.to_string(),
                    }}</legend>
                    <div class="chips">{swatches}</div>
                </fieldset>
            })
        })
    };

    view! { <div class="variant-picker">{sizes}{colours}</div> }
}

/// One choice as a radio button styled as a chip: disabled when it cannot be bought at all,
/// struck through when it cannot be bought with the other choice as it is.
fn option_chip(
    group: &'static str,
    choice: &OptionChoice,
    on: bool,
    pick: impl Fn(leptos::ev::Event) + 'static,
    label: AnyView,
) -> impl IntoView {
    let i18n = use_i18n();
    let unavailable = !choice.available;
    let title = unavailable.then(|| {
        if choice.purchasable {
            i18n.s().not_in_this_combination
        } else {
            i18n.s().sold_out
        }
    });
    view! {
        <label
            class="chip"
            class:chip-on=on
            class:chip-unavailable=unavailable
            class:chip-disabled=!choice.purchasable
            title=title
        >
            <input
                type="radio"
                class="visually-hidden"
                name=group
                value=choice.value.clone()
                prop:checked=on
                disabled=!choice.purchasable
                on:change=pick
            />
            {label}
            {title.map(|t| view! { <span class="visually-hidden">{format!("（{t}）")}</span> })}
        </label>
    }
}

/// In stock, only N left, or sold out — for the chosen variant.
#[component]
pub fn StockNote(variant: Signal<Option<Variant>>) -> impl IntoView {
    let i18n = use_i18n();
    let note = move || {
        let stock = variant
            .get()
            .map(|v| v.stock())
            .unwrap_or(StockLevel::OutOfStock);
        let (class, text) = match stock {
            StockLevel::InStock => ("stock stock-ok", i18n.s().in_stock.to_string()),
            StockLevel::Low { left } => ("stock stock-low", (i18n.s().only_left)(left)),
            StockLevel::OutOfStock => ("stock stock-out", i18n.s().sold_out.to_string()),
        };
        view! { <p class=class role="status">{text}</p> }
    };
    view! { {note} }
}
