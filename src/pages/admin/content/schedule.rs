//! When a document is live: publish the latest version now or at a time (optionally until a
//! time), and take a live page down now or at a time. Product copy is never taken down (the
//! product page needs its text while the product is sold), so it is not offered.

use fourflow_core::content::{ContentDocument, ContentKind, Publish, Unpublish};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::admin as api;
use crate::api::ApiError;
use crate::i18n::use_i18n;
use crate::pages::admin::problem::{invalid, problem_id, FieldProblem, Problem};
use crate::pages::admin::time::{from_local_input, rfc3339};

#[component]
pub fn Schedule(
    doc: ContentDocument,
    loaded: RwSignal<Option<Result<ContentDocument, ApiError>>>,
    status: RwSignal<Option<Result<String, String>>>,
    busy: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let b = i18n.b();
    let c = i18n.c();
    let (kind, version, published) = (doc.kind, doc.version, doc.published_version);
    let slug = StoredValue::new(doc.slug.clone());
    let problem = RwSignal::new(None::<Problem>);
    // Empty: now (or never, for an end). Otherwise the browser's local time.
    let publish_at = RwSignal::new(String::new());
    let publish_until = RwSignal::new(String::new());
    let unpublish_at = RwSignal::new(String::new());
    let at_time = move |at: i64| (c.date_time)(&rfc3339(at));
    let answered = move |answer: Result<ContentDocument, ApiError>,
                         said: &dyn Fn(&ContentDocument) -> String| {
        match answer {
            Ok(done) => {
                status.set(Some(Ok(said(&done))));
                loaded.set(Some(Ok(done)));
            }
            Err(e) => {
                let p = Problem::from_api(b, &e);
                // A refused time is shown beside its field; anything else in the status line.
                if p.field.is_none() {
                    status.set(Some(Err(p.message.clone())));
                }
                problem.set(Some(p));
            }
        }
        busy.set(false);
    };
    let publish = move |_| {
        busy.set(true);
        problem.set(None);
        status.set(None);
        let request = Publish {
            version,
            at: from_local_input(&publish_at.get_untracked()),
            unpublish_at: from_local_input(&publish_until.get_untracked()),
        };
        spawn_local(async move {
            let answer = api::publish(kind, &slug.get_value(), &request).await;
            answered(answer, &|done| match done.publish_at {
                Some(at) => (b.scheduled_for)(&at_time(at)),
                None => (b.published)(version),
            });
        });
    };
    let unpublish = move |_| {
        busy.set(true);
        problem.set(None);
        status.set(None);
        let request = Unpublish {
            at: from_local_input(&unpublish_at.get_untracked()),
        };
        spawn_local(async move {
            let answer = api::unpublish(kind, &slug.get_value(), &request).await;
            answered(answer, &|done| match done.unpublish_at {
                Some(at) => (b.unpublish_scheduled_for)(&at_time(at)),
                None => b.unpublished.to_owned(),
            });
        });
    };
    let can_publish = version > 0 && (published != Some(version) || doc.publish_at.is_some());
    let can_unpublish = published.is_some() && kind != ContentKind::Product;
    if !can_publish && !can_unpublish {
        return None;
    }
    let time_field = move |label: &'static str, field: &'static str, value: RwSignal<String>| {
        view! {
            <label class="schedule">
                <span>{label}</span>
                <input type="datetime-local" name=field bind:value=value
                    aria-invalid=invalid(problem, field) aria-describedby=problem_id(field)/>
                <FieldProblem problem field/>
            </label>
        }
    };
    Some(view! {
        <section class="admin-card publication" aria-labelledby="publication-title">
            <h2 id="publication-title">{b.publication}</h2>
            {can_publish.then(|| view! {
                <div class="admin-actions">
                    {time_field(b.schedule_at, "at", publish_at)}
                    {(kind != ContentKind::Product).then(|| time_field(b.publish_until, "unpublish_at", publish_until))}
                    <button type="button" class="button" disabled=move || busy.get() on:click=publish>
                        {(b.publish)(version)}
                    </button>
                </div>
            })}
            {can_unpublish.then(|| view! {
                <div class="admin-actions">
                    {time_field(b.unpublish_at, "unpublish.at", unpublish_at)}
                    <button type="button" class="button button-quiet" disabled=move || busy.get() on:click=unpublish>
                        {b.unpublish}
                    </button>
                </div>
            })}
            {(kind == ContentKind::Product && published.is_some()).then(|| view! {
                <p class="muted small">{b.product_copy_stays}</p>
            })}
        </section>
    })
}
