//! `/products/{slug}` (a variant as `?sku=`): gallery, variant picker with stock, description,
//! specification table and related products.

mod buy_box;
mod gallery;
mod specs;
mod variant_picker;

use fourflow_core::catalog::{encode_pairs, ProductDetail, Slug, Variant};
use fourflow_core::content::ContentKind;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::{self, ApiError};
use crate::components::{
    set_description, use_title, BoughtTogether, ErrorView, NotFoundView, PreviewNote, Price,
    Problem, ProductGrid,
};
use crate::i18n::use_i18n;
use crate::state::remote::Remote;
use crate::state::shelves::use_shelves;
use buy_box::BuyBox;
use gallery::Gallery;
use specs::SpecTable;
use variant_picker::{StockNote, VariantPicker};

#[component]
pub fn ProductPage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    // A marketer's preview link shows the product with its draft copy.
    let preview = use_query_map().with_untracked(|q| q.get("preview"));
    let previewing = preview.is_some();
    let product = Remote::new(
        move || slug.get(),
        move |slug: String| {
            let preview = preview.clone();
            async move {
                let slug = match Slug::parse("slug", &slug) {
                    Ok(slug) => slug,
                    // A malformed slug names no product: no need to ask.
                    Err(_) => return Err(ApiError::Unexpected { status: 404 }),
                };
                let mut product = api::product(slug.as_str()).await?;
                if let Some(token) = preview {
                    let draft =
                        api::content::page(ContentKind::Product, slug.as_str(), Some(&token));
                    if let Ok(draft) = draft.await {
                        product.title = draft.title;
                        product.summary = draft.summary;
                        product.description_html = draft.html;
                        product.seo_title = draft.seo_title;
                        product.seo_description = draft.seo_description;
                    }
                }
                Ok(product)
            }
        },
    );
    view! {
        {previewing.then(|| view! { <PreviewNote/> })}
        {move || match product.get() {
            None => view! { <ProductSkeleton/> }.into_any(),
            Some(Ok(product)) => view! { <ProductView product/> }.into_any(),
            Some(Err(ApiError::Unexpected { status: 404 })) => not_found().into_any(),
            Some(Err(e)) if e.is_not_found() => not_found().into_any(),
            Some(Err(error)) => {
                let retry = Callback::new(move |_| product.refetch());
                view! { <ErrorView problem=Problem::from(&error) retry/> }.into_any()
            }
        }}
    }
}

fn not_found() -> impl IntoView {
    view! { <NotFoundView message=use_i18n().s().product_not_found/> }
}

#[component]
fn ProductSkeleton() -> impl IntoView {
    view! {
        <div class="page product-page" aria-busy="true">
            <div class="product-layout skeleton">
                <div class="gallery"><div class="gallery-main"></div></div>
                <div class="product-info">
                    <span class="skeleton-line short"></span>
                    <span class="skeleton-line"></span>
                    <span class="skeleton-line"></span>
                </div>
            </div>
        </div>
    }
}

#[component]
fn ProductView(product: ProductDetail) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let query = use_query_map();
    let product = StoredValue::new(product);

    let initial = product.with_value(|p| {
        let linked = query.read_untracked().get("sku");
        fourflow_core::catalog::VariantPicker::new(&p.variants)
            .initial(linked.as_deref())
            .cloned()
    });
    let selected: RwSignal<Option<Variant>> = RwSignal::new(initial.clone());
    let image = RwSignal::new(initial.and_then(|v| v.image).unwrap_or(0) as usize);

    // A chosen variant shows its picture and becomes the page's URL (replacing, not adding,
    // a history entry) so that the link shared is the variant seen.
    Effect::new(move |previous: Option<Option<String>>| {
        let variant = selected.get();
        let sku = variant.as_ref().map(|v| v.sku.to_string());
        if previous.is_some_and(|p| p != sku) {
            if let Some(index) = variant.as_ref().and_then(|v| v.image) {
                image.set(index as usize);
            }
            if let Some(sku) = &sku {
                let url = format!(
                    "/products/{}?{}",
                    product.with_value(|p| p.slug.to_string()),
                    encode_pairs([("sku", sku)])
                );
                navigate(
                    &url,
                    NavigateOptions {
                        replace: true,
                        scroll: false,
                        ..Default::default()
                    },
                );
            }
        }
        sku
    });

    let p = product.get_value();
    // Remembered for "recently viewed", newest first.
    let shelves = use_shelves();
    shelves.recently_viewed.put(p.summary());
    let recent = {
        let slug = p.slug.clone();
        shelves
            .recently_viewed
            .items()
            .into_iter()
            .filter(|s| s.slug != slug)
            .take(4)
            .collect::<Vec<_>>()
    };
    let title = p.title.clone();
    let summary = p.summary.clone();
    let description = p.description_html.clone();
    let crumbs = p
        .breadcrumbs
        .iter()
        .map(|c| {
            let href = format!("/categories/{}", c.slug);
            let name = c.name.clone();
            view! { <li><a href=href>{i18n.text(&name)}</a></li> }
        })
        .collect_view();
    let price = Signal::derive(move || {
        selected
            .get()
            .map(|v| v.price)
            .unwrap_or_else(|| product.with_value(|p| p.variants[0].price))
    });
    let compare_at = Signal::derive(move || selected.get().and_then(|v| v.compare_at));
    let sku = move || selected.get().map(|v| v.sku.to_string());
    // The copy's SEO title and description when it sets them (the rule is core's).
    let page_title = p.head_title(i18n.locale()).to_owned();
    use_title(move || Some(page_title.clone()));
    set_description(p.head_description(i18n.locale()));

    view! {
        <div class="page product-page">
            <nav class="breadcrumbs" aria-label=i18n.s().breadcrumbs>
                <ol>
                    <li><a href="/">{i18n.s().home}</a></li>
                    {crumbs}
                </ol>
            </nav>
            <div class="product-layout">
                <Gallery images=p.images.clone() current=image/>
                <div class="product-info">
                    <p class="product-brand">{p.brand.clone()}</p>
                    <h1 class="product-title">{i18n.text(&title)}</h1>
                    <p class="product-summary">{i18n.text(&summary)}</p>
                    <Price price compare_at/>
                    <VariantPicker product=p.clone() selected/>
                    <StockNote variant=selected.into()/>
                    <BuyBox product selected/>
                    <p class="product-sku">
                        {move || (i18n.s().label_value)(i18n.s().sku, &sku().unwrap_or_default())}
                    </p>
                </div>
            </div>
            <section class="product-section" aria-labelledby="description-title">
                <h2 id="description-title">{i18n.s().description}</h2>
                // Rendered from Markdown and sanitised by the server (ammonia) before it got here.
                <div class="prose" inner_html=i18n.text(&description)></div>
            </section>
            {(!p.specs.is_empty()).then(|| view! { <SpecTable specs=p.specs.clone()/> })}
            <BoughtTogether products=vec![p.slug.to_string()]/>
            {(!recent.is_empty()).then(|| view! {
                <section class="product-section" aria-labelledby="recent-title">
                    <h2 id="recent-title">{i18n.s().recently_viewed}</h2>
                    <ProductGrid products=recent/>
                </section>
            })}
            {(!p.related.is_empty()).then(|| view! {
                <section class="product-section" aria-labelledby="related-title">
                    <h2 id="related-title">{i18n.s().similar_items}</h2>
                    <ProductGrid products=p.related.clone()/>
                </section>
            })}
        </div>
    }
}
