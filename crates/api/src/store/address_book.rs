//! What a customer keeps on the account between visits: the address book and the saved cart.
//! Every query is scoped by the customer, so that another customer's id finds nothing.

use fourflow_core::account::AddressInput;
use sqlx::{Any, AnyPool, FromRow, Transaction};

#[derive(Debug, Clone, FromRow)]
pub struct AddressRow {
    pub id: i64,
    pub label: String,
    pub name: String,
    pub phone: String,
    pub postal_code: String,
    pub city: String,
    pub district: String,
    pub line: String,
    pub is_default: i64,
}

/// The customer's addresses, the default first, then in the order they were added.
pub async fn addresses<'c, E>(db: E, customer_id: i64) -> sqlx::Result<Vec<AddressRow>>
where
    E: sqlx::Executor<'c, Database = Any>,
{
    sqlx::query_as(
        "SELECT id, label, name, phone, postal_code, city, district, line, is_default \
         FROM addresses WHERE customer_id = $1 ORDER BY is_default DESC, id",
    )
    .bind(customer_id)
    .fetch_all(db)
    .await
}

pub async fn insert_address(
    tx: &mut Transaction<'_, Any>,
    customer_id: i64,
    a: &AddressInput,
    is_default: bool,
    now: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO addresses (customer_id, label, name, phone, postal_code, city, district, \
         line, is_default, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
         RETURNING id",
    )
    .bind(customer_id)
    .bind(a.label.trim())
    .bind(a.name.trim())
    .bind(a.phone.trim())
    .bind(a.postal_code.trim())
    .bind(a.city.trim())
    .bind(a.district.trim())
    .bind(a.line.trim())
    .bind(i64::from(is_default))
    .bind(now)
    .fetch_one(&mut **tx)
    .await
}

/// Replaces one of the customer's addresses; false when the customer has no such address.
pub async fn update_address(
    tx: &mut Transaction<'_, Any>,
    customer_id: i64,
    id: i64,
    a: &AddressInput,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE addresses SET label = $1, name = $2, phone = $3, postal_code = $4, city = $5, \
         district = $6, line = $7, is_default = $8 WHERE id = $9 AND customer_id = $10",
    )
    .bind(a.label.trim())
    .bind(a.name.trim())
    .bind(a.phone.trim())
    .bind(a.postal_code.trim())
    .bind(a.city.trim())
    .bind(a.district.trim())
    .bind(a.line.trim())
    .bind(i64::from(a.is_default))
    .bind(id)
    .bind(customer_id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn delete_address(
    tx: &mut Transaction<'_, Any>,
    customer_id: i64,
    id: i64,
) -> sqlx::Result<bool> {
    let done = sqlx::query("DELETE FROM addresses WHERE id = $1 AND customer_id = $2")
        .bind(id)
        .bind(customer_id)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Makes `id` the only default (or, with `None`, the oldest address, if there is no default
/// left): one default at most, and one at least while there are addresses.
pub async fn settle_default(
    tx: &mut Transaction<'_, Any>,
    customer_id: i64,
    id: Option<i64>,
) -> sqlx::Result<()> {
    match id {
        Some(id) => {
            sqlx::query(
                "UPDATE addresses SET is_default = CASE WHEN id = $1 THEN 1 ELSE 0 END \
                 WHERE customer_id = $2",
            )
            .bind(id)
            .bind(customer_id)
            .execute(&mut **tx)
            .await?;
        }
        None => {
            sqlx::query(
                "UPDATE addresses SET is_default = 1 WHERE customer_id = $1 AND id = \
                 (SELECT MIN(id) FROM addresses WHERE customer_id = $1) AND NOT EXISTS \
                 (SELECT 1 FROM addresses WHERE customer_id = $1 AND is_default = 1)",
            )
            .bind(customer_id)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

/// The saved cart's lines (JSON), if the customer has one.
pub async fn saved_cart<'c, E>(db: E, customer_id: i64) -> sqlx::Result<Option<String>>
where
    E: sqlx::Executor<'c, Database = Any>,
{
    sqlx::query_scalar("SELECT lines FROM saved_carts WHERE customer_id = $1")
        .bind(customer_id)
        .fetch_optional(db)
        .await
}

pub async fn save_cart(
    pool: &AnyPool,
    customer_id: i64,
    lines_json: &str,
    now: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO saved_carts (customer_id, lines, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (customer_id) DO UPDATE SET lines = excluded.lines, \
         updated_at = excluded.updated_at",
    )
    .bind(customer_id)
    .bind(lines_json)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(())
}
