//! The product page's data and search-box suggestions. Its related products are the
//! "similar items" of `services::recommendations`.

use std::cmp::Reverse;

use fourflow_core::catalog::{ProductDetail, Suggestion, SuggestionKind, Suggestions};
use fourflow_core::search::normalize;

use super::snapshot::Catalog;
use super::Stock;
use crate::error::{ApiError, ApiResult};
use crate::services::recommendations;

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
    }
    detail.related = recommendations::similar(catalog, stock, &[idx]);
    Ok(detail)
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
