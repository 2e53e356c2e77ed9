//! Content documents and their versions. A new version lands only if the document is still
//! at the version the editor started from (`WHERE version = …`); publishing and schedules
//! are plain column changes, made in the caller's transaction.

use sqlx::{Any, AnyConnection, AnyPool, FromRow, Transaction};

#[derive(Debug, Clone, FromRow)]
pub struct DocumentRow {
    pub id: i64,
    pub kind: String,
    pub slug: String,
    pub version: i64,
    pub published_version: Option<i64>,
    pub publish_at: Option<i64>,
    pub scheduled_version: Option<i64>,
    pub unpublish_at: Option<i64>,
    pub preview_token: String,
}

#[derive(Debug, Clone, FromRow)]
pub struct VersionRow {
    pub version: i64,
    pub author_id: Option<i64>,
    pub note: Option<String>,
    pub created_at: String,
}

const DOCUMENT: &str = "SELECT id, kind, slug, version, published_version, publish_at, \
     scheduled_version, unpublish_at, preview_token FROM content_documents";

pub async fn document(
    conn: &mut AnyConnection,
    kind: &str,
    slug: &str,
) -> sqlx::Result<Option<DocumentRow>> {
    sqlx::query_as(&format!("{DOCUMENT} WHERE kind = $1 AND slug = $2"))
        .bind(kind)
        .bind(slug)
        .fetch_optional(conn)
        .await
}

/// A new document at version 1 (its first version is added by the caller).
pub async fn create(
    tx: &mut Transaction<'_, Any>,
    kind: &str,
    slug: &str,
    preview_token: &str,
    now: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO content_documents (kind, slug, version, preview_token, updated_at) \
         VALUES ($1, $2, 1, $3, $4) RETURNING id",
    )
    .bind(kind)
    .bind(slug)
    .bind(preview_token)
    .bind(now)
    .fetch_one(&mut **tx)
    .await
}

/// Moves the document from version `from` to `from + 1`; false if it is no longer at `from`.
pub async fn advance(
    tx: &mut Transaction<'_, Any>,
    id: i64,
    from: i64,
    now: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE content_documents SET version = version + 1, updated_at = $1 \
         WHERE id = $2 AND version = $3",
    )
    .bind(now)
    .bind(id)
    .bind(from)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn add_version(
    tx: &mut Transaction<'_, Any>,
    document_id: i64,
    version: i64,
    body: &str,
    author_id: i64,
    note: Option<&str>,
    now: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO content_versions (document_id, version, body, author_id, note, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(document_id)
    .bind(version)
    .bind(body)
    .bind(author_id)
    .bind(note)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Newest first.
pub async fn versions(conn: &mut AnyConnection, document_id: i64) -> sqlx::Result<Vec<VersionRow>> {
    sqlx::query_as(
        "SELECT version, author_id, note, created_at FROM content_versions \
         WHERE document_id = $1 ORDER BY version DESC",
    )
    .bind(document_id)
    .fetch_all(conn)
    .await
}

pub async fn body(
    conn: &mut AnyConnection,
    document_id: i64,
    version: i64,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT body FROM content_versions WHERE document_id = $1 AND version = $2")
        .bind(document_id)
        .bind(version)
        .fetch_optional(conn)
        .await
}

/// What shoppers see now (`None`: nothing), and what is scheduled: every field set at once.
pub struct Publication {
    pub published_version: Option<i64>,
    pub publish_at: Option<i64>,
    pub scheduled_version: Option<i64>,
    pub unpublish_at: Option<i64>,
}

pub async fn set_publication(
    tx: &mut Transaction<'_, Any>,
    id: i64,
    p: &Publication,
    now: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE content_documents SET published_version = $1, publish_at = $2, \
         scheduled_version = $3, unpublish_at = $4, updated_at = $5 WHERE id = $6",
    )
    .bind(p.published_version)
    .bind(p.publish_at)
    .bind(p.scheduled_version)
    .bind(p.unpublish_at)
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Documents with a publish or unpublish due by `now`.
pub async fn due(pool: &AnyPool, now: i64) -> sqlx::Result<Vec<DocumentRow>> {
    sqlx::query_as(&format!(
        "{DOCUMENT} WHERE publish_at <= $1 OR unpublish_at <= $1 ORDER BY id"
    ))
    .bind(now)
    .fetch_all(pool)
    .await
}

/// The document read again inside the transaction that will change it.
pub async fn by_id(tx: &mut Transaction<'_, Any>, id: i64) -> sqlx::Result<DocumentRow> {
    sqlx::query_as(&format!("{DOCUMENT} WHERE id = $1"))
        .bind(id)
        .fetch_one(&mut **tx)
        .await
}

/// Writes published product copy into the catalog (titles, summary, description, SEO).
pub async fn apply_product_copy(
    tx: &mut Transaction<'_, Any>,
    slug: &str,
    copy: &ProductCopy<'_>,
    now: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE products SET title_zh_tw = $1, title_en = $2, summary_zh_tw = $3, summary_en = $4, \
         description_zh_tw = $5, description_en = $6, seo_title_zh_tw = $7, seo_title_en = $8, \
         seo_description_zh_tw = $9, seo_description_en = $10, updated_at = $11 WHERE slug = $12",
    )
    .bind(copy.title.0)
    .bind(copy.title.1)
    .bind(copy.summary.0)
    .bind(copy.summary.1)
    .bind(copy.description.0)
    .bind(copy.description.1)
    .bind(copy.seo_title.0)
    .bind(copy.seo_title.1)
    .bind(copy.seo_description.0)
    .bind(copy.seo_description.1)
    .bind(now)
    .bind(slug)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Product copy in both languages: `(zh_tw, en)`.
pub struct ProductCopy<'a> {
    pub title: (&'a str, &'a str),
    pub summary: (&'a str, &'a str),
    pub description: (&'a str, &'a str),
    /// Empty where the copy sets none: the title and summary then stand in.
    pub seo_title: (&'a str, &'a str),
    pub seo_description: (&'a str, &'a str),
}

/// The product's copy as the catalog has it now, `(zh_tw, en)` for title, summary and
/// description: the first version of its document.
pub async fn product_copy(
    conn: &mut AnyConnection,
    slug: &str,
) -> sqlx::Result<Option<(String, String, String, String, String, String)>> {
    sqlx::query_as(
        "SELECT title_zh_tw, title_en, summary_zh_tw, summary_en, description_zh_tw, description_en \
         FROM products WHERE slug = $1",
    )
    .bind(slug)
    .fetch_optional(conn)
    .await
}
