//! The development mailbox's emails (`email::DevMailbox`), newest first.

use sqlx::{AnyPool, FromRow};

use crate::email::Email;

pub async fn keep(pool: &AnyPool, email: &Email, sent_at: &str) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO mailbox (recipient, subject, body, html, sent_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&email.to)
    .bind(&email.subject)
    .bind(&email.text)
    .bind(&email.html)
    .bind(sent_at)
    .execute(pool)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, FromRow)]
pub struct Kept {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    /// The plain-text part.
    pub body: String,
    pub html: String,
    pub sent_at: String,
}

/// The newest emails, to one recipient or to anyone.
pub async fn newest(pool: &AnyPool, recipient: Option<&str>) -> sqlx::Result<Vec<Kept>> {
    sqlx::query_as(
        "SELECT id, recipient, subject, body, html, sent_at FROM mailbox \
         WHERE $1 IS NULL OR recipient = $1 ORDER BY id DESC LIMIT 100",
    )
    .bind(recipient)
    .fetch_all(pool)
    .await
}

/// One email, for its HTML to be shown as it would be received.
pub async fn one(pool: &AnyPool, id: i64) -> sqlx::Result<Option<Kept>> {
    sqlx::query_as("SELECT id, recipient, subject, body, html, sent_at FROM mailbox WHERE id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await
}
