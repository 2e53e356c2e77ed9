//! The specification table.

use fourflow_core::catalog::Spec;
use leptos::prelude::*;

use crate::i18n::use_i18n;

#[component]
pub fn SpecTable(specs: Vec<Spec>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = specs
        .into_iter()
        .map(|spec| {
            view! {
                <tr>
                    <th scope="row">{i18n.text(&spec.name)}</th>
                    <td>{i18n.text(&spec.value)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="product-section" aria-labelledby="specs-title">
            <h2 id="specs-title">{i18n.s().specs}</h2>
            <table class="spec-table">
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}
