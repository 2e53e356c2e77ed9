//! What marketers publish, as shoppers see it: banners, promotion strips, featured products
//! and text (its HTML sanitised by the server before it ever reaches the browser).

use fourflow_core::content::PublishedBlock;
use leptos::prelude::*;

use super::ProductGrid;
use crate::i18n::use_i18n;

#[component]
pub fn ContentBlocks(blocks: Vec<PublishedBlock>) -> impl IntoView {
    let i18n = use_i18n();
    let mut headings = 0;
    blocks
        .into_iter()
        .map(|block| match block {
            PublishedBlock::Hero {
                image,
                headline,
                text,
                cta,
                link,
            } => {
                // The first banner names the page; later ones are sections of it.
                headings += 1;
                let headline = i18n.text(&headline);
                let title = if headings == 1 {
                    view! { <h1>{headline}</h1> }.into_any()
                } else {
                    view! { <h2>{headline}</h2> }.into_any()
                };
                let style = format!("--hero-image: url('{image}')");
                view! {
                    <section class="hero hero-marketed" style=style>
                        <div class="hero-text">
                            {title}
                            <p>{i18n.text(&text)}</p>
                            <a class="button button-large" href=link>{i18n.text(&cta)}</a>
                        </div>
                    </section>
                }
                .into_any()
            }
            PublishedBlock::PromoStrip { text, link } => {
                let text = i18n.text(&text);
                match link {
                    Some(link) => {
                        view! { <p class="promo-strip"><a href=link>{text}</a></p> }.into_any()
                    }
                    None => view! { <p class="promo-strip">{text}</p> }.into_any(),
                }
            }
            PublishedBlock::Collection { title, products } => view! {
                <section class="shelf">
                    <h2 class="shelf-title">{i18n.text(&title)}</h2>
                    <ProductGrid products/>
                </section>
            }
            .into_any(),
            PublishedBlock::Text { html } => {
                view! { <div class="prose content-text" inner_html=i18n.text(&html)></div> }
                    .into_any()
            }
        })
        .collect_view()
}

/// Said over a draft seen through its preview link.
#[component]
pub fn PreviewNote() -> impl IntoView {
    view! { <p class="preview-note" role="status">{use_i18n().s().preview_note}</p> }
}
