//! The back office's pages (`/admin/…`), in the admin app only: the orders console,
//! merchandising, promotions, the content editor and media library, and the admins' staff and
//! audit screens.

mod content;
mod media;
mod merchandising;
mod order;
mod orders;
mod people;
mod problem;
mod promotions;
mod return_request;
mod time;

pub use content::{ContentEditor, ContentIndex};
pub use media::MediaPage;
pub use merchandising::MerchandisingPage;
pub use order::ConsoleOrderPage;
pub use orders::OrdersPage;
pub use people::{AuditPage, StaffPage};
pub use promotions::PromotionsPage;

use crate::api::ApiError;
use crate::i18n::AdminStrings;

/// What a failed call tells staff: the API's own message (it names the field), or why there
/// was none.
pub fn failure(b: &AdminStrings, error: &ApiError) -> String {
    match error {
        ApiError::Api { body, .. } => {
            (b.refusal)(&body.error.code).map_or_else(|| body.error.message.clone(), str::to_owned)
        }
        ApiError::Network => b.offline.to_owned(),
        ApiError::Unexpected { status } => (b.unexpected)(*status),
    }
}

/// Brings a form that just opened into sight: on a phone it would open out of view.
pub fn scroll_to(id: &'static str) {
    leptos::task::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(0).await;
        if let Some(element) = leptos::prelude::document().get_element_by_id(id) {
            element.scroll_into_view();
        }
    });
}
