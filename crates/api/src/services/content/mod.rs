//! Content: marketers save versions of documents (never over someone else's newer one),
//! preview drafts through a secret link, publish a version now or at a time, unpublish, revert
//! and compare versions; shoppers get the published version with every piece of Markdown
//! rendered and sanitised here. Product copy, once published, becomes the catalog's copy.

mod page;
mod publishing;

pub use page::page;
pub use publishing::{publish, run_schedule, unpublish};

use fourflow_core::catalog::Slug;
use fourflow_core::content::{
    self, Block, ContentBody, ContentDocument, ContentKind, DiffLine, Revert, SaveDraft,
    VersionInfo,
};
use fourflow_core::{FieldError, Localized};
use serde_json::json;
use sqlx::AnyConnection;

use super::staff::audit;
use crate::clock::rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::secrets;
use crate::startup::AppState;
use crate::store::content::{self as store, DocumentRow};

/// The document with its latest version. Product copy never saved here starts from the
/// catalog's copy, at version 0.
pub async fn get(state: &AppState, kind: ContentKind, slug: &str) -> ApiResult<ContentDocument> {
    let mut conn = state.db.pool().acquire().await?;
    match store::document(&mut conn, kind.as_str(), slug).await? {
        Some(row) => document(&mut conn, row).await,
        None if kind == ContentKind::Product => {
            let body = catalog_copy(&mut conn, slug).await?;
            Ok(ContentDocument {
                kind,
                slug: slug.to_owned(),
                version: 0,
                body,
                published_version: None,
                publish_at: None,
                scheduled_version: None,
                unpublish_at: None,
                preview_url: String::new(),
                versions: Vec::new(),
            })
        }
        None => Err(ApiError::not_found("document")),
    }
}

/// Saves a new version for `actor`, if nobody saved one since `base_version`.
pub async fn save(
    state: &AppState,
    actor: i64,
    kind: ContentKind,
    slug: &str,
    draft: &SaveDraft,
) -> ApiResult<ContentDocument> {
    check_slug(state, kind, slug)?;
    // The body's fields sit under `body` in the request.
    let under_body = |e: FieldError| e.under("body");
    draft.body.check(kind).map_err(under_body)?;
    check_collections(state, &draft.body).map_err(under_body)?;
    if draft.note.as_ref().is_some_and(|n| n.chars().count() > 200) {
        return Err(
            FieldError::said("note", "must be at most 200 characters", "最多 200 個字").into(),
        );
    }
    let body = serde_json::to_string(&draft.body).expect("a content body serialises");
    let now_text = rfc3339(state.clock.now());
    let mut tx = state.db.begin_write().await?;
    let existing = store::document(&mut tx, kind.as_str(), slug).await?;
    let (id, version) = match existing {
        None if draft.base_version == 0 => {
            let token = secrets::random_hex::<16>();
            (
                store::create(&mut tx, kind.as_str(), slug, &token, &now_text).await?,
                1,
            )
        }
        Some(doc) if doc.version == i64::from(draft.base_version) => {
            if !store::advance(&mut tx, doc.id, doc.version, &now_text).await? {
                return Err(stale(doc.version + 1));
            }
            (doc.id, doc.version + 1)
        }
        Some(doc) => return Err(stale(doc.version)),
        None => return Err(stale(0)),
    };
    let note = draft
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    store::add_version(&mut tx, id, version, &body, actor, note, &now_text).await?;
    let subject = format!("content:{}:{slug}", kind.as_str());
    audit(
        &mut tx,
        &now_text,
        actor,
        "content.save",
        &subject,
        None,
        &json!({ "version": version }),
    )
    .await?;
    tx.commit().await?;
    get(state, kind, slug).await
}

/// A new version with an old version's body.
pub async fn revert(
    state: &AppState,
    actor: i64,
    kind: ContentKind,
    slug: &str,
    request: &Revert,
) -> ApiResult<ContentDocument> {
    let mut conn = state.db.pool().acquire().await?;
    let doc = store::document(&mut conn, kind.as_str(), slug)
        .await?
        .ok_or(ApiError::not_found("document"))?;
    let body = version_body(&mut conn, &doc, request.to_version, "to_version").await?;
    drop(conn);
    let draft = SaveDraft {
        base_version: request.base_version,
        body,
        note: Some(format!("reverted to version {}", request.to_version)),
    };
    save(state, actor, kind, slug, &draft).await
}

/// What changed from version `from` to version `to`.
pub async fn diff(
    state: &AppState,
    kind: ContentKind,
    slug: &str,
    from: u32,
    to: u32,
) -> ApiResult<Vec<DiffLine>> {
    let mut conn = state.db.pool().acquire().await?;
    let doc = store::document(&mut conn, kind.as_str(), slug)
        .await?
        .ok_or(ApiError::not_found("document"))?;
    let old = version_body(&mut conn, &doc, from, "from").await?;
    let new = version_body(&mut conn, &doc, to, "to").await?;
    Ok(content::diff(&old, &new))
}

async fn document(conn: &mut AnyConnection, row: DocumentRow) -> ApiResult<ContentDocument> {
    let kind = ContentKind::parse("kind", &row.kind).map_err(|e| anyhow::anyhow!("{e}"))?;
    let body = version_body(
        conn,
        &row,
        u32::try_from(row.version).unwrap_or(0),
        "version",
    )
    .await?;
    let count = |v: i64| u32::try_from(v).unwrap_or(0);
    let versions = store::versions(conn, row.id)
        .await?
        .into_iter()
        .map(|v| VersionInfo {
            version: count(v.version),
            author_id: v.author_id,
            created_at: v.created_at,
            note: v.note,
        })
        .collect();
    Ok(ContentDocument {
        kind,
        preview_url: format!(
            "{}?preview={}",
            shopper_path(kind, &row.slug),
            row.preview_token
        ),
        slug: row.slug,
        version: count(row.version),
        body,
        published_version: row.published_version.map(count),
        publish_at: row.publish_at,
        scheduled_version: row.scheduled_version.map(count),
        unpublish_at: row.unpublish_at,
        versions,
    })
}

/// Where shoppers read a document.
pub fn shopper_path(kind: ContentKind, slug: &str) -> String {
    match kind {
        ContentKind::Home => "/".to_owned(),
        ContentKind::Landing => format!("/pages/{slug}"),
        ContentKind::Help => format!("/help/{slug}"),
        ContentKind::Product => format!("/products/{slug}"),
    }
}

async fn version_body(
    conn: &mut AnyConnection,
    doc: &DocumentRow,
    version: u32,
    field: &str,
) -> ApiResult<ContentBody> {
    let stored = store::body(conn, doc.id, i64::from(version))
        .await?
        .ok_or_else(|| {
            FieldError::said(
                field,
                format!("there is no version {version}"),
                format!("沒有第 {version} 版"),
            )
        })?;
    serde_json::from_str(&stored)
        .map_err(|e| anyhow::anyhow!("content {}: version {version}: {e}", doc.id).into())
}

async fn existing(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    kind: ContentKind,
    slug: &str,
) -> ApiResult<DocumentRow> {
    store::document(tx, kind.as_str(), slug)
        .await?
        .ok_or(ApiError::not_found("document"))
}

/// The catalog's copy of a product, as a body to start editing from.
async fn catalog_copy(conn: &mut AnyConnection, slug: &str) -> ApiResult<ContentBody> {
    let (title_zh, title_en, summary_zh, summary_en, description_zh, description_en) =
        store::product_copy(conn, slug)
            .await?
            .ok_or(ApiError::not_found("product"))?;
    Ok(ContentBody {
        title: Localized {
            zh_tw: title_zh,
            en: title_en,
        },
        summary: Localized {
            zh_tw: summary_zh,
            en: summary_en,
        },
        markdown: Localized {
            zh_tw: description_zh,
            en: description_en,
        },
        ..ContentBody::default()
    })
}

fn check_slug(state: &AppState, kind: ContentKind, slug: &str) -> Result<(), FieldError> {
    match kind {
        ContentKind::Home if slug != "home" => Err(FieldError::said(
            "slug",
            "the home page's slug is home",
            "首頁的代稱（slug）必須是 home",
        )),
        ContentKind::Product if state.catalog.snapshot().product(slug).is_none() => {
            Err(no_product("slug".into()))
        }
        _ => Slug::parse("slug", slug).map(|_| ()),
    }
}

fn no_product(field: String) -> FieldError {
    FieldError::said(
        field,
        "there is no product with this slug",
        "找不到這個商品代稱（slug）",
    )
}

/// A collection may only name products the catalog has.
fn check_collections(state: &AppState, body: &ContentBody) -> Result<(), FieldError> {
    let catalog = state.catalog.snapshot();
    for (i, block) in body.blocks.iter().enumerate() {
        if let Block::Collection { products, .. } = block {
            if let Some(j) = products
                .iter()
                .position(|p| catalog.product(p.as_str()).is_none())
            {
                return Err(no_product(format!("blocks[{i}].products[{j}]")));
            }
        }
    }
    Ok(())
}

fn stale(current: i64) -> ApiError {
    ApiError::Conflict {
        code: "version_conflict",
        message: format!(
            "someone saved version {current} since you started: reload it, compare, and save again"
        ),
        field: Some("base_version"),
    }
}
