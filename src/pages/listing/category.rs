//! `/categories/{slug}`: a department or sub-category, with its breadcrumbs and description.

use fourflow_core::catalog::{ProductQuery, Slug};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::{url_query, Listing};
use crate::apps::use_categories;
use crate::components::{use_title, NotFoundView};
use crate::i18n::use_i18n;

#[component]
pub fn CategoryPage() -> impl IntoView {
    let i18n = use_i18n();
    let categories = use_categories();
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let from_url = url_query();
    let query = Signal::derive(move || {
        let category = Slug::parse("category", &slug.get())?;
        from_url.get().map(|q| ProductQuery {
            category: Some(category),
            ..q
        })
    });
    let path = Signal::derive(move || format!("/categories/{}", slug.get()));

    // Name, description and breadcrumbs come from the tree the header already loaded.
    let node = move || {
        let slug = slug.get();
        categories
            .0
            .get()
            .and_then(Result::ok)
            .map(|tree| (tree.find(&slug).cloned(), tree.path_to(&slug)))
    };
    let heading = move || {
        node().and_then(|(node, path)| {
            let node = node?;
            let parents = path.len().saturating_sub(1);
            let crumbs = path
                .into_iter()
                .take(parents)
                .map(|c| {
                    let href = format!("/categories/{}", c.slug);
                    view! { <li><a href=href>{i18n.text(&c.name)}</a></li> }
                })
                .collect_view();
            let description = node.description.clone();
            Some(view! {
                <nav class="breadcrumbs" aria-label=i18n.s().breadcrumbs>
                    <ol>
                        <li><a href="/">{i18n.s().home}</a></li>
                        {crumbs}
                    </ol>
                </nav>
                <h1 class="page-title">{i18n.text(&node.name)}</h1>
                <p class="page-lead">{i18n.text(&description)}</p>
            })
        })
    };

    use_title(move || {
        node()
            .and_then(|(node, _)| node)
            .map(|n| i18n.text(&n.name))
    });
    view! {
        <div class="page listing-page">
            <header class="listing-header">{heading}</header>
            <Listing
                query
                path
                path_has_category=true
                not_found=ViewFn::from(|| view! { <NotFoundView message=use_i18n().s().category_not_found/> })
            />
        </div>
    }
}
