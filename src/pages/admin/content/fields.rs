//! A document's own fields: title, summary, text and SEO in zh-TW and English side by side,
//! and a page's blocks below them.

use fourflow_core::content::{ContentBody, ContentKind};
use fourflow_core::Localized;
use leptos::prelude::*;

use super::blocks::Blocks;
use super::BodyProblem;
use crate::i18n::use_i18n;
use crate::pages::admin::problem::ProblemUnder;

/// The body's fields: text in both languages, and a page's blocks.
#[component]
pub fn BodyFields(kind: ContentKind, body: RwSignal<ContentBody>) -> impl IntoView {
    let b = use_i18n().b();
    let pages = matches!(kind, ContentKind::Home | ContentKind::Landing);
    view! {
        <section class="admin-card admin-form">
            <Both label=b.title path="body.title" get=move |body| body.title.clone() set=move |body, t| body.title = t body/>
            {(!pages).then(|| view! {
                <Both label=b.summary path="body.summary" get=move |body| body.summary.clone() set=move |body, t| body.summary = t body/>
                <Both label=b.markdown path="body.markdown" multiline=true get=move |body| body.markdown.clone() set=move |body, t| body.markdown = t body/>
            })}
            <Both label=b.seo_title path="body.seo_title" get=move |body| body.seo_title.clone() set=move |body, t| body.seo_title = t body/>
            <Both label=b.seo_description path="body.seo_description" get=move |body| body.seo_description.clone() set=move |body, t| body.seo_description = t body/>
        </section>
        {pages.then(|| view! { <Blocks body/> })}
    }
}

/// One piece of text in zh-TW and English, side by side.
#[component]
fn Both(
    label: &'static str,
    /// Where the API names it (`body.title`), for its refusals.
    path: &'static str,
    body: RwSignal<ContentBody>,
    get: fn(&ContentBody) -> Localized,
    set: fn(&mut ContentBody, Localized),
    #[prop(optional)] multiline: bool,
) -> impl IntoView {
    let b = use_i18n().b();
    let problem = expect_context::<BodyProblem>().0;
    let field = move |zh: bool| {
        let value = move || {
            body.with(|x| {
                let t = get(x);
                if zh {
                    t.zh_tw
                } else {
                    t.en
                }
            })
        };
        let input = move |ev| {
            let text = event_target_value(&ev);
            body.update(|x| {
                let mut t = get(x);
                if zh {
                    t.zh_tw = text
                } else {
                    t.en = text
                }
                set(x, t);
            });
        };
        let language = if zh { b.zh } else { b.en };
        let aria = format!("{label} ({language})");
        if multiline {
            view! { <textarea rows="8" aria-label=aria prop:value=value on:input=input></textarea> }
                .into_any()
        } else {
            view! { <input type="text" aria-label=aria prop:value=value on:input=input/> }
                .into_any()
        }
    };
    view! {
        <fieldset class="both">
            <legend>{label}</legend>
            <label><span>{b.zh}</span>{field(true)}</label>
            <label><span>{b.en}</span>{field(false)}</label>
            <ProblemUnder problem path=path.to_owned()/>
        </fieldset>
    }
}
