//! Writing the catalog: upserts keyed by slug and SKU, so that writing the same input twice
//! leaves the same catalog (seeding is idempotent) and live stock is never reset.

use fourflow_core::catalog::{ProductImage, Sku, Slug, Spec};
use fourflow_core::Localized;
use serde::Deserialize;
use sqlx::{Any, Transaction};

use crate::store::now_text;

#[derive(Debug, Clone, Deserialize)]
pub struct ColourInput {
    pub code: String,
    pub hex: String,
    pub name: Localized,
}

#[derive(Debug, Clone, Deserialize)]
pub struct CategoryInput {
    pub slug: Slug,
    pub parent: Option<Slug>,
    pub position: i64,
    pub name: Localized,
    pub description: Localized,
    pub image: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ProductInput {
    pub slug: Slug,
    pub category: Slug,
    pub brand: String,
    pub title: Localized,
    pub summary: Localized,
    /// Markdown.
    pub description: Localized,
    pub created_at: String,
    pub popularity: i64,
    pub featured: bool,
    pub images: Vec<ProductImage>,
    pub specs: Vec<Spec>,
    pub variants: Vec<VariantInput>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct VariantInput {
    pub sku: Sku,
    pub size: Option<String>,
    pub colour: Option<String>,
    /// Minor units of TWD.
    pub price: i64,
    pub compare_at: Option<i64>,
    /// Units on hand when the variant is first created.
    pub stock: i64,
    pub weight_grams: i64,
    /// Index into the product's images.
    pub image: Option<i64>,
}

pub async fn upsert_colour(tx: &mut Transaction<'_, Any>, c: &ColourInput) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO colours (code, hex, name_zh_tw, name_en) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (code) DO UPDATE SET hex = excluded.hex, \
         name_zh_tw = excluded.name_zh_tw, name_en = excluded.name_en",
    )
    .bind(&c.code)
    .bind(&c.hex)
    .bind(&c.name.zh_tw)
    .bind(&c.name.en)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The parent, when named, must already exist.
pub async fn upsert_category(tx: &mut Transaction<'_, Any>, c: &CategoryInput) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO categories (slug, parent_id, position, name_zh_tw, name_en, \
         description_zh_tw, description_en, image) \
         VALUES ($1, (SELECT id FROM categories WHERE slug = $2), $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (slug) DO UPDATE SET parent_id = excluded.parent_id, \
         position = excluded.position, name_zh_tw = excluded.name_zh_tw, \
         name_en = excluded.name_en, description_zh_tw = excluded.description_zh_tw, \
         description_en = excluded.description_en, image = excluded.image",
    )
    .bind(c.slug.as_str())
    .bind(c.parent.as_ref().map(Slug::as_str))
    .bind(c.position)
    .bind(&c.name.zh_tw)
    .bind(&c.name.en)
    .bind(&c.description.zh_tw)
    .bind(&c.description.en)
    .bind(&c.image)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Writes a product with its images, specs and variants. A variant's stock is only set when
/// the variant is new: re-running the seed must not undo sales.
pub async fn upsert_product(tx: &mut Transaction<'_, Any>, p: &ProductInput) -> sqlx::Result<i64> {
    let now = now_text();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO products (slug, category_id, brand, title_zh_tw, title_en, summary_zh_tw, \
         summary_en, description_zh_tw, description_en, popularity, featured, created_at, updated_at) \
         VALUES ($1, (SELECT id FROM categories WHERE slug = $2), $3, $4, $5, $6, $7, $8, $9, \
         $10, $11, $12, $13) \
         ON CONFLICT (slug) DO UPDATE SET category_id = excluded.category_id, \
         brand = excluded.brand, title_zh_tw = excluded.title_zh_tw, title_en = excluded.title_en, \
         summary_zh_tw = excluded.summary_zh_tw, summary_en = excluded.summary_en, \
         description_zh_tw = excluded.description_zh_tw, description_en = excluded.description_en, \
         popularity = excluded.popularity, featured = excluded.featured, \
         created_at = excluded.created_at, updated_at = excluded.updated_at \
         RETURNING id",
    )
    .bind(p.slug.as_str())
    .bind(p.category.as_str())
    .bind(&p.brand)
    .bind(&p.title.zh_tw)
    .bind(&p.title.en)
    .bind(&p.summary.zh_tw)
    .bind(&p.summary.en)
    .bind(&p.description.zh_tw)
    .bind(&p.description.en)
    .bind(p.popularity)
    .bind(i64::from(p.featured))
    .bind(&p.created_at)
    .bind(&now)
    .fetch_one(&mut **tx)
    .await?;

    replace_images(tx, id, &p.images).await?;
    replace_specs(tx, id, &p.specs).await?;
    for (position, v) in p.variants.iter().enumerate() {
        upsert_variant(tx, id, position as i64, v).await?;
    }
    Ok(id)
}

/// Writes a variant of product `product_id`; a new one starts with `v.stock` on hand, an
/// existing one keeps its stock (its sales are not undone).
pub async fn upsert_variant(
    tx: &mut Transaction<'_, Any>,
    product_id: i64,
    position: i64,
    v: &VariantInput,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO variants (sku, product_id, position, size, colour, price, compare_at, \
         on_hand, weight_grams, image_position) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
         ON CONFLICT (sku) DO UPDATE SET product_id = excluded.product_id, \
         position = excluded.position, size = excluded.size, colour = excluded.colour, \
         price = excluded.price, compare_at = excluded.compare_at, \
         weight_grams = excluded.weight_grams, image_position = excluded.image_position",
    )
    .bind(v.sku.as_str())
    .bind(product_id)
    .bind(position)
    .bind(v.size.as_deref())
    .bind(v.colour.as_deref())
    .bind(v.price)
    .bind(v.compare_at)
    .bind(v.stock)
    .bind(v.weight_grams)
    .bind(v.image)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Replaces a product's images, in the order given.
pub async fn replace_images(
    tx: &mut Transaction<'_, Any>,
    product_id: i64,
    images: &[ProductImage],
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM product_images WHERE product_id = $1")
        .bind(product_id)
        .execute(&mut **tx)
        .await?;
    for (position, image) in images.iter().enumerate() {
        sqlx::query(
            "INSERT INTO product_images (product_id, position, src, alt_zh_tw, alt_en, width, height) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(product_id)
        .bind(position as i64)
        .bind(&image.src)
        .bind(&image.alt.zh_tw)
        .bind(&image.alt.en)
        .bind(i64::from(image.width))
        .bind(i64::from(image.height))
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Replaces a product's specification rows, in the order given.
pub async fn replace_specs(
    tx: &mut Transaction<'_, Any>,
    product_id: i64,
    specs: &[Spec],
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM product_specs WHERE product_id = $1")
        .bind(product_id)
        .execute(&mut **tx)
        .await?;
    for (position, spec) in specs.iter().enumerate() {
        sqlx::query(
            "INSERT INTO product_specs (product_id, position, name_zh_tw, name_en, value_zh_tw, value_en) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(product_id)
        .bind(position as i64)
        .bind(&spec.name.zh_tw)
        .bind(&spec.name.en)
        .bind(&spec.value.zh_tw)
        .bind(&spec.value.en)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// A product's shelf, brand and billing on the home page; its id, or none for no such slug.
pub async fn arrange_product(
    tx: &mut Transaction<'_, Any>,
    slug: &str,
    category: &str,
    brand: &str,
    featured: bool,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "UPDATE products SET category_id = (SELECT id FROM categories WHERE slug = $1), \
         brand = $2, featured = $3, updated_at = $4 WHERE slug = $5 RETURNING id",
    )
    .bind(category)
    .bind(brand)
    .bind(i64::from(featured))
    .bind(now_text())
    .bind(slug)
    .fetch_optional(&mut **tx)
    .await
}

/// Tells every replica that the catalog changed.
pub async fn bump_version(tx: &mut Transaction<'_, Any>) -> sqlx::Result<()> {
    sqlx::query("UPDATE catalog_state SET version = version + 1 WHERE id = 1")
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Sets a variant's units on hand to `on_hand` and clears what orders hold of it (a stock
/// count that starts the SKU afresh; orders still holding units then release nothing), and
/// tells every replica, in the caller's transaction. False, changing nothing, when no variant
/// has this SKU.
pub async fn set_on_hand(
    tx: &mut Transaction<'_, Any>,
    sku: &str,
    on_hand: i64,
) -> sqlx::Result<bool> {
    let done = sqlx::query("UPDATE variants SET on_hand = $1, reserved = 0 WHERE sku = $2")
        .bind(on_hand)
        .bind(sku)
        .execute(&mut **tx)
        .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    bump_version(tx).await?;
    Ok(true)
}
