//! Recommendations for the product page and the cart: "frequently bought together", from the
//! co-purchase affinities of the order history, and "similar items", from category, brand,
//! colours, sizes and price. The product page's `related` products are these similar items:
//! the shop has one notion of "similar", and it is here.
//!
//! The affinities are a read model over the purchase history, built for one catalog snapshot
//! (they name its products by position) and rebuilt, on the next request, when the catalog's
//! version moves. Seeding writes history and bumps that version in one transaction.

use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};

use fourflow_core::catalog::{
    CoPurchases, ProductSummary, RecommendationQuery, Recommendations, BOUGHT_WITH_CART,
    FREQUENTLY_BOUGHT_TOGETHER, MIN_BASKETS_TOGETHER, SIMILAR,
};
use fourflow_core::Money;

use crate::db::Db;
use crate::error::{ApiError, ApiResult};
use crate::services::catalog::{Catalog, CatalogService, ProductRecord, Stock};
use crate::store::purchase_history::{self, CoPurchaseRows};

/// The recommendations on a product's page.
pub async fn for_product(service: &CatalogService, slug: &str) -> ApiResult<Recommendations> {
    let (catalog, stock) = service.current();
    let idx = catalog
        .product_index(slug)
        .ok_or_else(|| ApiError::not_found("product"))?;
    let affinities = service.co_purchases.for_catalog(&catalog).await?;
    Ok(Recommendations {
        frequently_bought_together: bought_with(
            &catalog,
            &stock,
            &affinities,
            &[idx],
            FREQUENTLY_BOUGHT_TOGETHER,
        ),
        similar: similar(&catalog, &stock, &[idx]),
    })
}

/// The recommendations beside a cart. Products the catalog does not know (any more) are
/// ignored: a cart kept in a browser may outlive them.
pub async fn for_cart(
    service: &CatalogService,
    query: &RecommendationQuery,
) -> ApiResult<Recommendations> {
    let (catalog, stock) = service.current();
    let cart: Vec<usize> = query
        .products
        .iter()
        .filter_map(|slug| catalog.product_index(slug.as_str()))
        .collect();
    if cart.is_empty() {
        return Ok(Recommendations::default());
    }
    let affinities = service.co_purchases.for_catalog(&catalog).await?;
    Ok(Recommendations {
        frequently_bought_together: bought_with(
            &catalog,
            &stock,
            &affinities,
            &cart,
            BOUGHT_WITH_CART,
        ),
        similar: similar(&catalog, &stock, &cart),
    })
}

/// The co-purchase affinities of one catalog snapshot, kept until the catalog moves on.
#[derive(Clone)]
pub struct CoPurchaseCache {
    db: Db,
    built: Arc<RwLock<Option<Built>>>,
    /// One rebuild at a time; the others wait for it rather than repeat it.
    rebuilding: Arc<tokio::sync::Mutex<()>>,
}

struct Built {
    catalog_version: i64,
    affinities: Arc<CoPurchases<usize>>,
}

impl CoPurchaseCache {
    pub fn new(db: Db) -> CoPurchaseCache {
        CoPurchaseCache {
            db,
            built: Arc::default(),
            rebuilding: Arc::default(),
        }
    }

    fn current(&self, catalog: &Catalog) -> Option<Arc<CoPurchases<usize>>> {
        let built = self.built.read().expect("co-purchase lock poisoned");
        built
            .as_ref()
            .filter(|b| b.catalog_version == catalog.version)
            .map(|b| b.affinities.clone())
    }

    /// The affinities over `catalog`'s products, read from the history if not yet built for
    /// this version of it.
    pub async fn for_catalog(&self, catalog: &Catalog) -> ApiResult<Arc<CoPurchases<usize>>> {
        if let Some(affinities) = self.current(catalog) {
            return Ok(affinities);
        }
        let _turn = self.rebuilding.lock().await;
        if let Some(affinities) = self.current(catalog) {
            return Ok(affinities);
        }
        let rows =
            purchase_history::co_purchase_counts(&self.db, i64::from(MIN_BASKETS_TOGETHER)).await?;
        let affinities = Arc::new(affinities(catalog, &rows));
        let mut built = self.built.write().expect("co-purchase lock poisoned");
        // A request still holding an older snapshot must not replace a newer model.
        if built
            .as_ref()
            .is_none_or(|b| b.catalog_version <= catalog.version)
        {
            *built = Some(Built {
                catalog_version: catalog.version,
                affinities: affinities.clone(),
            });
        }
        Ok(affinities)
    }
}

/// The counts, with products named by their position in `catalog`; products it does not hold
/// are left out.
fn affinities(catalog: &Catalog, rows: &CoPurchaseRows) -> CoPurchases<usize> {
    let count = |n: i64| u32::try_from(n.max(0)).unwrap_or(u32::MAX);
    let per_product: BTreeMap<usize, u32> = rows
        .products
        .iter()
        .filter_map(|(slug, n)| Some((catalog.product_index(slug)?, count(*n))))
        .collect();
    let pairs = rows.pairs.iter().filter_map(|(a, b, n)| {
        Some((
            catalog.product_index(a)?,
            catalog.product_index(b)?,
            count(*n),
        ))
    });
    CoPurchases::from_counts(count(rows.baskets), &per_product, pairs)
}

fn buyable(stock: &Stock, p: &ProductRecord) -> bool {
    p.variants().iter().any(|v| stock.available(v) > 0)
}

/// What was bought with the basket's products, strongest affinity first, what can be bought
/// now before what cannot, the basket's own products left out.
fn bought_with(
    catalog: &Catalog,
    stock: &Stock,
    affinities: &CoPurchases<usize>,
    basket: &[usize],
    limit: usize,
) -> Vec<ProductSummary> {
    let mut ranked = affinities.bought_with(basket);
    // Stable: the affinity order holds within the buyable and within the sold-out.
    ranked.sort_by_key(|&(i, _)| Reverse(buyable(stock, &catalog.products[i])));
    ranked
        .into_iter()
        .take(limit)
        .map(|(i, _)| stock.summary(&catalog.products[i]))
        .collect()
}

/// Products like the basket's (one product's, or a cart's), the basket's own left out: what
/// can be bought now first, then the most alike (summed over the basket), then the most
/// popular.
pub fn similar(catalog: &Catalog, stock: &Stock, basket: &[usize]) -> Vec<ProductSummary> {
    let mut scored: Vec<(u32, usize)> = catalog
        .products
        .iter()
        .enumerate()
        .filter(|(i, _)| !basket.contains(i))
        .map(|(i, p)| {
            let score = basket
                .iter()
                .map(|&b| likeness(&catalog.products[b], p))
                .sum();
            (score, i)
        })
        .filter(|&(score, _)| score > 0)
        .collect();
    scored.sort_by_key(|&(score, i)| {
        let p = &catalog.products[i];
        (
            Reverse(buyable(stock, p)),
            Reverse(score),
            Reverse(p.popularity),
            i,
        )
    });
    scored
        .into_iter()
        .take(SIMILAR)
        .map(|(_, i)| stock.summary(&catalog.products[i]))
        .collect()
}

/// How alike two products are; 0 when they are not in the same department. The same leaf
/// category outweighs everything else put together, then the same parent; within those,
/// brand, shared colours, shared sizes and a close price order them.
fn likeness(this: &ProductRecord, other: &ProductRecord) -> u32 {
    let shared_path = this.path.iter().filter(|c| other.path.contains(c)).count() as u32;
    if shared_path == 0 {
        return 0;
    }
    let mut score = shared_path * 10;
    if other.category == this.category {
        score += 20;
    }
    if other.summary.brand == this.summary.brand {
        score += 5;
    }
    score += shared(&this.detail.colours, &other.detail.colours, 3);
    score += shared(&this.detail.sizes, &other.detail.sizes, 3);
    score + price_closeness(this.summary.price, other.summary.price)
}

/// How many of `a`'s values `b` has too, up to `cap`.
fn shared<T: PartialEq>(a: &[T], b: &[T], cap: u32) -> u32 {
    (a.iter().filter(|x| b.contains(x)).count() as u32).min(cap)
}

/// 4 when the prices are within a quarter of each other, 2 within a factor of two, else 0.
fn price_closeness(a: Money, b: Money) -> u32 {
    if a.currency != b.currency {
        return 0;
    }
    let (low, high) = (a.amount.min(b.amount), a.amount.max(b.amount));
    if low < 0 {
        0
    } else if high.saturating_mul(4) <= low.saturating_mul(5) {
        4
    } else if high <= low.saturating_mul(2) {
        2
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use fourflow_core::Currency;

    use super::*;

    fn twd(amount: i64) -> Money {
        Money::new(amount, Currency::Twd)
    }

    #[test]
    fn close_prices_are_alike() {
        assert_eq!(price_closeness(twd(100_000), twd(100_000)), 4);
        assert_eq!(price_closeness(twd(100_000), twd(125_000)), 4);
        assert_eq!(price_closeness(twd(125_001), twd(100_000)), 2);
        assert_eq!(price_closeness(twd(100_000), twd(200_000)), 2);
        assert_eq!(price_closeness(twd(100_000), twd(200_001)), 0);
        assert_eq!(price_closeness(twd(0), twd(0)), 4);
        assert_eq!(price_closeness(twd(0), twd(1)), 0);
    }

    #[test]
    fn shared_values_are_capped() {
        assert_eq!(shared(&["S", "M", "L", "XL"], &["S", "M", "L", "XL"], 3), 3);
        assert_eq!(shared(&["S", "M"], &["M", "L"], 3), 1);
        assert_eq!(shared::<&str>(&[], &["M"], 3), 0);
    }
}
