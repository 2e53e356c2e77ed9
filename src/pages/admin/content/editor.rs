//! The editor of one document: its state (the body being edited, the version it was opened
//! at), saving a draft, and the bar of actions above the fields.

use fourflow_core::content::{ContentDocument, SaveDraft};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::fields::BodyFields;
use super::schedule::Schedule;
use super::versions::Versions;
use super::BodyProblem;
use crate::api::admin as api;
use crate::api::ApiError;
use crate::i18n::use_i18n;
use crate::pages::admin::failure;
use crate::pages::admin::problem::Problem;
use crate::pages::admin::time::rfc3339;

#[component]
pub fn Editor(
    doc: ContentDocument,
    loaded: RwSignal<Option<Result<ContentDocument, ApiError>>>,
    status: RwSignal<Option<Result<String, String>>>,
    reload: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let b = i18n.b();
    let c = i18n.c();
    let kind = doc.kind;
    let slug = StoredValue::new(doc.slug.clone());
    let body = RwSignal::new(doc.body.clone());
    let conflict = RwSignal::new(false);
    let problem = RwSignal::new(None::<Problem>);
    provide_context(BodyProblem(problem));
    let busy = RwSignal::new(false);
    let version = doc.version;
    let save = move |_| {
        busy.set(true);
        status.set(None);
        problem.set(None);
        let draft = SaveDraft {
            base_version: version,
            body: body.get_untracked(),
            note: None,
        };
        spawn_local(async move {
            match api::save_draft(kind, &slug.get_value(), &draft).await {
                Ok(saved) => {
                    status.set(Some(Ok((b.saved)(saved.version))));
                    loaded.set(Some(Ok(saved)));
                }
                Err(e) => {
                    conflict.set(matches!(&e, ApiError::Api { status: 409, .. }));
                    status.set(Some(Err(failure(b, &e))));
                    // Also shown beside the field it names, wherever that is on the page.
                    problem.set(Some(Problem::from_api(b, &e)));
                }
            }
            busy.set(false);
        });
    };
    let published = doc.published_version;
    let shown_at = doc.preview_url.split('?').next().unwrap_or("/").to_owned();
    view! {
        <p><a href="/admin/content">{b.back_to_content}</a></p>
        <header class="admin-header">
            <h1>{(b.kind_name)(kind)}" · "{doc.slug.clone()}</h1>
            <p class="muted">
                {if version == 0 { b.new_document.to_owned() } else { (b.version)(version) }}
                " · "
                {match published { Some(v) => (b.live_version)(v), None => b.not_published.to_owned() }}
                {doc.publish_at.map(|at| format!(" · {}", (b.scheduled_for)(&(c.date_time)(&rfc3339(at)))))}
                {doc.unpublish_at.map(|at| format!(" · {}", (b.unpublish_scheduled_for)(&(c.date_time)(&rfc3339(at)))))}
            </p>
        </header>
        <div class="admin-actions sticky">
            <button type="button" class="button" disabled=move || busy.get() on:click=save>{b.save_draft}</button>
            {(!doc.preview_url.is_empty()).then(|| view! {
                <a class="button button-quiet" href=doc.preview_url.clone() target="_blank">{b.preview}</a>
            })}
            {published.map(|_| view! { <a href=shown_at.clone() target="_blank">{b.view_live}</a> })}
        </div>
        {move || status.get().map(|s| match s {
            Ok(done) => view! { <p class="form-ok" role="status">{done}</p> }.into_any(),
            Err(problem) => view! {
                <p class="form-problem" role="alert">{problem}" "
                    {conflict.get().then(|| view! {
                        <button type="button" class="link-button" on:click=move |_| reload.run(())>{b.reload}</button>
                    })}
                </p>
            }.into_any(),
        })}
        <Schedule doc=doc.clone() loaded status busy/>
        <BodyFields kind body/>
        <Versions doc=doc.clone() loaded/>
    }
}
