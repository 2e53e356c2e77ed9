//! SKUs for merchandising: prices and stock as they are in the database (not the catalog's
//! snapshot, which may be a moment behind), and the changes staff make to them. Stock moves
//! with one conditional statement, so it can never fall below what orders hold.

use sqlx::{Any, AnyPool, FromRow, Transaction};

#[derive(Debug, Clone, FromRow)]
pub struct SkuRow {
    pub sku: String,
    pub product: String,
    pub title_zh_tw: String,
    pub title_en: String,
    pub currency: String,
    pub price: i64,
    pub compare_at: Option<i64>,
    pub on_hand: i64,
    pub reserved: i64,
    pub weight_grams: i64,
}

const SELECT: &str = "SELECT v.sku, p.slug AS product, p.title_zh_tw, p.title_en, v.currency, \
     v.price, v.compare_at, v.on_hand, v.reserved, v.weight_grams \
     FROM variants v JOIN products p ON p.id = v.product_id";

/// A page of SKUs in catalog order, those whose SKU, product slug or title holds `text`
/// (lower-case) when given, and how many match.
pub async fn page(
    pool: &AnyPool,
    text: Option<&str>,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<SkuRow>, i64)> {
    let filter = " WHERE LOWER(v.sku) LIKE $1 ESCAPE '\\' OR LOWER(p.slug) LIKE $1 ESCAPE '\\' \
         OR LOWER(p.title_zh_tw) LIKE $1 ESCAPE '\\' OR LOWER(p.title_en) LIKE $1 ESCAPE '\\'";
    let pattern = text.map(|t| {
        let escaped = t
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        format!("%{escaped}%")
    });
    let clause = if pattern.is_some() { filter } else { "" };
    let rows_sql =
        format!("{SELECT}{clause} ORDER BY p.id, v.position, v.id LIMIT {limit} OFFSET {offset}");
    let count_sql =
        format!("SELECT COUNT(*) FROM variants v JOIN products p ON p.id = v.product_id{clause}");
    let mut rows = sqlx::query_as::<_, SkuRow>(&rows_sql);
    let mut count = sqlx::query_scalar::<_, i64>(&count_sql);
    if let Some(pattern) = &pattern {
        rows = rows.bind(pattern);
        count = count.bind(pattern);
    }
    Ok((rows.fetch_all(pool).await?, count.fetch_one(pool).await?))
}

/// Every SKU, in catalog order (the CSV export).
pub async fn all(pool: &AnyPool) -> sqlx::Result<Vec<SkuRow>> {
    sqlx::query_as(&format!("{SELECT} ORDER BY p.id, v.position, v.id"))
        .fetch_all(pool)
        .await
}

/// One SKU, read in the transaction that will change it.
pub async fn one(tx: &mut Transaction<'_, Any>, sku: &str) -> sqlx::Result<Option<SkuRow>> {
    sqlx::query_as(&format!("{SELECT} WHERE v.sku = $1"))
        .bind(sku)
        .fetch_optional(&mut **tx)
        .await
}

/// Sets the price, was-price and weight.
pub async fn set_price(
    tx: &mut Transaction<'_, Any>,
    sku: &str,
    price: i64,
    compare_at: Option<i64>,
    weight_grams: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE variants SET price = $1, compare_at = $2, weight_grams = $3 WHERE sku = $4",
    )
    .bind(price)
    .bind(compare_at)
    .bind(weight_grams)
    .bind(sku)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Moves `delta` units on hand if that leaves at least what orders hold — and, for a count
/// that sets an absolute figure, if the count is still `expected` (nobody sold or moved units
/// meanwhile); false otherwise.
pub async fn move_on_hand(
    tx: &mut Transaction<'_, Any>,
    sku: &str,
    delta: i64,
    expected: Option<i64>,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE variants SET on_hand = on_hand + $1 \
         WHERE sku = $2 AND on_hand + $1 >= reserved AND ($3 IS NULL OR on_hand = $3)",
    )
    .bind(delta)
    .bind(sku)
    .bind(expected)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The id of the product with this slug, read in the caller's transaction.
pub async fn product_id(tx: &mut Transaction<'_, Any>, slug: &str) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT id FROM products WHERE slug = $1")
        .bind(slug)
        .fetch_optional(&mut **tx)
        .await
}
