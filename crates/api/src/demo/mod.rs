//! The demo store: a Taiwanese shop's catalog in zh-TW and English, written into the database
//! by `fourflow seed`. Seeding is idempotent: run it again and the catalog is the same, with
//! stock that was sold since left as it is.

use anyhow::Context;
use serde::Deserialize;

pub mod history;
pub mod pricing;

use crate::db::Db;
use crate::store::catalog::{self, CategoryInput, ColourInput, ProductInput};

/// The catalog, with its images under `public/demo/`.
const CATALOG_JSON: &str = include_str!("catalog.json");

#[derive(Debug, Deserialize)]
pub struct DemoCatalog {
    pub colours: Vec<ColourInput>,
    pub categories: Vec<CategoryInput>,
    pub products: Vec<ProductInput>,
}

pub fn catalog() -> anyhow::Result<DemoCatalog> {
    serde_json::from_str(CATALOG_JSON).context("reading the demo catalog")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeedReport {
    pub categories: usize,
    pub products: usize,
    pub variants: usize,
}

/// Writes the demo catalog in one transaction: all of it or, on error, none of it.
pub async fn seed(db: &Db) -> anyhow::Result<SeedReport> {
    let demo = catalog()?;
    let mut tx = db.pool().begin().await?;
    for colour in &demo.colours {
        catalog::upsert_colour(&mut tx, colour).await?;
    }
    // Parents before children, whatever the order in the file.
    let mut categories: Vec<&CategoryInput> = demo.categories.iter().collect();
    categories.sort_by_key(|c| c.parent.is_some());
    for category in categories {
        catalog::upsert_category(&mut tx, category)
            .await
            .with_context(|| format!("category {}", category.slug))?;
    }
    for product in &demo.products {
        catalog::upsert_product(&mut tx, product)
            .await
            .with_context(|| format!("product {}", product.slug))?;
    }
    pricing::seed(&mut tx).await?;
    history::seed(&mut tx, &demo).await?;
    catalog::bump_version(&mut tx).await?;
    tx.commit().await?;
    Ok(SeedReport {
        categories: demo.categories.len(),
        products: demo.products.len(),
        variants: demo.products.iter().map(|p| p.variants.len()).sum(),
    })
}
