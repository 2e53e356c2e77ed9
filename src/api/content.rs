//! Pages marketers publish, as shoppers read them (`/api/v1/content/…`): the home page's
//! blocks, landing pages, help articles; a draft through its preview link.

use fourflow_core::catalog::encode_pairs;
use fourflow_core::content::{ContentKind, PublishedContent};

use super::answers::ContentAnswer;
use super::{read, ApiError};

/// The published page, or with `preview` (the token of a preview link) its latest draft.
pub async fn page(
    kind: ContentKind,
    slug: &str,
    preview: Option<&str>,
) -> Result<PublishedContent, ApiError> {
    let query = preview
        .map(|token| format!("?{}", encode_pairs([("preview", token)])))
        .unwrap_or_default();
    read::<ContentAnswer>(&format!("/content/{}/{slug}{query}", kind.as_str()))
        .await
        .map(PublishedContent::from)
}
