//! `/compare`: up to four products side by side — price, brand, stock and every spec — with
//! the rows where they differ highlighted.

use fourflow_core::catalog::ProductDetail;
use leptos::prelude::*;

use crate::api;
use crate::components::{use_title, Price};
use crate::i18n::use_i18n;
use crate::state::remote::Remote;
use crate::state::shelves::use_shelves;

#[component]
pub fn ComparePage() -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.s();
    let shelves = use_shelves();
    use_title(move || Some(t.compare.to_string()));
    let only_differences = RwSignal::new(false);
    let details = Remote::new(
        move || {
            shelves
                .compare
                .items()
                .into_iter()
                .map(|p| p.slug.to_string())
                .collect::<Vec<_>>()
        },
        |slugs: Vec<String>| async move {
            let mut out = Vec::new();
            for slug in slugs {
                if let Ok(product) = api::product(&slug).await {
                    out.push(product);
                }
            }
            out
        },
    );

    let table = move || {
        let products: Vec<ProductDetail> = details.get().unwrap_or_default();
        if products.is_empty() {
            return view! { <p class="empty-state">{t.compare_empty}</p> }.into_any();
        }
        // Rows: a name and one value per product; a spec a product lacks is "—".
        let mut rows: Vec<(String, Vec<String>)> = vec![
            (
                t.compare_brand.into(),
                products.iter().map(|p| p.brand.clone()).collect(),
            ),
            (
                t.compare_stock.into(),
                products
                    .iter()
                    .map(|p| {
                        if p.variants.iter().any(|v| v.available > 0) {
                            t.in_stock
                        } else {
                            t.sold_out
                        }
                        .to_string()
                    })
                    .collect(),
            ),
        ];
        for product in &products {
            for spec in &product.specs {
                let name = i18n.text(&spec.name);
                if rows.iter().all(|(n, _)| n != &name) {
                    let values = products
                        .iter()
                        .map(|p| {
                            p.specs
                                .iter()
                                .find(|s| i18n.text(&s.name) == name)
                                .map(|s| i18n.text(&s.value))
                                .unwrap_or_else(|| "—".into())
                        })
                        .collect();
                    rows.push((name, values));
                }
            }
        }
        let heads = products
            .iter()
            .map(|p| {
                let summary = p.summary();
                let slug = summary.slug.clone();
                let href = format!("/products/{}", summary.slug);
                view! {
                    <th scope="col">
                        <a href=href>
                            {summary.image.clone().map(|img| view! { <img src=img.src width="160" height="160" alt=""/> })}
                            <span>{i18n.text(&summary.title)}</span>
                        </a>
                        <Price price=summary.price compare_at=summary.compare_at from=summary.price_varies/>
                        <button type="button" class="link-button" on:click=move |_| shelves.compare.remove(&slug)>
                            {t.remove_from_compare}
                        </button>
                    </th>
                }
            })
            .collect_view();
        let body = rows
            .into_iter()
            .map(|(name, values)| {
                let differ = values.iter().any(|v| v != &values[0]);
                let cells = values
                    .into_iter()
                    .map(|v| view! { <td>{v}</td> })
                    .collect_view();
                view! {
                    <tr class:differs=differ class:same=!differ>
                        <th scope="row">{name}</th>
                        {cells}
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="compare-scroll">
                <table class="compare-table" class:only-differences=move || only_differences.get()>
                    <thead><tr><td></td>{heads}</tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        }
        .into_any()
    };

    view! {
        <div class="page compare-page">
            <h1 class="page-title">{t.compare}</h1>
            <p class="page-lead">{t.compare_hint}</p>
            <label class="facet-option">
                <input type="checkbox" on:change:target=move |ev| only_differences.set(ev.target().checked())/>
                <span>{t.compare_only_differences}</span>
            </label>
            {table}
        </div>
    }
}
