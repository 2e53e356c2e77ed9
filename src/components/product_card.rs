//! Product cards in a grid, and the grid's loading placeholder (same size, so nothing shifts).

use fourflow_core::catalog::ProductSummary;
use leptos::prelude::*;

use super::cart_drawer::use_cart_drawer;
use super::Price;
use crate::i18n::use_i18n;
use crate::state::cart::use_cart;

const MAX_SWATCHES: usize = 5;

#[component]
pub fn ProductGrid(products: Vec<ProductSummary>) -> impl IntoView {
    view! {
        <ul class="product-grid">
            {products.into_iter().map(|p| view! { <li><ProductCard product=p/></li> }).collect_view()}
        </ul>
    }
}

#[component]
pub fn ProductGridSkeleton(#[prop(default = 8)] count: usize) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="product-grid" aria-busy="true">
            <li class="visually-hidden">{i18n.t().loading}</li>
            {(0..count)
                .map(|_| view! {
                    <li class="product-card skeleton" aria-hidden="true">
                        <div class="card-image"></div>
                        <div class="card-body">
                            <span class="skeleton-line short"></span>
                            <span class="skeleton-line"></span>
                            <span class="skeleton-line short"></span>
                        </div>
                    </li>
                })
                .collect_view()}
        </ul>
    }
}

#[component]
pub fn ProductCard(product: ProductSummary) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let href = format!("/products/{}", product.slug);
    let title = product.title.clone();
    let image = product.image.clone();
    let colour_count = product.colours.len();
    let swatches = product
        .colours
        .iter()
        .take(MAX_SWATCHES)
        .map(|c| {
            let style = format!("background:{}", c.hex);
            view! { <span class="swatch" style=style></span> }
        })
        .collect_view();
    let on_sale = product.compare_at.is_some();
    let in_stock = product.in_stock;
    // A product with one variant goes into the cart from here, at once.
    let quick_add = product.quick_add.clone().map(|item| {
        let cart = use_cart();
        let drawer = use_cart_drawer();
        let item = StoredValue::new(item);
        view! {
            <button
                type="button"
                class="button button-small card-add"
                disabled=!in_stock
                on:click=move |_| {
                    cart.add(item.get_value(), 1);
                    if let Some(drawer) = drawer {
                        drawer.0.set(true);
                    }
                }
            >
                {if in_stock { t.add_to_cart } else { t.sold_out }}
            </button>
        }
    });

    view! {
        <article class="product-card" class:sold-out=!in_stock>
            <a href=href class="card-link">
                <div class="card-image">
                    // The title beside it names the product: the picture's alt stays empty.
                    {image.map(|img| view! {
                        <img src=img.src width=img.width height=img.height loading="lazy" decoding="async" alt=""/>
                    })}
                    {(!in_stock).then(|| view! { <span class="badge badge-muted">{i18n.t().sold_out}</span> })}
                    {(in_stock && on_sale).then(|| view! { <span class="badge badge-sale">{i18n.t().on_sale}</span> })}
                </div>
                <div class="card-body">
                    <p class="card-brand">{product.brand}</p>
                    <h3 class="card-title">{i18n.text(&title)}</h3>
                    <Price price=product.price compare_at=product.compare_at from=product.price_varies/>
                    {(colour_count > 1).then(|| view! {
                        <p class="card-swatches">
                            {swatches}
                            <span class="visually-hidden">{(i18n.t().colours_available)(colour_count)}</span>
                        </p>
                    })}
                </div>
            </a>
            {quick_add}
        </article>
    }
}
