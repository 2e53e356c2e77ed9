//! Publishing: a version goes live now or at a time, and comes off the shop now or at a time;
//! the job runner carries out what is scheduled. Published product copy becomes the
//! catalog's.

use fourflow_core::content::{ContentDocument, ContentKind, Publish, Unpublish};
use fourflow_core::{FieldError, Localized};
use serde_json::json;

use super::super::staff::audit;
use super::{existing, get, version_body};
use crate::clock::rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::startup::AppState;
use crate::store::catalog::bump_version;
use crate::store::content::{self as store, DocumentRow, ProductCopy, Publication};

/// Publishes `version` now, or schedules it; with `unpublish_at`, schedules its end too.
pub async fn publish(
    state: &AppState,
    actor: i64,
    kind: ContentKind,
    slug: &str,
    request: &Publish,
) -> ApiResult<ContentDocument> {
    let now = state.clock.now();
    let now_text = rfc3339(now);
    let mut tx = state.db.begin_write().await?;
    let doc = existing(&mut tx, kind, slug).await?;
    let version = i64::from(request.version);
    if version < 1 || version > doc.version {
        return Err(FieldError::said(
            "version",
            format!("must be a version from 1 to {}", doc.version),
            format!("必須是第 1 到第 {} 版", doc.version),
        )
        .into());
    }
    let starts = request.at.filter(|at| *at > now);
    if let (Some(end), start) = (request.unpublish_at, starts.unwrap_or(now)) {
        if end <= start {
            return Err(FieldError::said(
                "unpublish_at",
                "must be after the publication",
                "必須晚於發布時間",
            )
            .into());
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
    let now_text = rfc3339(now);
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

/// Carries out every publish and unpublish whose time has come; returns how many documents
/// changed. Run by the job runner (and by tests, with their clock).
pub async fn run_schedule(state: &AppState) -> ApiResult<usize> {
    let now = state.clock.now();
    let now_text = rfc3339(now);
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
    // SEO text left empty stays empty, language by language: the page's own title and summary
    // in that language then stand in (`ProductDetail::head_title`).
    let raw = |t: &Localized| (t.zh_tw.trim().to_owned(), t.en.trim().to_owned());
    let (seo_title, seo_description) = (raw(&body.seo_title), raw(&body.seo_description));
    let copy = ProductCopy {
        title: (&title.0, &title.1),
        summary: (&summary.0, &summary.1),
        description: (&description.0, &description.1),
        seo_title: (&seo_title.0, &seo_title.1),
        seo_description: (&seo_description.0, &seo_description.1),
    };
    if !store::apply_product_copy(tx, &doc.slug, &copy, now_text).await? {
        return Err(ApiError::not_found("product"));
    }
    bump_version(tx).await?;
    Ok(())
}

fn unpublishing_products() -> ApiError {
    ApiError::Conflict {
        code: "product_copy_stays",
        message: "a product always has copy: publish another version instead".into(),
        field: None,
    }
}
