//! `/pages/{slug}` (a campaign's landing page) and `/help/{slug}` (a help article): what
//! marketers published there, a draft through `?preview=`; a 404 page for anything else.

use fourflow_core::content::{ContentKind, PublishedContent};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api;
use crate::components::{
    set_description, use_title, ContentBlocks, ErrorView, NotFoundView, PreviewNote, Problem,
};
use crate::i18n::use_i18n;
use crate::state::remote::Remote;

#[component]
pub fn LandingPage() -> impl IntoView {
    published(ContentKind::Landing)
}

#[component]
pub fn HelpPage() -> impl IntoView {
    published(ContentKind::Help)
}

fn published(kind: ContentKind) -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let asked = Memo::new(move |_| {
        (
            params.with(|p| p.get("slug").unwrap_or_default()),
            query.with(|q| q.get("preview")),
        )
    });
    let page = Remote::new(
        move || asked.get(),
        move |(slug, preview): (String, Option<String>)| async move {
            api::content::page(kind, &slug, preview.as_deref()).await
        },
    );
    use_title(move || match page.get() {
        Some(Ok(p)) => Some(seo_title(&i18n, &p)),
        _ => None,
    });
    move || match page.get() {
        None => view! { <div class="page" aria-busy="true"></div> }.into_any(),
        Some(Ok(p)) => {
            let description = i18n.text(&p.seo_description);
            if !description.is_empty() {
                set_description(&description);
            }
            // A page built of blocks opens with its banner; an article with its title.
            let titled = !p.blocks.is_empty();
            view! {
                <article class="page content-page">
                    {p.preview.then(|| view! { <PreviewNote/> })}
                    {(!titled).then(|| view! { <h1>{i18n.text(&p.title)}</h1> })}
                    {(!p.summary.zh_tw.is_empty()).then(|| view! { <p class="lead">{i18n.text(&p.summary)}</p> })}
                    <ContentBlocks blocks=p.blocks/>
                    <div class="prose" inner_html=i18n.text(&p.html)></div>
                </article>
            }
            .into_any()
        }
        Some(Err(e)) if e.is_not_found() => view! { <NotFoundView/> }.into_any(),
        Some(Err(e)) => view! {
            <ErrorView problem=Problem::from(&e) retry=Callback::new(move |()| page.refetch())/>
        }
        .into_any(),
    }
}

fn seo_title(i18n: &crate::i18n::I18n, p: &PublishedContent) -> String {
    let seo = i18n.text(&p.seo_title);
    if seo.is_empty() {
        i18n.text(&p.title)
    } else {
        seo
    }
}
