//! `/search?q=…`: search results, with the same filters as a category.

use leptos::prelude::*;

use super::{url_query, Listing};
use crate::components::{use_title, NotFoundView};
use crate::i18n::use_i18n;

#[component]
pub fn SearchPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = url_query();
    let text = move || query.get().ok().and_then(|q| q.q).unwrap_or_default();
    let heading = move || {
        let text = text();
        if text.is_empty() {
            i18n.s().search_title.to_string()
        } else {
            (i18n.s().results_for)(&text)
        }
    };
    use_title(move || Some(heading()));
    view! {
        <div class="page listing-page">
            <header class="listing-header">
                <h1 class="page-title">{heading}</h1>
            </header>
            <Listing
                query=query.into()
                path=Signal::derive(|| "/search".to_string())
                path_has_category=false
                not_found=ViewFn::from(|| view! { <NotFoundView message=use_i18n().s().category_not_found/> })
            />
        </div>
    }
}
