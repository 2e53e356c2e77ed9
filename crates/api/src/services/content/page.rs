//! What a shopper's page gets: the published version, or a draft through its preview link,
//! with every piece of Markdown rendered and sanitised here and collections as product cards.

use fourflow_core::catalog::Slug;
use fourflow_core::content::{Block, ContentBody, ContentKind, PublishedBlock, PublishedContent};
use fourflow_core::Localized;

use crate::error::{ApiError, ApiResult};
use crate::markdown::to_safe_html;
use crate::secrets;
use crate::startup::AppState;
use crate::store::content as store;

/// What a shopper's page shows: the published version, or — with the document's preview
/// token — its latest draft. Anything else is a 404.
pub async fn page(
    state: &AppState,
    kind: ContentKind,
    slug: &str,
    preview: Option<&str>,
) -> ApiResult<PublishedContent> {
    let mut conn = state.db.pool().acquire().await?;
    let doc = store::document(&mut conn, kind.as_str(), slug)
        .await?
        .ok_or(ApiError::not_found("page"))?;
    let previewing =
        preview.is_some_and(|token| secrets::same(token.as_bytes(), doc.preview_token.as_bytes()));
    let version = match (previewing, doc.published_version) {
        (true, _) => doc.version,
        (false, Some(published)) => published,
        (false, None) => return Err(ApiError::not_found("page")),
    };
    let stored = store::body(&mut conn, doc.id, version)
        .await?
        .ok_or_else(|| anyhow::anyhow!("content {}: version {version} is missing", doc.id))?;
    let body: ContentBody = serde_json::from_str(&stored)
        .map_err(|e| anyhow::anyhow!("content {}: version {version}: {e}", doc.id))?;
    Ok(rendered(
        state,
        kind,
        slug,
        u32::try_from(version).unwrap_or(0),
        body,
        previewing,
    ))
}

fn rendered(
    state: &AppState,
    kind: ContentKind,
    slug: &str,
    version: u32,
    body: ContentBody,
    preview: bool,
) -> PublishedContent {
    let catalog = state.catalog.snapshot();
    let cards = |slugs: Vec<Slug>| {
        slugs
            .iter()
            .filter_map(|s| catalog.product(s.as_str()))
            .map(|p| state.catalog.card(p))
            .collect()
    };
    let html = |t: &Localized| Localized {
        zh_tw: to_safe_html(&t.zh_tw),
        en: to_safe_html(&t.en),
    };
    PublishedContent {
        kind,
        slug: slug.to_owned(),
        version,
        html: html(&body.markdown),
        blocks: body
            .blocks
            .into_iter()
            .map(|block| match block {
                Block::Hero {
                    image,
                    headline,
                    text,
                    cta,
                    link,
                } => PublishedBlock::Hero {
                    image,
                    headline,
                    text,
                    cta,
                    link,
                },
                Block::PromoStrip { text, link } => PublishedBlock::PromoStrip { text, link },
                Block::Collection { title, products } => PublishedBlock::Collection {
                    title,
                    products: cards(products),
                },
                Block::Text { markdown } => PublishedBlock::Text {
                    html: html(&markdown),
                },
            })
            .collect(),
        title: body.title,
        summary: body.summary,
        seo_title: body.seo_title,
        seo_description: body.seo_description,
        preview,
    }
}
