//! `/`: the shop's front window — what marketers published for it (banners, strips, featured
//! products; a draft through `?preview=`), else a welcome — then its promises, departments,
//! picks and new arrivals.

use fourflow_core::catalog::{ProductQuery, Sort};
use fourflow_core::content::ContentKind;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api;
use crate::apps::use_categories;
use crate::components::{
    use_title, ContentBlocks, ErrorView, PreviewNote, Problem, ProductGrid, ProductGridSkeleton,
};
use crate::i18n::use_i18n;
use crate::state::remote::Remote;

const SHELF: u32 = 8;

#[component]
pub fn Home() -> impl IntoView {
    let i18n = use_i18n();
    let categories = use_categories();

    let departments = move || {
        categories.0.get().map_or_else(|| view! { <div class="department-grid placeholder"></div> }.into_any(), |result| match result {
            Ok(tree) => view! {
                <ul class="department-grid">
                    {tree.items.into_iter().map(|c| {
                        let href = format!("/categories/{}", c.slug);
                        let name = c.name.clone();
                        view! {
                            <li>
                                <a class="department-tile" href=href>
                                    <img src=c.image width="800" height="800" loading="lazy" decoding="async" alt=""/>
                                    <span>{i18n.text(&name)}</span>
                                </a>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
            .into_any(),
            Err(error) => view! { <ErrorView problem=Problem::from(&error)/> }.into_any(),
        })
    };

    use_title(|| None);
    view! {
        <div class="page home">
            <Window/>
            <ul class="promises">
                {i18n.s().promises.iter().map(|(title, text)| view! {
                    <li><strong>{*title}</strong><span>{*text}</span></li>
                }).collect_view()}
            </ul>
            <section class="shelf" aria-labelledby="departments-title">
                <h2 id="departments-title" class="shelf-title">{i18n.s().shop_by_category}</h2>
                {departments}
            </section>
            <Shelf id="featured" title=|t| t.featured sort=Sort::Relevance href="/search"/>
            <Shelf id="new" title=|t| t.new_arrivals sort=Sort::Newest href="/search?sort=newest"/>
        </div>
    }
}

/// The top of the page: the published home page's blocks, or the shop's own welcome when
/// nothing is published (or it cannot be fetched). Until the answer, a banner of the same size
/// stands in, so nothing below moves.
#[component]
fn Window() -> impl IntoView {
    let i18n = use_i18n();
    let preview = use_query_map().with_untracked(|q| q.get("preview"));
    let published = Remote::new(
        move || preview.clone(),
        |preview: Option<String>| async move {
            api::content::page(ContentKind::Home, "home", preview.as_deref()).await
        },
    );
    move || match published.get() {
        None => view! { <section class="hero" aria-busy="true"></section> }.into_any(),
        Some(Ok(page)) => view! {
            {page.preview.then(|| view! { <PreviewNote/> })}
            <ContentBlocks blocks=page.blocks/>
        }
        .into_any(),
        Some(Err(_)) => view! {
            <section class="hero">
                <div class="hero-text">
                    <p class="hero-kicker">{i18n.s().tagline}</p>
                    <h1>{i18n.s().hero_title}</h1>
                    <p>{i18n.s().hero_text}</p>
                    <a class="button button-large" href="#featured">{i18n.s().hero_cta}</a>
                </div>
            </section>
        }
        .into_any(),
    }
}

/// A row of products with a link to see them all.
#[component]
fn Shelf(
    id: &'static str,
    title: fn(&crate::i18n::StorefrontStrings) -> &'static str,
    sort: Sort,
    href: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let products = Remote::new(
        move || ProductQuery {
            sort,
            per_page: SHELF,
            ..ProductQuery::default()
        },
        |query| async move { api::products(&query).await },
    );
    let heading = format!("{id}-title");
    let labelled_by = heading.clone();
    view! {
        <section class="shelf" id=id aria-labelledby=labelled_by>
            <div class="shelf-head">
                <h2 id=heading class="shelf-title">{move || title(i18n.s())}</h2>
                <a href=href class="shelf-more">{i18n.s().view_all}</a>
            </div>
            {move || match products.get() {
                None => view! { <ProductGridSkeleton count=SHELF as usize/> }.into_any(),
                Some(Ok(list)) => view! { <ProductGrid products=list.items/> }.into_any(),
                Some(Err(error)) => {
                    let retry = Callback::new(move |_| products.refetch());
                    view! { <ErrorView problem=Problem::from(&error) retry/> }.into_any()
                }
            }}
        </section>
    }
}
