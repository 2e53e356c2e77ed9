//! A document's versions: compare one with the one before, or bring an older one back.

use fourflow_core::content::{ContentDocument, DiffLine, Revert};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::admin as api;
use crate::api::ApiError;
use crate::i18n::use_i18n;
use crate::pages::admin::failure;

/// The versions, newest first: compare one with the one before it, or bring it back.
#[component]
pub fn Versions(
    doc: ContentDocument,
    loaded: RwSignal<Option<Result<ContentDocument, ApiError>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let b = i18n.b();
    let c = i18n.c();
    let (kind, latest) = (doc.kind, doc.version);
    let slug = StoredValue::new(doc.slug.clone());
    let diff = RwSignal::new(None::<(u32, Vec<DiffLine>)>);
    let problem = RwSignal::new(None::<String>);
    let rows = doc
        .versions
        .iter()
        .map(|v| {
            let version = v.version;
            let compare = move |_| {
                spawn_local(async move {
                    match api::diff(kind, &slug.get_value(), version - 1, version).await {
                        Ok(lines) => diff.set(Some((version, lines))),
                        Err(e) => problem.set(Some(failure(b, &e))),
                    }
                })
            };
            let revert = move |_| {
                let request = Revert { base_version: latest, to_version: version };
                spawn_local(async move {
                    match api::revert(kind, &slug.get_value(), &request).await {
                        Ok(doc) => loaded.set(Some(Ok(doc))),
                        Err(e) => problem.set(Some(failure(b, &e))),
                    }
                })
            };
            view! {
                <li>
                    <strong>{(b.version)(version)}</strong>" "
                    <span class="muted">{(c.date_time)(&v.created_at)}{v.note.clone().map(|n| format!(" · {n}"))}</span>" "
                    {(version > 1).then(|| view! { <button type="button" class="link-button" on:click=compare>{b.compare}</button> })}
                    {(version < latest).then(|| view! { <button type="button" class="link-button" on:click=revert>{b.revert}</button> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="admin-card">
            <h2>{b.versions}</h2>
            <ol class="admin-versions">{rows}</ol>
            {move || problem.get().map(|p| view! { <p class="form-problem" role="alert">{p}</p> })}
            {move || diff.get().map(|(version, lines)| view! {
                <h3>{(b.changes_in)(version)}</h3>
                <pre class="admin-diff">{lines.into_iter().map(|l| match l {
                    DiffLine::Same(t) => view! { <span>{format!("  {t}\n")}</span> }.into_any(),
                    DiffLine::Removed(t) => view! { <del>{format!("- {t}\n")}</del> }.into_any(),
                    DiffLine::Added(t) => view! { <ins>{format!("+ {t}\n")}</ins> }.into_any(),
                }).collect_view()}</pre>
            })}
        </section>
    }
}
