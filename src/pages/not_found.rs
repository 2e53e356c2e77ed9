//! Any URL the shop does not know.

use leptos::prelude::*;

use crate::components::{use_title, NotFoundView};
use crate::i18n::use_i18n;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    use_title(move || Some(i18n.s().not_found_title.to_string()));
    view! {
        <NotFoundView/>
    }
}
