//! A page of products with the facets that narrow it, and search suggestions.

use serde::{Deserialize, Serialize};

use super::{ProductSummary, Slug};
use crate::{Currency, Localized, Money};

/// `GET /api/v1/products`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductList {
    pub items: Vec<ProductSummary>,
    pub total: u32,
    pub page: u32,
    pub per_page: u32,
    pub facets: Facets,
}

impl ProductList {
    pub fn page_count(&self) -> u32 {
        self.total.div_ceil(self.per_page.max(1))
    }
}

/// Facet counts follow the usual storefront rule: each facet's counts apply every *other*
/// filter, so choosing "M" still shows how many "L" there would be.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Facets {
    /// Sub-categories of the current category (or the roots), with counts.
    pub categories: Vec<FacetCount>,
    pub brands: Vec<FacetCount>,
    pub sizes: Vec<FacetCount>,
    pub colours: Vec<ColourFacet>,
    pub price: Vec<PriceBucket>,
    /// Products matching every other filter that can be bought now.
    pub in_stock: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FacetCount {
    pub value: String,
    /// Display name when the value is a code (categories); `None` shows the value itself.
    pub label: Option<Localized>,
    pub count: u32,
    pub selected: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ColourFacet {
    pub code: String,
    pub hex: String,
    pub name: Localized,
    pub count: u32,
    pub selected: bool,
}

/// A price range to filter by: `min ≤ price ≤ max` (no `max`: and up).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PriceBucket {
    pub min: Money,
    pub max: Option<Money>,
    pub count: u32,
    pub selected: bool,
}

/// The price ranges shoppers pick from, as `(min, max)` in minor units, inclusive. Boundaries
/// sit at the prices Taiwanese shops use (NT$499, NT$999, …) so that a NT$500 item is in the
/// "500–999" range, not split across two.
pub fn price_buckets(currency: Currency) -> Vec<(i64, Option<i64>)> {
    let unit = currency.unit();
    let edges = [0, 500, 1000, 2000, 5000];
    edges
        .iter()
        .enumerate()
        .map(|(i, &lo)| (lo * unit, edges.get(i + 1).map(|&hi| hi * unit - 1)))
        .collect()
}

/// `GET /api/v1/search/suggestions?q=`: what the search box offers while typing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Suggestions {
    pub items: Vec<Suggestion>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Suggestion {
    pub kind: SuggestionKind,
    pub slug: Slug,
    pub label: Localized,
    pub image: Option<String>,
    pub price: Option<Money>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SuggestionKind {
    Product,
    Category,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_are_contiguous_and_cover_everything() {
        let buckets = price_buckets(Currency::Twd);
        assert_eq!(buckets[0].0, 0);
        for pair in buckets.windows(2) {
            assert_eq!(pair[0].1.unwrap() + 1, pair[1].0);
        }
        assert_eq!(buckets.last().unwrap().1, None);
        assert_eq!(buckets[1], (50000, Some(99999)));
    }
}
