//! Accounts: customers, sessions, mailed single-use tokens, sign-in attempts, and the link
//! from orders to the account that owns them. Secrets arrive here already hashed.

use fourflow_core::Locale;
use sqlx::{Any, AnyPool, FromRow, Transaction};

#[derive(Debug, Clone, FromRow)]
pub struct CustomerRow {
    pub id: i64,
    pub email: String,
    pub password_hash: String,
    pub name: String,
    pub email_verified_at: Option<String>,
    pub role: String,
    pub created_at: String,
    /// The language the account was last used in (BCP 47): its emails speak it.
    pub locale: String,
    /// The e-invoice choice made last (JSON of `fourflow_core::invoice::InvoiceChoice`).
    pub invoice: Option<String>,
}

impl CustomerRow {
    pub fn locale(&self) -> Locale {
        Locale::from_tag(&self.locale).unwrap_or_default()
    }
}

const CUSTOMER_COLUMNS: &str =
    "id, email, password_hash, name, email_verified_at, role, created_at, locale, invoice";

/// A new customer; `None` when the email is taken (a race with another sign-up included).
pub async fn insert_customer(
    tx: &mut Transaction<'_, Any>,
    email: &str,
    password_hash: &str,
    name: &str,
    locale: Locale,
    now: &str,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "INSERT INTO customers (email, password_hash, name, locale, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (email) DO NOTHING RETURNING id",
    )
    .bind(email)
    .bind(password_hash)
    .bind(name)
    .bind(locale.tag())
    .bind(now)
    .fetch_optional(&mut **tx)
    .await
}

/// Keeps the language the customer now shops in, for the emails that follow.
pub async fn set_locale(
    tx: &mut Transaction<'_, Any>,
    id: i64,
    locale: Locale,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE customers SET locale = $1 WHERE id = $2 AND locale <> $1")
        .bind(locale.tag())
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn customer_by_email<'c, E>(db: E, email: &str) -> sqlx::Result<Option<CustomerRow>>
where
    E: sqlx::Executor<'c, Database = Any>,
{
    sqlx::query_as(&format!(
        "SELECT {CUSTOMER_COLUMNS} FROM customers WHERE email = $1"
    ))
    .bind(email)
    .fetch_optional(db)
    .await
}

pub async fn customer_by_id<'c, E>(db: E, id: i64) -> sqlx::Result<Option<CustomerRow>>
where
    E: sqlx::Executor<'c, Database = Any>,
{
    sqlx::query_as(&format!(
        "SELECT {CUSTOMER_COLUMNS} FROM customers WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn set_name(pool: &AnyPool, id: i64, name: &str, now: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE customers SET name = $1, updated_at = $2 WHERE id = $3")
        .bind(name)
        .bind(now)
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn set_password(
    tx: &mut Transaction<'_, Any>,
    id: i64,
    password_hash: &str,
    now: &str,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE customers SET password_hash = $1, updated_at = $2 WHERE id = $3")
        .bind(password_hash)
        .bind(now)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Marks the email proved, once (the first proof's time is kept).
pub async fn mark_verified(tx: &mut Transaction<'_, Any>, id: i64, now: &str) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE customers SET email_verified_at = $1, updated_at = $1 \
         WHERE id = $2 AND email_verified_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn insert_session(
    tx: &mut Transaction<'_, Any>,
    id_hash: &str,
    customer_id: i64,
    now: i64,
    now_text: &str,
    expires_at: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO sessions (id, customer_id, created_at, expires_at, last_seen) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id_hash)
    .bind(customer_id)
    .bind(now_text)
    .bind(expires_at)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The customer a live session belongs to, and when it was last seen.
pub async fn session(pool: &AnyPool, id_hash: &str, now: i64) -> sqlx::Result<Option<(i64, i64)>> {
    sqlx::query_as("SELECT customer_id, last_seen FROM sessions WHERE id = $1 AND expires_at > $2")
        .bind(id_hash)
        .bind(now)
        .fetch_optional(pool)
        .await
}

pub async fn touch_session(pool: &AnyPool, id_hash: &str, now: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE sessions SET last_seen = $1 WHERE id = $2")
        .bind(now)
        .bind(id_hash)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn delete_session<'c, E>(db: E, id_hash: &str) -> sqlx::Result<()>
where
    E: sqlx::Executor<'c, Database = Any>,
{
    sqlx::query("DELETE FROM sessions WHERE id = $1")
        .bind(id_hash)
        .execute(db)
        .await?;
    Ok(())
}

/// Signs the customer out everywhere (after a password reset).
pub async fn delete_sessions_of(
    tx: &mut Transaction<'_, Any>,
    customer_id: i64,
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM sessions WHERE customer_id = $1")
        .bind(customer_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The two kinds of mailed single-use token; each has a table of the same shape.
#[derive(Debug, Clone, Copy)]
pub enum TokenKind {
    PasswordReset,
    EmailVerification,
}

impl TokenKind {
    fn table(self) -> &'static str {
        match self {
            TokenKind::PasswordReset => "password_resets",
            TokenKind::EmailVerification => "email_verifications",
        }
    }
}

pub async fn insert_token(
    tx: &mut Transaction<'_, Any>,
    kind: TokenKind,
    token_hash: &str,
    customer_id: i64,
    expires_at: i64,
) -> sqlx::Result<()> {
    sqlx::query(&format!(
        "INSERT INTO {} (token_hash, customer_id, expires_at) VALUES ($1, $2, $3)",
        kind.table()
    ))
    .bind(token_hash)
    .bind(customer_id)
    .bind(expires_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Spends a token: one conditional update, so that two requests racing with the same link
/// cannot both succeed. The customer it was for, or `None` (unknown, used or expired).
pub async fn use_token(
    tx: &mut Transaction<'_, Any>,
    kind: TokenKind,
    token_hash: &str,
    now: i64,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(&format!(
        "UPDATE {} SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL \
         AND expires_at > $1 RETURNING customer_id",
        kind.table()
    ))
    .bind(now)
    .bind(token_hash)
    .fetch_optional(&mut **tx)
    .await
}

/// Attempts under `key` after `since`: how many, and the oldest one's time.
pub async fn attempts(pool: &AnyPool, key: &str, since: i64) -> sqlx::Result<(i64, Option<i64>)> {
    sqlx::query_as("SELECT COUNT(*), MIN(at) FROM login_attempts WHERE key = $1 AND at > $2")
        .bind(key)
        .bind(since)
        .fetch_one(pool)
        .await
}

/// Counts an attempt, forgetting this key's attempts that fell out of the window; the
/// attempt's id, to forget it again.
pub async fn record_attempt(pool: &AnyPool, key: &str, now: i64, since: i64) -> sqlx::Result<i64> {
    sqlx::query("DELETE FROM login_attempts WHERE key = $1 AND at <= $2")
        .bind(key)
        .bind(since)
        .execute(pool)
        .await?;
    sqlx::query_scalar("INSERT INTO login_attempts (key, at) VALUES ($1, $2) RETURNING id")
        .bind(key)
        .bind(now)
        .fetch_one(pool)
        .await
}

pub async fn forget_attempt(pool: &AnyPool, id: i64) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM login_attempts WHERE id = $1")
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn clear_attempts(pool: &AnyPool, key: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM login_attempts WHERE key = $1")
        .bind(key)
        .execute(pool)
        .await?;
    Ok(())
}

/// Gives every guest order placed with `email` to the customer; how many it took.
pub async fn claim_orders_by_email(
    tx: &mut Transaction<'_, Any>,
    customer_id: i64,
    email: &str,
) -> sqlx::Result<u64> {
    let done = sqlx::query(
        "UPDATE orders SET customer_id = $1 WHERE customer_id IS NULL AND LOWER(email) = $2",
    )
    .bind(customer_id)
    .bind(email)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected())
}

/// What deciding who may see or claim an order needs.
#[derive(Debug, Clone, FromRow)]
pub struct OrderOwner {
    pub id: i64,
    pub email: String,
    pub access_hash: String,
    pub customer_id: Option<i64>,
}

pub async fn order_owner(pool: &AnyPool, number: &str) -> sqlx::Result<Option<OrderOwner>> {
    sqlx::query_as("SELECT id, email, access_hash, customer_id FROM orders WHERE number = $1")
        .bind(number)
        .fetch_optional(pool)
        .await
}

/// Gives one guest order to the customer, if it is still a guest's.
pub async fn claim_order(pool: &AnyPool, order_id: i64, customer_id: i64) -> sqlx::Result<bool> {
    let done =
        sqlx::query("UPDATE orders SET customer_id = $1 WHERE id = $2 AND customer_id IS NULL")
            .bind(customer_id)
            .bind(order_id)
            .execute(pool)
            .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(Debug, Clone, FromRow)]
pub struct OrderSummaryRow {
    pub number: String,
    pub status: String,
    pub currency: String,
    pub total: i64,
    pub items: i64,
    pub created_at: String,
}

/// A page of the customer's orders, newest first, and how many there are in all.
pub async fn orders_of(
    pool: &AnyPool,
    customer_id: i64,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<OrderSummaryRow>, i64)> {
    // SUM of BIGINT is NUMERIC on PostgreSQL: cast back so both engines answer an integer.
    let rows = sqlx::query_as(
        "SELECT o.number, o.status, o.currency, o.total, o.created_at, \
         CAST(COALESCE((SELECT SUM(l.qty) FROM order_lines l WHERE l.order_id = o.id), 0) AS BIGINT) AS items \
         FROM orders o WHERE o.customer_id = $1 ORDER BY o.id DESC LIMIT $2 OFFSET $3",
    )
    .bind(customer_id)
    .bind(limit)
    .bind(offset)
    .fetch_all(pool)
    .await?;
    let total = sqlx::query_scalar("SELECT COUNT(*) FROM orders WHERE customer_id = $1")
        .bind(customer_id)
        .fetch_one(pool)
        .await?;
    Ok((rows, total))
}

#[derive(Debug, Clone, FromRow)]
pub struct StaffRow {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: String,
}

/// Every account with a role other than customer, oldest first.
pub async fn staff(pool: &AnyPool) -> sqlx::Result<Vec<StaffRow>> {
    sqlx::query_as(
        "SELECT id, email, name, role FROM customers WHERE role <> 'customer' ORDER BY id",
    )
    .fetch_all(pool)
    .await
}

/// Sets the account's role if it still is `before` (so that the audit row tells the truth
/// when two admins race); whether it did.
pub async fn set_role(
    tx: &mut Transaction<'_, Any>,
    id: i64,
    before: &str,
    after: &str,
    now: &str,
) -> sqlx::Result<bool> {
    let done =
        sqlx::query("UPDATE customers SET role = $1, updated_at = $2 WHERE id = $3 AND role = $4")
            .bind(after)
            .bind(now)
            .bind(id)
            .bind(before)
            .execute(&mut **tx)
            .await?;
    Ok(done.rows_affected() == 1)
}
