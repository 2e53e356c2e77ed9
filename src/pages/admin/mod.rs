//! The back office's pages (`/admin/…`), in the admin app only: the orders console and the
//! content editor.

mod content;
mod order;
mod orders;

pub use content::{ContentEditor, ContentIndex};
pub use order::ConsoleOrderPage;
pub use orders::OrdersPage;

use crate::api::ApiError;
use crate::i18n::AdminStrings;

/// What a failed call tells staff: the API's own message (it names the field), or why there
/// was none.
pub fn failure(b: &AdminStrings, error: &ApiError) -> String {
    match error {
        ApiError::Api { body, .. } => body.error.message.clone(),
        ApiError::Network => b.offline.to_owned(),
        ApiError::Unexpected { status } => (b.unexpected)(*status),
    }
}
