//! Uploaded images: one row per distinct file (by its SHA-256), newest first.

use sqlx::{AnyPool, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct MediaRow {
    pub sha256: String,
    pub kind: String,
    pub width: i64,
    pub height: i64,
    pub bytes: i64,
    pub sizes: String,
    pub uploaded_at: String,
}

/// Records an image; an image already recorded keeps its first row. True if it was new.
pub async fn insert(pool: &AnyPool, row: &MediaRow, uploaded_by: i64) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO media (sha256, kind, width, height, bytes, sizes, uploaded_by, uploaded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (sha256) DO NOTHING",
    )
    .bind(&row.sha256)
    .bind(&row.kind)
    .bind(row.width)
    .bind(row.height)
    .bind(row.bytes)
    .bind(&row.sizes)
    .bind(uploaded_by)
    .bind(&row.uploaded_at)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn by_hash(pool: &AnyPool, sha256: &str) -> sqlx::Result<Option<MediaRow>> {
    sqlx::query_as(
        "SELECT sha256, kind, width, height, bytes, sizes, uploaded_at FROM media WHERE sha256 = $1",
    )
    .bind(sha256)
    .fetch_optional(pool)
    .await
}

/// A page of images, newest first, and how many there are.
pub async fn page(pool: &AnyPool, limit: i64, offset: i64) -> sqlx::Result<(Vec<MediaRow>, i64)> {
    let rows = sqlx::query_as(
        "SELECT sha256, kind, width, height, bytes, sizes, uploaded_at FROM media \
         ORDER BY uploaded_at DESC, sha256 LIMIT $1 OFFSET $2",
    )
    .bind(limit)
    .bind(offset)
    .fetch_all(pool)
    .await?;
    let total = sqlx::query_scalar("SELECT COUNT(*) FROM media")
        .fetch_one(pool)
        .await?;
    Ok((rows, total))
}
