//! The catalog read model: an in-memory snapshot of the catalog, refreshed from the database,
//! that answers listings, search and product pages.
//!
//! Why in memory: a listing with facet counts over the whole catalog is the hottest request of
//! a shop and the catalog changes rarely, so computing it from memory keeps it fast and makes
//! search behave identically on SQLite and PostgreSQL. Content is reloaded when the
//! `catalog_state.version` row moves (bumped in the same transaction as any catalog change);
//! stock, which moves with every order, is re-read on every tick, and the product page reads
//! it live.

mod detail;
mod index;
mod listing;
mod snapshot;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use fourflow_core::catalog::{
    CategoryTree, ProductDetail, ProductQuery, ProductSummary, Suggestions, Variant,
};

pub use snapshot::{Catalog, ProductRecord};

use axum::body::Bytes;

use crate::db::Db;
use crate::error::ApiResult;
use crate::store;

/// Listings remembered per view; past this many distinct queries the memory starts afresh.
const REMEMBERED_LISTINGS: usize = 1024;

/// Units available per SKU, as last read.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Stock(HashMap<String, u32>);

impl Stock {
    fn from_rows(rows: Vec<(String, i64)>) -> Stock {
        Stock(
            rows.into_iter()
                .map(|(sku, n)| (sku, u32::try_from(n.max(0)).unwrap_or(u32::MAX)))
                .collect(),
        )
    }

    /// Falls back to the figure in the snapshot for a SKU created since the last read.
    pub fn available(&self, v: &Variant) -> u32 {
        self.0.get(v.sku.as_str()).copied().unwrap_or(v.available)
    }

    /// The product's card, its stock as last read.
    pub fn summary(&self, p: &snapshot::ProductRecord) -> ProductSummary {
        let mut summary = p.summary.clone();
        summary.in_stock = p.variants().iter().any(|v| self.available(v) > 0);
        if let (Some(quick), [only]) = (&mut summary.quick_add, p.variants()) {
            quick.available = self.available(only);
        }
        summary
    }
}

#[derive(Clone)]
struct View {
    catalog: Arc<Catalog>,
    stock: Arc<Stock>,
    /// Listings already answered from this very catalog and stock, as JSON. Shoppers ask the
    /// same few listings over and over (a department's first page), and a new view starts
    /// with an empty memory, so nothing stale is ever served.
    listings: Arc<Mutex<HashMap<ProductQuery, Bytes>>>,
}

impl View {
    fn new(catalog: Arc<Catalog>, stock: Arc<Stock>) -> View {
        View {
            catalog,
            stock,
            listings: Arc::default(),
        }
    }
}

/// Shared by every request; cheap to clone.
#[derive(Clone)]
pub struct CatalogService {
    db: Db,
    view: Arc<RwLock<View>>,
    /// Co-purchase affinities over the current snapshot, for recommendations.
    pub(crate) co_purchases: crate::services::recommendations::CoPurchaseCache,
}

impl CatalogService {
    /// Loads the catalog now; fails if the database cannot be read.
    pub async fn load(db: Db) -> anyhow::Result<CatalogService> {
        let rows = store::catalog::load(&db).await?;
        let stock = Stock::from_rows(store::catalog::load_stock(db.pool()).await?);
        let view = View::new(Arc::new(Catalog::build(rows)), Arc::new(stock));
        Ok(CatalogService {
            co_purchases: crate::services::recommendations::CoPurchaseCache::new(db.clone()),
            db,
            view: Arc::new(RwLock::new(view)),
        })
    }

    fn view(&self) -> View {
        self.view.read().expect("catalog lock poisoned").clone()
    }

    pub fn snapshot(&self) -> Arc<Catalog> {
        self.view().catalog
    }

    /// The snapshot with the stock last read alongside it, for read models built on both.
    pub fn current(&self) -> (Arc<Catalog>, Arc<Stock>) {
        let view = self.view();
        (view.catalog, view.stock)
    }

    /// Re-reads stock, and the content too when its version moved. Writers in this process
    /// call it after committing so that their change is visible at once; other replicas pick
    /// it up on their next tick.
    pub async fn refresh(&self) -> anyhow::Result<()> {
        let current = self.view();
        let version = store::catalog::version(self.db.pool()).await?;
        let stock = Stock::from_rows(store::catalog::load_stock(self.db.pool()).await?);
        if version == current.catalog.version && stock == *current.stock {
            return Ok(()); // keep the view, and the listings it remembers
        }
        let catalog = if version != current.catalog.version {
            Arc::new(Catalog::build(store::catalog::load(&self.db).await?))
        } else {
            current.catalog
        };
        *self.view.write().expect("catalog lock poisoned") = View::new(catalog, Arc::new(stock));
        Ok(())
    }

    /// Refreshes every `every` until the process ends.
    pub fn spawn_refresher(&self, every: Duration) -> tokio::task::JoinHandle<()> {
        let service = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                if let Err(error) = service.refresh().await {
                    tracing::warn!(?error, "catalog refresh failed; serving the last snapshot");
                }
            }
        })
    }

    /// A product's card with its stock as last read.
    pub fn card(&self, product: &snapshot::ProductRecord) -> ProductSummary {
        self.view().stock.summary(product)
    }

    pub fn categories(&self) -> CategoryTree {
        self.snapshot().tree.clone()
    }

    /// The listing as JSON, from memory when this view has answered the same query before.
    pub fn list_json(&self, query: &ProductQuery) -> ApiResult<Bytes> {
        let view = self.view();
        let remembered = view
            .listings
            .lock()
            .expect("listings lock poisoned")
            .get(query)
            .cloned();
        if let Some(json) = remembered {
            return Ok(json);
        }
        let list = listing::list(&view.catalog, &view.stock, query)?;
        let json = Bytes::from(serde_json::to_vec(&list).map_err(anyhow::Error::from)?);
        let mut listings = view.listings.lock().expect("listings lock poisoned");
        if listings.len() >= REMEMBERED_LISTINGS {
            listings.clear();
        }
        listings.insert(query.clone(), json.clone());
        Ok(json)
    }

    /// The product page, with stock read live from the database.
    pub async fn product(&self, slug: &str) -> ApiResult<ProductDetail> {
        let view = self.view();
        let live = match view.catalog.product(slug) {
            Some(_) => {
                Stock::from_rows(store::catalog::load_product_stock(self.db.pool(), slug).await?)
            }
            None => Stock::default(),
        };
        detail::detail(&view.catalog, &view.stock, &live, slug)
    }

    pub fn suggestions(&self, text: &str) -> Suggestions {
        let view = self.view();
        detail::suggestions(&view.catalog, &view.stock, text)
    }
}
