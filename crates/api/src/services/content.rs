//! Content: marketers save versions of documents (never over someone else's newer one),
//! preview drafts through a secret link, publish a version now or at a time, unpublish, revert
//! and compare versions; shoppers get the published version with every piece of Markdown
//! rendered and sanitised here. Product copy, once published, becomes the catalog's copy.

use fourflow_core::catalog::Slug;
use fourflow_core::content::{
    self, Block, ContentBody, ContentDocument, ContentKind, DiffLine, Publish, PublishedBlock,
    PublishedContent, Revert, SaveDraft, Unpublish, VersionInfo,
};
use fourflow_core::{FieldError, Localized};
use serde_json::json;
use sqlx::AnyConnection;

use super::orders::{hex, now_text_at};
use super::staff::audit;
use crate::error::{ApiError, ApiResult};
use crate::markdown::to_safe_html;
use crate::startup::AppState;
use crate::store::catalog::bump_version;
use crate::store::content::{self as store, DocumentRow, ProductCopy, Publication};

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
    let under_body = |e: FieldError| FieldError::new(format!("body.{}", e.field), e.message);
    draft.body.check(kind).map_err(under_body)?;
    check_collections(state, &draft.body).map_err(under_body)?;
    if draft.note.as_ref().is_some_and(|n| n.chars().count() > 200) {
        return Err(FieldError::new("note", "must be at most 200 characters").into());
    }
    let body = serde_json::to_string(&draft.body).expect("a content body serialises");
    let now_text = now_text_at(state.clock.now());
    let mut tx = state.db.begin_write().await?;
    let existing = store::document(&mut tx, kind.as_str(), slug).await?;
    let (id, version) = match existing {
        None if draft.base_version == 0 => {
            let token = hex(&rand::random::<[u8; 16]>());
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

/// Publishes `version` now, or schedules it; with `unpublish_at`, schedules its end too.
pub async fn publish(
    state: &AppState,
    actor: i64,
    kind: ContentKind,
    slug: &str,
    request: &Publish,
) -> ApiResult<ContentDocument> {
    let now = state.clock.now();
    let now_text = now_text_at(now);
    let mut tx = state.db.begin_write().await?;
    let doc = existing(&mut tx, kind, slug).await?;
    let version = i64::from(request.version);
    if version < 1 || version > doc.version {
        return Err(FieldError::new(
            "version",
            format!("must be a version from 1 to {}", doc.version),
        )
        .into());
    }
    let starts = request.at.filter(|at| *at > now);
    if let (Some(end), start) = (request.unpublish_at, starts.unwrap_or(now)) {
        if end <= start {
            return Err(FieldError::new("unpublish_at", "must be after the publication").into());
        }
        if kind == ContentKind::Product {
            return Err(unpublishing_products());
        }
    }
    let publication = match starts {
        Some(at) => Publication {
            published_version: doc.published_version,
            publish_at: Some(at),
            scheduled_version: Some(version),
            unpublish_at: request.unpublish_at,
        },
        None => {
            go_live(&mut tx, &doc, version, &now_text).await?;
            Publication {
                published_version: Some(version),
                publish_at: None,
                scheduled_version: None,
                unpublish_at: request.unpublish_at,
            }
        }
    };
    store::set_publication(&mut tx, doc.id, &publication, &now_text).await?;
    let subject = format!("content:{}:{slug}", kind.as_str());
    let after = json!({ "version": version, "at": starts, "unpublish_at": request.unpublish_at });
    let before = json!({ "published_version": doc.published_version });
    audit(
        &mut tx,
        &now_text,
        actor,
        "content.publish",
        &subject,
        Some(&before),
        &after,
    )
    .await?;
    tx.commit().await?;
    state.catalog.refresh().await?;
    get(state, kind, slug).await
}

/// Takes the document off the shop now, or at `at`.
pub async fn unpublish(
    state: &AppState,
    actor: i64,
    kind: ContentKind,
    slug: &str,
    request: &Unpublish,
) -> ApiResult<ContentDocument> {
    if kind == ContentKind::Product {
        return Err(unpublishing_products());
    }
    let now = state.clock.now();
    let now_text = now_text_at(now);
    let mut tx = state.db.begin_write().await?;
    let doc = existing(&mut tx, kind, slug).await?;
    let publication = match request.at.filter(|at| *at > now) {
        Some(at) => Publication {
            published_version: doc.published_version,
            publish_at: doc.publish_at,
            scheduled_version: doc.scheduled_version,
            unpublish_at: Some(at),
        },
        None => Publication {
            published_version: None,
            publish_at: None,
            scheduled_version: None,
            unpublish_at: None,
        },
    };
    store::set_publication(&mut tx, doc.id, &publication, &now_text).await?;
    let subject = format!("content:{}:{slug}", kind.as_str());
    let before = json!({ "published_version": doc.published_version });
    audit(
        &mut tx,
        &now_text,
        actor,
        "content.unpublish",
        &subject,
        Some(&before),
        &json!({ "at": request.at }),
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
    let previewing = preview.is_some_and(|token| {
        super::orders::constant_time_eq(token.as_bytes(), doc.preview_token.as_bytes())
    });
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

/// Carries out every publish and unpublish whose time has come; returns how many documents
/// changed. Run by the job runner (and by tests, with their clock).
pub async fn run_schedule(state: &AppState) -> ApiResult<usize> {
    let now = state.clock.now();
    let now_text = now_text_at(now);
    let mut changed = 0;
    for due in store::due(state.db.pool(), now).await? {
        let mut tx = state.db.begin_write().await?;
        // Read again: another replica may have carried it out meanwhile.
        let doc = store::by_id(&mut tx, due.id).await?;
        let mut publication = Publication {
            published_version: doc.published_version,
            publish_at: doc.publish_at,
            scheduled_version: doc.scheduled_version,
            unpublish_at: doc.unpublish_at,
        };
        if let (Some(at), Some(version)) = (doc.publish_at, doc.scheduled_version) {
            if at <= now {
                go_live(&mut tx, &doc, version, &now_text).await?;
                publication.published_version = Some(version);
                publication.publish_at = None;
                publication.scheduled_version = None;
            }
        }
        if doc.unpublish_at.is_some_and(|at| at <= now) {
            publication.published_version = None;
            publication.unpublish_at = None;
        }
        store::set_publication(&mut tx, doc.id, &publication, &now_text).await?;
        tx.commit().await?;
        changed += 1;
    }
    if changed > 0 {
        state.catalog.refresh().await?;
    }
    Ok(changed)
}

/// Makes `version` what shoppers see; product copy is written into the catalog.
async fn go_live(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    doc: &DocumentRow,
    version: i64,
    now_text: &str,
) -> ApiResult<()> {
    if doc.kind != ContentKind::Product.as_str() {
        return Ok(());
    }
    let body = version_body(tx, doc, u32::try_from(version).unwrap_or(0), "version").await?;
    let both = |t: &Localized| -> (String, String) {
        let en = if t.en.trim().is_empty() {
            t.zh_tw.clone()
        } else {
            t.en.clone()
        };
        (t.zh_tw.clone(), en)
    };
    let (title, summary, description) =
        (both(&body.title), both(&body.summary), both(&body.markdown));
    let copy = ProductCopy {
        title: (&title.0, &title.1),
        summary: (&summary.0, &summary.1),
        description: (&description.0, &description.1),
    };
    if !store::apply_product_copy(tx, &doc.slug, &copy, now_text).await? {
        return Err(ApiError::not_found("product"));
    }
    bump_version(tx).await?;
    Ok(())
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
        .ok_or_else(|| FieldError::new(field, format!("there is no version {version}")))?;
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
        ContentKind::Home if slug != "home" => {
            Err(FieldError::new("slug", "the home page's slug is home"))
        }
        ContentKind::Product if state.catalog.snapshot().product(slug).is_none() => Err(
            FieldError::new("slug", "there is no product with this slug"),
        ),
        _ => Slug::parse("slug", slug).map(|_| ()),
    }
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
                return Err(FieldError::new(
                    format!("blocks[{i}].products[{j}]"),
                    "there is no product with this slug",
                ));
            }
        }
    }
    Ok(())
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

fn stale(current: i64) -> ApiError {
    ApiError::Conflict {
        code: "version_conflict",
        message: format!(
            "someone saved version {current} since you started: reload it, compare, and save again"
        ),
        field: Some("base_version"),
    }
}

fn unpublishing_products() -> ApiError {
    ApiError::Conflict {
        code: "product_copy_stays",
        message: "a product always has copy: publish another version instead".into(),
        field: None,
    }
}
