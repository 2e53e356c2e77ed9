//! The product page's data, related products, and search-box suggestions.

use std::cmp::Reverse;

use fourflow_core::catalog::{
    ProductDetail, ProductSummary, StockLevel, Suggestion, SuggestionKind, Suggestions,
};
use fourflow_core::search::normalize;

use super::snapshot::{Catalog, ProductRecord};
use super::Stock;
use crate::error::{ApiError, ApiResult};

const RELATED: usize = 8;
const SUGGESTED_PRODUCTS: usize = 6;
const SUGGESTED_CATEGORIES: usize = 3;

/// The product page, its variants' stock from `live` (read from the database for this
/// request), and related products.
pub fn detail(
    catalog: &Catalog,
    stock: &Stock,
    live: &Stock,
    slug: &str,
) -> ApiResult<ProductDetail> {
    let idx = catalog
        .product_index(slug)
        .ok_or_else(|| ApiError::not_found("product"))?;
    let record = &catalog.products[idx];
    let mut detail = record.detail.clone();
    for v in &mut detail.variants {
        v.available = live.available(v);
        v.stock = StockLevel::from_available(v.available);
    }
    detail.related = related(catalog, stock, idx);
    Ok(detail)
}

/// Products a shopper looking at `idx` would also consider: same category first, then the
/// same department, brand and colours, buyable ones before sold-out ones.
fn related(catalog: &Catalog, stock: &Stock, idx: usize) -> Vec<ProductSummary> {
    let this = &catalog.products[idx];
    let mut scored: Vec<(u32, &ProductRecord, usize)> = catalog
        .products
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != idx)
        .map(|(i, p)| {
            let shared_path = this.path.iter().filter(|c| p.path.contains(c)).count() as u32;
            let mut score = shared_path * 10;
            if p.category == this.category {
                score += 20;
            }
            if p.summary.brand == this.summary.brand {
                score += 5;
            }
            score += this
                .detail
                .colours
                .iter()
                .filter(|c| p.detail.colours.contains(c))
                .count() as u32;
            (score, p, i)
        })
        .filter(|(score, _, _)| *score >= 10)
        .collect();
    scored.sort_by_key(|&(score, p, i)| {
        let buyable = p.variants().iter().any(|v| stock.available(v) > 0);
        (Reverse(buyable), Reverse(score), Reverse(p.popularity), i)
    });
    scored
        .into_iter()
        .take(RELATED)
        .map(|(_, p, _)| stock.summary(p))
        .collect()
}

/// What the search box offers while the shopper types: matching categories, then products.
pub fn suggestions(catalog: &Catalog, stock: &Stock, text: &str) -> Suggestions {
    let phrase = normalize(text);
    if phrase.is_empty() {
        return Suggestions { items: Vec::new() };
    }
    let categories = catalog
        .categories
        .iter()
        .filter(|c| {
            normalize(&c.name.zh_tw).contains(&phrase) || normalize(&c.name.en).contains(&phrase)
        })
        .take(SUGGESTED_CATEGORIES)
        .map(|c| Suggestion {
            kind: SuggestionKind::Category,
            slug: c.slug.clone(),
            label: c.name.clone(),
            image: None,
            price: None,
        });
    let mut hits = catalog.search.search(text);
    hits.sort_by_key(|&(i, score)| {
        let p = &catalog.products[i];
        let buyable = p.variants().iter().any(|v| stock.available(v) > 0);
        (Reverse(buyable), Reverse(score), Reverse(p.popularity), i)
    });
    let products = hits.into_iter().take(SUGGESTED_PRODUCTS).map(|(i, _)| {
        let p = &catalog.products[i].summary;
        Suggestion {
            kind: SuggestionKind::Product,
            slug: p.slug.clone(),
            label: p.title.clone(),
            image: p.image.as_ref().map(|img| img.src.clone()),
            price: Some(p.price),
        }
    });
    Suggestions {
        items: categories.chain(products).collect(),
    }
}
