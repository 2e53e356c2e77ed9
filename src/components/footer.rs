//! The site footer.

use leptos::prelude::*;

use crate::i18n::use_i18n;

#[component]
pub fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="site-footer">
            <div class="footer-inner">
                <p class="footer-name">{i18n.t().store_name}</p>
                <p>{i18n.t().footer_about}</p>
                <p class="footer-small">{i18n.t().footer_rights}</p>
            </div>
        </footer>
    }
}
