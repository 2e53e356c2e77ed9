//! The document's `<title>` and meta description, kept in step with the page: they are what a
//! browser tab, a bookmark and a link preview show.

use leptos::prelude::*;

use crate::i18n::use_i18n;

/// Titles the document "{page} | {store name}", or the store's own title for `None`.
pub fn use_title(page: impl Fn() -> Option<String> + 'static) {
    let i18n = use_i18n();
    Effect::new(move |_| {
        let t = i18n.t();
        let title = match page() {
            Some(page) => format!("{page} | {}", t.store_name),
            None => format!("{} | {}", t.store_name, t.tagline),
        };
        document().set_title(&title);
    });
}

/// Sets `<meta name="description">` (present in index.html).
pub fn set_description(text: &str) {
    if let Ok(Some(meta)) = document().query_selector("meta[name=description]") {
        let _ = meta.set_attribute("content", text);
    }
}
