//! Page links for a long listing: previous, a window of numbers around the current page, next.

use leptos::prelude::*;

use crate::i18n::use_i18n;

#[component]
pub fn Pager(page: u32, pages: u32, href: Callback<u32, String>) -> impl IntoView {
    let i18n = use_i18n();
    if pages <= 1 {
        return None;
    }
    // 1 … 4 5 [6] 7 8 … 20
    let mut numbers: Vec<Option<u32>> = Vec::new();
    for n in 1..=pages {
        if n == 1 || n == pages || n.abs_diff(page) <= 2 {
            numbers.push(Some(n));
        } else if numbers.last() != Some(&None) {
            numbers.push(None);
        }
    }
    let links = numbers
        .into_iter()
        .map(|n| match n {
            Some(n) if n == page => view! {
                <li><span class="page-number current" aria-current="page">{n}</span></li>
            }
            .into_any(),
            Some(n) => view! {
                <li><a class="page-number" href=href.run(n) aria-label=(i18n.t().page_of)(n, pages)>{n}</a></li>
            }
            .into_any(),
            None => view! { <li class="page-gap" aria-hidden="true">"…"</li> }.into_any(),
        })
        .collect_view();
    Some(view! {
        <nav class="pager" aria-label=i18n.t().pagination>
            <ul>
                {(page > 1).then(|| view! {
                    <li><a class="page-step" rel="prev" href=href.run(page - 1)>{i18n.t().previous_page}</a></li>
                })}
                {links}
                {(page < pages).then(|| view! {
                    <li><a class="page-step" rel="next" href=href.run(page + 1)>{i18n.t().next_page}</a></li>
                })}
            </ul>
        </nav>
    })
}
