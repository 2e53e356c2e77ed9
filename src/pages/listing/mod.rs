//! Product listings: a category (`/categories/{slug}`) and search results (`/search?q=`).
//! Both are the same view over a [`ProductQuery`] read from the URL; a change of filter, sort
//! or page is a navigation to a new URL, so reload, back and shared links all work.

mod category;
mod search;

pub use category::CategoryPage;
pub use search::SearchPage;

use fourflow_core::catalog::{ProductList, ProductQuery, Sort};
use fourflow_core::FieldError;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::{self, ApiError};
use crate::components::{ErrorView, FacetPanel, Pager, Problem, ProductGrid, ProductGridSkeleton};
use crate::i18n::use_i18n;
use crate::state::remote::Remote;

/// The listing query in the URL's query string (the category page adds its path's slug).
fn url_query() -> Memo<Result<ProductQuery, FieldError>> {
    let params = use_query_map();
    Memo::new(move |_| {
        let params = params.read();
        let pairs = ProductQuery::KEYS.iter().flat_map(|&key| {
            params
                .get_all(key)
                .unwrap_or_default()
                .into_iter()
                .map(move |value| (key, value))
        });
        ProductQuery::from_pairs(pairs)
    })
}

/// The shopper URL for a query: the page's path plus every filter but the ones the path holds.
fn listing_href(path: &str, query: &ProductQuery, path_has_category: bool) -> String {
    let mut query = query.clone();
    if path_has_category {
        query.category = None;
    }
    let qs = query.to_query_string();
    if qs.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{qs}")
    }
}

#[derive(Clone, PartialEq)]
enum ListingError {
    BadLink,
    Api(ApiError),
}

/// Results, filters, sort and pages for `query`.
#[component]
fn Listing(
    query: Signal<Result<ProductQuery, FieldError>>,
    /// `/categories/{slug}` or `/search`.
    path: Signal<String>,
    path_has_category: bool,
    /// Shown when the API answers 404 (an unknown category).
    not_found: ViewFn,
) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let filters_open = RwSignal::new(false);
    let results = Remote::new(
        move || query.get(),
        |query| async move {
            match query {
                Ok(query) => api::products(&query).await.map_err(ListingError::Api),
                Err(_) => Err(ListingError::BadLink),
            }
        },
    );

    let href = move |q: &ProductQuery| listing_href(&path.get_untracked(), q, path_has_category);
    let apply = Callback::new(move |q: ProductQuery| {
        navigate(
            &href(&q),
            NavigateOptions {
                scroll: false,
                ..Default::default()
            },
        );
    });

    let render = move |list: ProductList, query: ProductQuery| {
        let page_href = {
            let query = query.clone();
            Callback::new(move |page: u32| {
                href(&ProductQuery {
                    page,
                    ..query.clone()
                })
            })
        };
        let category_href = {
            let query = query.clone();
            Callback::new(move |slug: String| {
                if path_has_category {
                    listing_href(
                        &format!("/categories/{slug}"),
                        &query.without_filters(),
                        true,
                    )
                } else {
                    let category = fourflow_core::catalog::Slug::parse("category", &slug).ok();
                    href(&ProductQuery {
                        category,
                        page: 1,
                        ..query.clone()
                    })
                }
            })
        };
        let filter_count = query.brands.len()
            + query.sizes.len()
            + query.colours.len()
            + usize::from(query.price_min.is_some() || query.price_max.is_some())
            + usize::from(query.in_stock);
        let sort_query = query.clone();
        let on_sort = move |value: String| {
            if let Ok(sort) = Sort::parse(&value) {
                apply.run(ProductQuery {
                    sort,
                    page: 1,
                    ..sort_query.clone()
                });
            }
        };
        let current_sort = query.sort;
        let total = list.total;
        let pages = list.page_count();
        let page = list.page;
        let empty = list.items.is_empty();
        let clear_query = query.without_filters();
        let has_filters = query.has_filters();
        view! {
            <div class="listing-toolbar">
                <p class="result-count" aria-live="polite">{(i18n.s().results_count)(total)}</p>
                <button type="button" class="button button-quiet filters-button"
                    aria-expanded=move || filters_open.get().to_string()
                    on:click=move |_| filters_open.set(true)>
                    {move || if filter_count > 0 { (i18n.s().filters_count)(filter_count) } else { i18n.s().filters.to_string() }}
                </button>
                <label class="sort">
                    <span>{i18n.s().sort_label}</span>
                    <select on:change:target=move |ev| on_sort(ev.target().value())>
                        {Sort::ALL.into_iter().map(|sort| view! {
                            <option value=sort.as_str() selected=sort == current_sort>
                                {(i18n.s().sort)(sort)}
                            </option>
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <div class="listing-body">
                <FacetPanel facets=list.facets query=query total on_change=apply category_href open=filters_open/>
                <div class="listing-results">
                    <h2 class="visually-hidden">{i18n.s().results_heading}</h2>
                    {if empty {
                        view! {
                            <div class="empty-state">
                                <h2>{i18n.s().no_results}</h2>
                                <p>{i18n.s().no_results_hint}</p>
                                {has_filters.then(|| view! {
                                    <button type="button" class="button" on:click=move |_| apply.run(clear_query.clone())>
                                        {i18n.s().clear_filters}
                                    </button>
                                })}
                            </div>
                        }.into_any()
                    } else {
                        view! { <ProductGrid products=list.items/> }.into_any()
                    }}
                    <Pager page pages href=page_href/>
                </div>
            </div>
        }
    };

    view! {
        // Resources are read synchronously rather than through Suspense: while a new query
        // loads, the previous results stay on screen (a transition), and the bundle does not
        // carry an async render path per page.
        {move || match results.get() {
            None => view! { <ProductGridSkeleton count=8/> }.into_any(),
            Some(outcome) => match (outcome, query.get_untracked()) {
                (Ok(list), Ok(query)) => render(list, query).into_any(),
                (Err(ListingError::Api(e)), _) if e.is_not_found() => not_found.run().into_any(),
                (Err(ListingError::Api(error)), _) => {
                    let retry = Callback::new(move |_| results.refetch());
                    view! { <ErrorView problem=Problem::from(&error) retry/> }.into_any()
                }
                _ => view! { <ErrorView problem=Problem::BadLink/> }.into_any(),
            },
        }}
    }
}
