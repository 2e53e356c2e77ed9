//! `/admin/media`: the images marketers upload for banners and product pages. The server
//! decides what it accepts (by the file's bytes) and says why when it refuses; every image is
//! listed with the sizes made of it, each address one click from the clipboard.

use fourflow_core::admin::media::MediaRecord;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use wasm_bindgen::{JsCast, JsValue};

use super::failure;
use super::problem::{FormProblem, Problem};
use crate::api::admin::media as api;
use crate::components::{use_title, Pager};
use crate::i18n::use_i18n;
use crate::state::remote::Remote;

#[component]
pub fn MediaPage() -> impl IntoView {
    let i18n = use_i18n();
    let b = i18n.b();
    let md = b.media;
    use_title(move || Some(md.title.to_owned()));
    // `?page=N`: the newest first, so an upload shows on page 1.
    let query = use_query_map();
    let page = Memo::new(move |_| {
        query.with(|q| q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1u32))
    });
    let library = Remote::new(move || page.get(), api::library);
    view! {
        <header class="admin-header"><h1>{md.title}</h1></header>
        <Upload uploaded=Callback::new(move |()| library.refetch())/>
        {move || match library.get() {
            None => view! { <p class="muted" aria-busy="true">{i18n.t().loading}</p> }.into_any(),
            Some(Err(e)) => view! { <p class="form-problem" role="alert">{failure(b, &e)}</p> }.into_any(),
            Some(Ok(list)) if list.items.is_empty() => view! { <p class="admin-empty">{md.none}</p> }.into_any(),
            Some(Ok(list)) => {
                let pages = list.total.div_ceil(list.per_page.max(1));
                let href = Callback::new(|page: u32| format!("/admin/media?page={page}"));
                view! {
                    <p class="muted">{(md.count)(list.total)}</p>
                    <ul class="media-grid">
                        {list.items.into_iter().map(|record| view! { <MediaCard record/> }).collect_view()}
                    </ul>
                    <Pager page=list.page pages href/>
                }
                .into_any()
            }
        }}
    }
}

#[component]
fn Upload(uploaded: Callback<()>) -> impl IntoView {
    let b = use_i18n().b();
    let md = b.media;
    let input = NodeRef::<leptos::html::Input>::new();
    let problem = RwSignal::new(None::<Problem>);
    let done = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        done.set(None);
        let Some(file) = input
            .get_untracked()
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        else {
            return problem.set(Some(Problem::at("body", md.choose_first)));
        };
        problem.set(None);
        busy.set(true);
        spawn_local(async move {
            match api::upload(file).await {
                Ok(_) => {
                    done.set(Some(md.uploaded));
                    if let Some(i) = input.get_untracked() {
                        i.set_value("");
                    }
                    uploaded.run(());
                }
                Err(e) => problem.set(Some(Problem::from_api(b, &e))),
            }
            busy.set(false);
        });
    };
    view! {
        <form class="admin-card admin-form media-upload" on:submit=submit>
            <h2>{md.upload}</h2>
            <p class="muted small">{md.upload_note}</p>
            <label>
                <span>{md.choose}</span>
                <input type="file" name="file" accept="image/jpeg,image/png,image/webp,image/avif" node_ref=input/>
            </label>
            // Whatever the server refuses (kind, size, damage) is about the file itself.
            <FormProblem problem fields=&[]/>
            {move || done.get().map(|d| view! { <p class="form-ok" role="status">{d}</p> })}
            <div>
                <button type="submit" class="button" disabled=move || busy.get()>
                    {move || if busy.get() { md.uploading } else { md.upload }}
                </button>
            </div>
        </form>
    }
}

#[component]
fn MediaCard(record: MediaRecord) -> impl IntoView {
    let i18n = use_i18n();
    let md = i18n.b().media;
    let c = i18n.c();
    let thumbnail = record
        .sizes
        .iter()
        .find(|s| s.name == "listing")
        .map_or_else(|| record.url.clone(), |s| s.url.clone());
    let original = std::iter::once((md.original, record.url.clone(), record.width, record.height));
    let variants = original
        .chain(
            record
                .sizes
                .iter()
                .map(|s| ((md.size)(&s.name), s.url.clone(), s.width, s.height)),
        )
        .map(|(name, url, w, h)| view! { <Variant name url size=(md.pixels)(w, h)/> })
        .collect_view();
    view! {
        <li class="media-card">
            <img src=thumbnail alt="" loading="lazy" width="240" height="160"/>
            <p class="muted small">
                {record.kind.content_type()}" · "{(md.kilobytes)(record.bytes)}" · "{(c.date_time)(&record.uploaded_at)}
            </p>
            <ul class="media-variants">{variants}</ul>
        </li>
    }
}

#[component]
fn Variant(name: &'static str, url: String, size: String) -> impl IntoView {
    let md = use_i18n().b().media;
    let copied = RwSignal::new(false);
    let link = url.clone();
    let shown = url.clone();
    let copy = move |_| {
        let full = absolute(&link);
        spawn_local(async move {
            if copy_text(&full).await {
                copied.set(true);
            }
        });
    };
    view! {
        <li>
            <span class="variant-name">{name}</span>
            <span class="muted small">{size}</span>
            <a class="media-url small" href=url target="_blank" rel="external">{shown}</a>
            <button type="button" class="button button-quiet button-small" on:click=copy aria-label=(md.copy_of)(name)>
                {move || if copied.get() { md.copied } else { md.copy }}
            </button>
        </li>
    }
}

/// The address with the shop's origin, as it is pasted elsewhere.
fn absolute(path: &str) -> String {
    let origin = window().location().origin().unwrap_or_default();
    format!("{origin}{path}")
}

/// `navigator.clipboard.writeText`, called by name: web-sys only offers the Clipboard API
/// behind its unstable flag.
async fn copy_text(text: &str) -> bool {
    let navigator: JsValue = window().navigator().into();
    let Ok(clipboard) = js_sys::Reflect::get(&navigator, &"clipboard".into()) else {
        return false;
    };
    let Ok(write) = js_sys::Reflect::get(&clipboard, &"writeText".into()) else {
        return false;
    };
    let Ok(write) = write.dyn_into::<js_sys::Function>() else {
        return false;
    };
    let Ok(promise) = write.call1(&clipboard, &text.into()) else {
        return false;
    };
    let promise: js_sys::Promise = promise.unchecked_into();
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}
