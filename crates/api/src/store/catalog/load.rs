//! Reading the catalog.

use sqlx::{AnyPool, FromRow};

use crate::db::{Backend, Db};
use crate::store::pricing::{self, PromotionRow, RateRow};

#[derive(Debug, Clone, FromRow)]
pub struct ColourRow {
    pub code: String,
    pub hex: String,
    pub name_zh_tw: String,
    pub name_en: String,
}

#[derive(Debug, Clone, FromRow)]
pub struct CategoryRow {
    pub id: i64,
    pub slug: String,
    pub parent_id: Option<i64>,
    pub position: i64,
    pub name_zh_tw: String,
    pub name_en: String,
    pub description_zh_tw: String,
    pub description_en: String,
    pub image: String,
}

#[derive(Debug, Clone, FromRow)]
pub struct ProductRow {
    pub id: i64,
    pub slug: String,
    pub category_id: i64,
    pub brand: String,
    pub title_zh_tw: String,
    pub title_en: String,
    pub summary_zh_tw: String,
    pub summary_en: String,
    pub description_zh_tw: String,
    pub description_en: String,
    pub seo_title_zh_tw: String,
    pub seo_title_en: String,
    pub seo_description_zh_tw: String,
    pub seo_description_en: String,
    pub popularity: i64,
    pub featured: i64,
    pub created_at: String,
}

#[derive(Debug, Clone, FromRow)]
pub struct ImageRow {
    pub product_id: i64,
    pub src: String,
    pub alt_zh_tw: String,
    pub alt_en: String,
    pub width: i64,
    pub height: i64,
}

#[derive(Debug, Clone, FromRow)]
pub struct SpecRow {
    pub product_id: i64,
    pub name_zh_tw: String,
    pub name_en: String,
    pub value_zh_tw: String,
    pub value_en: String,
}

#[derive(Debug, Clone, FromRow)]
pub struct VariantRow {
    pub product_id: i64,
    pub sku: String,
    pub size: Option<String>,
    pub colour: Option<String>,
    pub currency: String,
    pub price: i64,
    pub compare_at: Option<i64>,
    /// On hand minus reserved.
    pub available: i64,
    pub weight_grams: i64,
    pub image_position: Option<i64>,
}

/// The whole catalog at one instant, rows in display order.
#[derive(Debug, Clone, Default)]
pub struct CatalogRows {
    pub version: i64,
    pub colours: Vec<ColourRow>,
    pub categories: Vec<CategoryRow>,
    pub products: Vec<ProductRow>,
    pub images: Vec<ImageRow>,
    pub specs: Vec<SpecRow>,
    pub variants: Vec<VariantRow>,
    /// Promotions that apply by themselves, and shipping rates: priced with the catalog.
    pub promotions: Vec<PromotionRow>,
    pub rates: Vec<RateRow>,
}

const VARIANT_COLUMNS: &str = "v.product_id, v.sku, v.size, v.colour, v.currency, v.price, \
     v.compare_at, v.on_hand - v.reserved AS available, v.weight_grams, v.image_position";

/// Reads everything in one transaction, so that the rows agree with each other and with the
/// version read alongside them.
pub async fn load(db: &Db) -> sqlx::Result<CatalogRows> {
    let mut tx = db.pool().begin().await?;
    if db.backend() == Backend::Postgres {
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            .execute(&mut *tx)
            .await?;
    }
    let version = sqlx::query_scalar("SELECT version FROM catalog_state WHERE id = 1")
        .fetch_one(&mut *tx)
        .await?;
    let colours =
        sqlx::query_as("SELECT code, hex, name_zh_tw, name_en FROM colours ORDER BY code")
            .fetch_all(&mut *tx)
            .await?;
    let categories = sqlx::query_as(
        "SELECT id, slug, parent_id, position, name_zh_tw, name_en, description_zh_tw, \
         description_en, image FROM categories ORDER BY position, id",
    )
    .fetch_all(&mut *tx)
    .await?;
    let products = sqlx::query_as(
        "SELECT id, slug, category_id, brand, title_zh_tw, title_en, summary_zh_tw, summary_en, \
         description_zh_tw, description_en, seo_title_zh_tw, seo_title_en, \
         seo_description_zh_tw, seo_description_en, popularity, featured, created_at \
         FROM products ORDER BY id",
    )
    .fetch_all(&mut *tx)
    .await?;
    let images = sqlx::query_as(
        "SELECT product_id, src, alt_zh_tw, alt_en, width, height \
         FROM product_images ORDER BY product_id, position",
    )
    .fetch_all(&mut *tx)
    .await?;
    let specs = sqlx::query_as(
        "SELECT product_id, name_zh_tw, name_en, value_zh_tw, value_en \
         FROM product_specs ORDER BY product_id, position",
    )
    .fetch_all(&mut *tx)
    .await?;
    let variants = sqlx::query_as(&format!(
        "SELECT {VARIANT_COLUMNS} FROM variants v ORDER BY v.product_id, v.position, v.id"
    ))
    .fetch_all(&mut *tx)
    .await?;
    let promotions = pricing::automatic_promotions(&mut tx).await?;
    let rates = pricing::shipping_rates(&mut tx).await?;
    tx.commit().await?;
    Ok(CatalogRows {
        promotions,
        rates,
        version,
        colours,
        categories,
        products,
        images,
        specs,
        variants,
    })
}

pub async fn version(pool: &AnyPool) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT version FROM catalog_state WHERE id = 1")
        .fetch_one(pool)
        .await
}

/// Units available now, for every SKU.
pub async fn load_stock(pool: &AnyPool) -> sqlx::Result<Vec<(String, i64)>> {
    sqlx::query_as("SELECT sku, on_hand - reserved FROM variants")
        .fetch_all(pool)
        .await
}

/// Units available now for these SKUs (unknown ones are absent), from the pool or inside a
/// transaction.
pub async fn load_skus_stock<'c, E>(db: E, skus: &[&str]) -> sqlx::Result<Vec<(String, i64)>>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    if skus.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders: Vec<String> = (1..=skus.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT sku, on_hand - reserved FROM variants WHERE sku IN ({})",
        placeholders.join(", ")
    );
    let mut query = sqlx::query_as(&sql);
    for sku in skus {
        query = query.bind(*sku);
    }
    query.fetch_all(db).await
}

/// Units available now for one product's SKUs: the product page reads stock live.
pub async fn load_product_stock(pool: &AnyPool, slug: &str) -> sqlx::Result<Vec<(String, i64)>> {
    sqlx::query_as(
        "SELECT v.sku, v.on_hand - v.reserved FROM variants v \
         JOIN products p ON p.id = v.product_id WHERE p.slug = $1",
    )
    .bind(slug)
    .fetch_all(pool)
    .await
}
