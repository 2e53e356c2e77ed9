//! The filter panel: a sidebar on wide screens, a sheet over the page on phones. Every change
//! becomes a new URL (the listing page navigates), so filters survive reload, back and sharing.

use fourflow_core::catalog::{Facets, ProductQuery};
use leptos::prelude::*;

use crate::i18n::use_i18n;

/// Adds `value` if absent, removes it if present.
fn toggle(values: &mut Vec<String>, value: &str) {
    match values.iter().position(|v| v == value) {
        Some(i) => {
            values.remove(i);
        }
        None => values.push(value.to_owned()),
    }
}

#[component]
pub fn FacetPanel(
    facets: Facets,
    query: ProductQuery,
    total: u32,
    /// Apply a changed query (the page turns it into a URL).
    on_change: Callback<ProductQuery>,
    /// The link to a sub-category, keeping the rest of the query.
    category_href: Callback<String, String>,
    /// Whether the sheet is open (phones).
    open: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = StoredValue::new(query);
    let change = move |edit: Box<dyn FnOnce(&mut ProductQuery)>| {
        let mut next = query.get_value();
        edit(&mut next);
        next.page = 1;
        on_change.run(next);
    };

    let categories = (!facets.categories.is_empty()).then(|| {
        let links = facets
            .categories
            .iter()
            .map(|f| {
                let label = f.label.clone().unwrap_or_default();
                let href = category_href.run(f.value.clone());
                view! {
                    <li>
                        <a href=href on:click=move |_| open.set(false)>
                            {i18n.text(&label)}
                            <span class="facet-count">{f.count}</span>
                        </a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="facet">
                <h3 class="facet-title">{i18n.s().facet_category}</h3>
                <ul class="facet-links">{links}</ul>
            </section>
        }
    });

    let price = facets
        .price
        .iter()
        .filter(|b| b.count > 0 || b.selected)
        .map(|bucket| {
            let (min, max) = (bucket.min.amount, bucket.max.map(|m| m.amount));
            let label = {
                let (lo, hi) = (bucket.min, bucket.max);
                (i18n.s().price_range)(
                    &i18n.money(lo),
                    hi.map(|h| i18n.money(h.whole_units())).as_deref(),
                )
            };
            let selected = bucket.selected;
            view! {
                <label class="facet-option">
                    <input
                        type="checkbox"
                        prop:checked=selected
                        on:change=move |_| change(Box::new(move |q| {
                            if selected {
                                (q.price_min, q.price_max) = (None, None);
                            } else {
                                (q.price_min, q.price_max) = (Some(min), max);
                            }
                        }))
                    />
                    <span>{label}</span>
                    <span class="facet-count">{bucket.count}</span>
                </label>
            }
        })
        .collect_view();

    let brands = facets
        .brands
        .iter()
        .map(|f| {
            let value = f.value.clone();
            view! {
                <label class="facet-option">
                    <input
                        type="checkbox"
                        prop:checked=f.selected
                        on:change=move |_| {
                            let value = value.clone();
                            change(Box::new(move |q| toggle(&mut q.brands, &value)))
                        }
                    />
                    <span>{f.value.clone()}</span>
                    <span class="facet-count">{f.count}</span>
                </label>
            }
        })
        .collect_view();

    let sizes = facets
        .sizes
        .iter()
        .map(|f| {
            let value = f.value.clone();
            view! {
                <label class="chip" class:chip-on=f.selected class:chip-empty=f.count == 0>
                    <input
                        type="checkbox"
                        class="visually-hidden"
                        prop:checked=f.selected
                        on:change=move |_| {
                            let value = value.clone();
                            change(Box::new(move |q| toggle(&mut q.sizes, &value)))
                        }
                    />
                    <span>{f.value.clone()}</span>
                    <span class="visually-hidden">{format!("({})", f.count)}</span>
                </label>
            }
        })
        .collect_view();

    let colours = facets
        .colours
        .iter()
        .map(|f| {
            let code = f.code.clone();
            let name = f.name.clone();
            let style = format!("background:{}", f.hex);
            view! {
                <label class="facet-option">
                    <input
                        type="checkbox"
                        prop:checked=f.selected
                        on:change=move |_| {
                            let code = code.clone();
                            change(Box::new(move |q| toggle(&mut q.colours, &code)))
                        }
                    />
                    <span class="swatch" style=style aria-hidden="true"></span>
                    <span>{i18n.text(&name)}</span>
                    <span class="facet-count">{f.count}</span>
                </label>
            }
        })
        .collect_view();

    let in_stock = query.get_value().in_stock;
    let has_filters = query.get_value().has_filters();
    let section =
        |title: fn(&crate::i18n::StorefrontStrings) -> &'static str, body: AnyView, empty: bool| {
            (!empty).then(|| {
                view! {
                    <fieldset class="facet">
                        <legend class="facet-title">{move || title(i18n.s())}</legend>
                        {body}
                    </fieldset>
                }
            })
        };

    view! {
        <div class="facet-backdrop" class:open=move || open.get() on:click=move |_| open.set(false)></div>
        <aside
            class="facets"
            class:open=move || open.get()
            aria-label=i18n.s().filters
            on:keydown=move |ev| if ev.key() == "Escape" { open.set(false) }
        >
            <div class="facets-head">
                <h2>{i18n.s().filters}</h2>
                <button type="button" class="icon-button" on:click=move |_| open.set(false)
                    aria-label=i18n.s().close>"×"</button>
            </div>
            {categories}
            <label class="facet-option facet-toggle">
                <input
                    type="checkbox"
                    prop:checked=in_stock
                    on:change=move |_| change(Box::new(move |q| q.in_stock = !in_stock))
                />
                <span>{i18n.s().in_stock_only}</span>
                <span class="facet-count">{facets.in_stock}</span>
            </label>
            {section(|t| t.facet_price, price.into_any(), facets.price.iter().all(|b| b.count == 0))}
            {section(|t| t.facet_size, view! { <div class="chips">{sizes}</div> }.into_any(), facets.sizes.is_empty())}
            {section(|t| t.facet_colour, colours.into_any(), facets.colours.is_empty())}
            {section(|t| t.facet_brand, brands.into_any(), facets.brands.is_empty())}
            <div class="facets-foot">
                {has_filters.then(|| view! {
                    <button type="button" class="button button-quiet"
                        on:click=move |_| on_change.run(query.get_value().without_filters())>
                        {i18n.s().clear_filters}
                    </button>
                })}
                <button type="button" class="button" on:click=move |_| open.set(false)>
                    {(i18n.s().show_results)(total)}
                </button>
            </div>
        </aside>
    }
}
