//! `/admin/content`: what marketers edit, and `/admin/content/{kind}/{slug}`: the editor of
//! one document — its fields in both languages (a page's blocks: banners, strips, featured
//! products, text), saved as a new version over the one it was opened at (someone else's
//! newer save is a conflict, never overwritten), previewed by its secret link, published or
//! taken down (now or at a time), compared with an earlier version or brought back from one.

mod blocks;
mod editor;
mod fields;
mod schedule;
mod versions;

use fourflow_core::content::{ContentBody, ContentDocument, ContentKind};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::failure;
use super::problem::Problem;
use crate::api::admin as api;
use crate::api::ApiError;
use crate::components::use_title;
use crate::i18n::use_i18n;
use editor::Editor;

/// What the server refused in the body being edited, for each field to show its own part
/// (`body.title.en`, `body.blocks[2].link`).
#[derive(Clone, Copy)]
pub struct BodyProblem(pub RwSignal<Option<Problem>>);

#[component]
pub fn ContentIndex() -> impl IntoView {
    let b = use_i18n().b();
    use_title(move || Some(b.content.to_owned()));
    let navigate = use_navigate();
    let kind = RwSignal::new("product".to_owned());
    let slug = RwSignal::new(String::new());
    let open = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let slug = slug.get_untracked().trim().to_owned();
        if !slug.is_empty() {
            navigate(
                &format!("/admin/content/{}/{slug}", kind.get_untracked()),
                Default::default(),
            );
        }
    };
    view! {
        <header class="admin-header"><h1>{b.content}</h1></header>
        <section class="admin-card">
            <h2>{b.home_page}</h2>
            <p class="muted">{b.home_note}</p>
            <a class="button" href="/admin/content/home/home">{b.edit_home}</a>
        </section>
        <form class="admin-card admin-form" on:submit=open>
            <h2>{b.open_document}</h2>
            <label>
                <span>{b.kind}</span>
                <select bind:value=kind>
                    <option value="product">{b.product_copy}</option>
                    <option value="landing">{b.landing_page}</option>
                    <option value="help">{b.help_article}</option>
                </select>
            </label>
            <label><span>{b.slug}</span><input type="text" required placeholder="alishan-high-mountain-oolong" bind:value=slug/></label>
            <button type="submit" class="button">{b.open}</button>
        </form>
    }
}

#[component]
pub fn ContentEditor() -> impl IntoView {
    let i18n = use_i18n();
    let b = i18n.b();
    let params = use_params_map();
    let kind = move || {
        params.with(|p| {
            p.get("kind")
                .and_then(|k| ContentKind::parse("kind", &k).ok())
        })
    };
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    use_title(move || Some(format!("{} · {}", b.content, slug())));
    let loaded: RwSignal<Option<Result<ContentDocument, ApiError>>> = RwSignal::new(None);
    // What the last save or publish said: kept here, since the editor is drawn again with
    // the document each answers.
    let status = RwSignal::new(None::<Result<String, String>>);
    let load = move || {
        let (Some(kind), slug) = (kind(), slug()) else {
            return;
        };
        spawn_local(async move {
            let answer = match api::document(kind, &slug).await {
                // Nothing saved yet: start a new document.
                Err(e) if e.is_not_found() && kind != ContentKind::Product => {
                    Ok(blank(kind, &slug))
                }
                other => other,
            };
            loaded.set(Some(answer));
        });
    };
    Effect::new(move |_| load());
    move || match (kind(), loaded.get()) {
        (None, _) => view! { <p class="form-problem">{b.unknown_kind}</p> }.into_any(),
        (_, None) => view! { <p class="muted" aria-busy="true">{i18n.t().loading}</p> }.into_any(),
        (_, Some(Err(e))) => {
            view! { <p class="form-problem" role="alert">{failure(b, &e)}</p> }.into_any()
        }
        (Some(_), Some(Ok(doc))) => {
            view! { <Editor doc loaded status reload=Callback::new(move |()| load())/> }.into_any()
        }
    }
}

/// A document never saved: version 0, an empty body of its kind.
fn blank(kind: ContentKind, slug: &str) -> ContentDocument {
    ContentDocument {
        kind,
        slug: slug.to_owned(),
        version: 0,
        body: ContentBody::default(),
        published_version: None,
        publish_at: None,
        scheduled_version: None,
        unpublish_at: None,
        preview_url: String::new(),
        versions: Vec::new(),
    }
}
