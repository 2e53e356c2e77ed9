//! Says when the shop is offline, and what still works.

use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::state::online::use_online;

#[component]
pub fn OfflineBanner() -> impl IntoView {
    let t = use_i18n().t();
    let online = use_online();
    move || {
        (!online.get()).then(|| view! { <p class="offline-banner" role="status">{t.offline}</p> })
    }
}
