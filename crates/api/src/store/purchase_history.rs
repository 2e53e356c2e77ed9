//! Past orders' lines, kept for recommendations: which products were bought in the same order.
//! Seeding writes the demo's history here; the co-purchase read model reads it as counts.

use sqlx::{Any, Transaction};

use crate::db::{Backend, Db};

/// Lines written per statement: few round trips, well under SQLite's parameter limit.
const LINES_PER_INSERT: usize = 100;

/// One product of one past order, the product named by slug.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryLine {
    pub order_ref: String,
    pub product: String,
    pub qty: i64,
    /// RFC 3339 UTC.
    pub purchased_at: String,
}

/// Writes the lines. A line already stored (same order, same product) is left as it is, so
/// that writing the same history twice adds nothing; an unknown slug is an error. Returns how
/// many lines were new.
pub async fn insert_lines(
    tx: &mut Transaction<'_, Any>,
    lines: &[HistoryLine],
) -> sqlx::Result<u64> {
    let mut written = 0;
    for chunk in lines.chunks(LINES_PER_INSERT) {
        let values: Vec<String> = (0..chunk.len())
            .map(|i| {
                let n = i * 4;
                format!(
                    "(${}, (SELECT id FROM products WHERE slug = ${}), ${}, ${})",
                    n + 1,
                    n + 2,
                    n + 3,
                    n + 4
                )
            })
            .collect();
        let sql = format!(
            "INSERT INTO purchase_history (order_ref, product_id, qty, purchased_at) VALUES {} \
             ON CONFLICT (order_ref, product_id) DO NOTHING",
            values.join(", ")
        );
        let mut query = sqlx::query(&sql);
        for line in chunk {
            query = query
                .bind(&line.order_ref)
                .bind(&line.product)
                .bind(line.qty)
                .bind(&line.purchased_at);
        }
        written += query.execute(&mut **tx).await?.rows_affected();
    }
    Ok(written)
}

/// The history as the co-purchase model counts it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CoPurchaseRows {
    /// Orders in all.
    pub baskets: i64,
    /// Each product's slug with the number of orders holding it.
    pub products: Vec<(String, i64)>,
    /// Two slugs with the number of orders holding both: each pair once, only pairs held by
    /// at least the asked-for number of orders.
    pub pairs: Vec<(String, String, i64)>,
}

/// Counts orders, orders per product and orders per pair of products, all at one instant.
pub async fn co_purchase_counts(db: &Db, min_together: i64) -> sqlx::Result<CoPurchaseRows> {
    let mut tx = db.pool().begin().await?;
    if db.backend() == Backend::Postgres {
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            .execute(&mut *tx)
            .await?;
    }
    let baskets = sqlx::query_scalar("SELECT COUNT(DISTINCT order_ref) FROM purchase_history")
        .fetch_one(&mut *tx)
        .await?;
    // (order_ref, product_id) is the key: a product counts once per order.
    let products = sqlx::query_as(
        "SELECT p.slug, COUNT(*) FROM purchase_history h \
         JOIN products p ON p.id = h.product_id GROUP BY p.slug ORDER BY p.slug",
    )
    .fetch_all(&mut *tx)
    .await?;
    let pairs = sqlx::query_as(
        "SELECT one.slug, other.slug, t.together FROM ( \
             SELECT a.product_id AS one_id, b.product_id AS other_id, COUNT(*) AS together \
             FROM purchase_history a \
             JOIN purchase_history b ON b.order_ref = a.order_ref AND b.product_id > a.product_id \
             GROUP BY a.product_id, b.product_id \
             HAVING COUNT(*) >= $1 \
         ) t \
         JOIN products one ON one.id = t.one_id \
         JOIN products other ON other.id = t.other_id \
         ORDER BY one.slug, other.slug",
    )
    .bind(min_together)
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(CoPurchaseRows {
        baskets,
        products,
        pairs,
    })
}
