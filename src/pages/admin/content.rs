//! `/admin/content`: what marketers edit, and `/admin/content/{kind}/{slug}`: the editor of
//! one document — its fields in both languages (a page's blocks: banners, strips, featured
//! products, text), saved as a new version over the one it was opened at (someone else's
//! newer save is a conflict, never overwritten), previewed by its secret link, published,
//! compared with an earlier version or brought back from one.

use fourflow_core::catalog::Slug;
use fourflow_core::content::{
    Block, ContentBody, ContentDocument, ContentKind, DiffLine, Publish, Revert, SaveDraft,
};
use fourflow_core::Localized;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::failure;
use crate::api::admin as api;
use crate::api::ApiError;
use crate::components::use_title;
use crate::i18n::use_i18n;

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

/// Unix seconds as RFC 3339 UTC, as the API writes times.
fn rfc3339(unix: i64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(unix as f64 * 1000.0));
    date.to_iso_string().into()
}

#[component]
fn Editor(
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
    let busy = RwSignal::new(false);
    let version = doc.version;
    let save = move |_| {
        busy.set(true);
        status.set(None);
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
                }
            }
            busy.set(false);
        });
    };
    // Empty: now. Otherwise the browser's local time (staff work in Taipei), as Unix seconds.
    let when = RwSignal::new(String::new());
    let publish = move |_| {
        busy.set(true);
        let at = Some(js_sys::Date::parse(&when.get_untracked()))
            .filter(|millis| !millis.is_nan())
            .map(|millis| (millis / 1000.0) as i64);
        let request = Publish {
            version,
            at,
            unpublish_at: None,
        };
        spawn_local(async move {
            match api::publish(kind, &slug.get_value(), &request).await {
                Ok(done) => {
                    let said = match done.publish_at {
                        Some(at) => (b.scheduled_for)(&(c.date_time)(&rfc3339(at))),
                        None => (b.published)(version),
                    };
                    status.set(Some(Ok(said)));
                    loaded.set(Some(Ok(done)));
                }
                Err(e) => status.set(Some(Err(failure(b, &e)))),
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
            </p>
        </header>
        <div class="admin-actions sticky">
            <button type="button" class="button" disabled=move || busy.get() on:click=save>{b.save_draft}</button>
            {(!doc.preview_url.is_empty()).then(|| view! {
                <a class="button button-quiet" href=doc.preview_url.clone() target="_blank">{b.preview}</a>
            })}
            {(version > 0 && published != Some(version)).then(|| view! {
                <label class="schedule">
                    <span>{b.schedule_at}</span>
                    <input type="datetime-local" bind:value=when/>
                </label>
                <button type="button" class="button button-quiet" disabled=move || busy.get() on:click=publish>
                    {(b.publish)(version)}
                </button>
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
        <BodyFields kind body/>
        <Versions doc=doc.clone() loaded/>
    }
}

/// The body's fields: text in both languages, and a page's blocks.
#[component]
fn BodyFields(kind: ContentKind, body: RwSignal<ContentBody>) -> impl IntoView {
    let b = use_i18n().b();
    let pages = matches!(kind, ContentKind::Home | ContentKind::Landing);
    view! {
        <section class="admin-card admin-form">
            <Both label=b.title get=move |body| body.title.clone() set=move |body, t| body.title = t body/>
            {(!pages).then(|| view! {
                <Both label=b.summary get=move |body| body.summary.clone() set=move |body, t| body.summary = t body/>
                <Both label=b.markdown multiline=true get=move |body| body.markdown.clone() set=move |body, t| body.markdown = t body/>
            })}
            <Both label=b.seo_title get=move |body| body.seo_title.clone() set=move |body, t| body.seo_title = t body/>
            <Both label=b.seo_description get=move |body| body.seo_description.clone() set=move |body, t| body.seo_description = t body/>
        </section>
        {pages.then(|| view! { <Blocks body/> })}
    }
}

/// One piece of text in zh-TW and English, side by side.
#[component]
fn Both(
    label: &'static str,
    body: RwSignal<ContentBody>,
    get: fn(&ContentBody) -> Localized,
    set: fn(&mut ContentBody, Localized),
    #[prop(optional)] multiline: bool,
) -> impl IntoView {
    let b = use_i18n().b();
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
        </fieldset>
    }
}

/// A page's blocks, in order, each editable, removable and movable; new ones added at the end.
#[component]
fn Blocks(body: RwSignal<ContentBody>) -> impl IntoView {
    let b = use_i18n().b();
    let count = move || body.with(|x| x.blocks.len());
    let add = move |block: Block| body.update(|x| x.blocks.push(block));
    let empty = Localized::default;
    view! {
        <section class="admin-card">
            <h2>{b.blocks}</h2>
            <For each=move || 0..count() key=move |i| (*i, count()) let:i>
                <BlockFields body index=i/>
            </For>
            <div class="admin-actions">
                <button type="button" class="button button-quiet" on:click=move |_| add(Block::Hero {
                    image: String::new(), headline: empty(), text: empty(), cta: empty(), link: "/".into() })>
                    {(b.add_block)(b.hero)}
                </button>
                <button type="button" class="button button-quiet" on:click=move |_| add(Block::PromoStrip { text: empty(), link: None })>
                    {(b.add_block)(b.promo_strip)}
                </button>
                <button type="button" class="button button-quiet" on:click=move |_| add(Block::Collection { title: empty(), products: Vec::new() })>
                    {(b.add_block)(b.collection)}
                </button>
                <button type="button" class="button button-quiet" on:click=move |_| add(Block::Text { markdown: empty() })>
                    {(b.add_block)(b.text_block)}
                </button>
            </div>
        </section>
    }
}

#[component]
fn BlockFields(body: RwSignal<ContentBody>, index: usize) -> impl IntoView {
    let b = use_i18n().b();
    let block = move || body.with(|x| x.blocks.get(index).cloned());
    // A field of this block, read and written in place.
    let edit = move |change: Box<dyn Fn(&mut Block)>| {
        body.update(|x| {
            if let Some(b) = x.blocks.get_mut(index) {
                change(b)
            }
        })
    };
    let text_pair = move |label: &'static str,
                          get: fn(&Block) -> Option<Localized>,
                          put: fn(&mut Block, Localized)| {
        let language = move |zh: bool| {
            let value = move || {
                block()
                    .and_then(|x| get(&x))
                    .map(|t| if zh { t.zh_tw } else { t.en })
                    .unwrap_or_default()
            };
            let input = move |ev| {
                let text = event_target_value(&ev);
                edit(Box::new(move |blk| {
                    if let Some(mut t) = get(blk) {
                        if zh {
                            t.zh_tw = text.clone()
                        } else {
                            t.en = text.clone()
                        }
                        put(blk, t);
                    }
                }));
            };
            let aria = format!("{label} ({})", if zh { b.zh } else { b.en });
            view! { <input type="text" aria-label=aria prop:value=value on:input=input/> }
        };
        view! {
            <fieldset class="both"><legend>{label}</legend>
                <label><span>{b.zh}</span>{language(true)}</label>
                <label><span>{b.en}</span>{language(false)}</label>
            </fieldset>
        }
    };
    let plain = move |label: &'static str,
                      get: fn(&Block) -> String,
                      put: fn(&mut Block, String)| {
        let value = move || block().map(|x| get(&x)).unwrap_or_default();
        let input = move |ev| {
            let text = event_target_value(&ev);
            edit(Box::new(move |blk| put(blk, text.clone())));
        };
        view! { <label><span>{label}</span><input type="text" prop:value=value on:input=input/></label> }
    };
    let remove = move |_| {
        body.update(|x| {
            if index < x.blocks.len() {
                x.blocks.remove(index);
            }
        })
    };
    let up = move |_| {
        body.update(|x| {
            if index > 0 && index < x.blocks.len() {
                x.blocks.swap(index - 1, index)
            }
        })
    };
    let fields = match block() {
        Some(Block::Hero { .. }) => view! {
            <h3>{b.hero}</h3>
            {plain(b.image, |x| match x { Block::Hero { image, .. } => image.clone(), _ => String::new() },
                |x, v| if let Block::Hero { image, .. } = x { *image = v })}
            {text_pair(b.headline, |x| match x { Block::Hero { headline, .. } => Some(headline.clone()), _ => None },
                |x, t| if let Block::Hero { headline, .. } = x { *headline = t })}
            {text_pair(b.text, |x| match x { Block::Hero { text, .. } => Some(text.clone()), _ => None },
                |x, t| if let Block::Hero { text, .. } = x { *text = t })}
            {text_pair(b.cta, |x| match x { Block::Hero { cta, .. } => Some(cta.clone()), _ => None },
                |x, t| if let Block::Hero { cta, .. } = x { *cta = t })}
            {plain(b.link, |x| match x { Block::Hero { link, .. } => link.clone(), _ => String::new() },
                |x, v| if let Block::Hero { link, .. } = x { *link = v })}
        }.into_any(),
        Some(Block::PromoStrip { .. }) => view! {
            <h3>{b.promo_strip}</h3>
            {text_pair(b.text, |x| match x { Block::PromoStrip { text, .. } => Some(text.clone()), _ => None },
                |x, t| if let Block::PromoStrip { text, .. } = x { *text = t })}
            {plain(b.link, |x| match x { Block::PromoStrip { link, .. } => link.clone().unwrap_or_default(), _ => String::new() },
                |x, v| if let Block::PromoStrip { link, .. } = x { *link = (!v.trim().is_empty()).then_some(v) })}
        }.into_any(),
        Some(Block::Collection { .. }) => view! {
            <h3>{b.collection}</h3>
            {text_pair(b.title, |x| match x { Block::Collection { title, .. } => Some(title.clone()), _ => None },
                |x, t| if let Block::Collection { title, .. } = x { *title = t })}
            {plain(b.products, |x| match x {
                    Block::Collection { products, .. } => products.iter().map(Slug::as_str).collect::<Vec<_>>().join(", "),
                    _ => String::new() },
                |x, v| if let Block::Collection { products, .. } = x {
                    *products = v.split(',').filter_map(|s| Slug::parse("products", s.trim()).ok()).collect();
                })}
        }.into_any(),
        Some(Block::Text { .. }) => view! {
            <h3>{b.text_block}</h3>
            {text_pair(b.markdown, |x| match x { Block::Text { markdown } => Some(markdown.clone()), _ => None },
                |x, t| if let Block::Text { markdown } = x { *markdown = t })}
        }.into_any(),
        None => ().into_any(),
    };
    view! {
        <div class="admin-block">
            {fields}
            <div class="admin-actions">
                {(index > 0).then(|| view! { <button type="button" class="link-button" on:click=up>{b.move_up}</button> })}
                <button type="button" class="link-button" on:click=remove>{b.remove}</button>
            </div>
        </div>
    }
}

/// The versions, newest first: compare one with the one before it, or bring it back.
#[component]
fn Versions(
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
