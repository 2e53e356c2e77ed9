//! Answering a listing query from the snapshot: search, filter, count facets, sort, page.

use std::cmp::Reverse;
use std::collections::HashMap;

use fourflow_core::catalog::{
    price_buckets, ColourFacet, FacetCount, Facets, PriceBucket, ProductList, ProductQuery,
    ProductSummary, Sort, Variant,
};
use fourflow_core::{Currency, Money};

use super::snapshot::{Catalog, ProductRecord};
use super::Stock;
use crate::error::{ApiError, ApiResult};

/// A facet whose own filter is left out when counting its values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Facet {
    Brand,
    Size,
    Colour,
    Price,
    InStock,
}

struct Filter<'a> {
    query: &'a ProductQuery,
    stock: &'a Stock,
}

impl Filter<'_> {
    /// Variants that satisfy the variant-level filters, leaving out `skip`'s own.
    fn variants<'p>(
        &self,
        p: &'p ProductRecord,
        skip: Option<Facet>,
    ) -> impl Iterator<Item = &'p Variant> + use<'p, '_> {
        let q = self.query;
        p.variants().iter().filter(move |v| {
            (skip == Some(Facet::Size)
                || q.sizes.is_empty()
                || v.size.as_ref().is_some_and(|s| q.sizes.contains(s)))
                && (skip == Some(Facet::Colour)
                    || q.colours.is_empty()
                    || v.colour.as_ref().is_some_and(|c| q.colours.contains(c)))
                && (skip == Some(Facet::InStock) || !q.in_stock || self.stock.available(v) > 0)
        })
    }

    /// The lowest price among the variants that match, if any do.
    fn price(&self, p: &ProductRecord, skip: Option<Facet>) -> Option<i64> {
        self.variants(p, skip).map(|v| v.price.amount).min()
    }

    fn passes(&self, p: &ProductRecord, skip: Option<Facet>) -> bool {
        let q = self.query;
        if skip != Some(Facet::Brand)
            && !q.brands.is_empty()
            && !q.brands.contains(&p.summary.brand)
        {
            return false;
        }
        let Some(price) = self.price(p, skip) else {
            return false;
        };
        skip == Some(Facet::Price)
            || (q.price_min.is_none_or(|min| price >= min)
                && q.price_max.is_none_or(|max| price <= max))
    }
}

pub fn list(catalog: &Catalog, stock: &Stock, query: &ProductQuery) -> ApiResult<ProductList> {
    let category = match &query.category {
        Some(slug) => Some(catalog.category(slug.as_str()).ok_or(ApiError::NotFound {
            what: "category",
            field: Some("category"),
        })?),
        None => None,
    };
    let scored: Vec<(usize, u32)> = match &query.q {
        Some(text) => catalog.search.search(text),
        None => (0..catalog.products.len()).map(|i| (i, 0)).collect(),
    };
    let scope: Vec<(usize, u32)> = scored
        .into_iter()
        .filter(|(i, _)| category.is_none_or(|c| catalog.products[*i].path.contains(&c)))
        .collect();

    let filter = Filter { query, stock };
    let mut hits: Vec<(usize, u32)> = scope
        .iter()
        .copied()
        .filter(|(i, _)| filter.passes(&catalog.products[*i], None))
        .collect();
    let facets = facets(catalog, &filter, &scope, &hits, category);
    sort(catalog, &filter, query, &mut hits);

    let total = hits.len() as u32;
    let start = ((query.page - 1) as usize).saturating_mul(query.per_page as usize);
    let items = hits
        .iter()
        .skip(start)
        .take(query.per_page as usize)
        .map(|&(i, _)| summary(&catalog.products[i], &filter))
        .collect();
    Ok(ProductList {
        items,
        total,
        page: query.page,
        per_page: query.per_page,
        facets,
    })
}

/// The card as this query sees it: live stock, and the price of the variants that matched.
fn summary(p: &ProductRecord, filter: &Filter) -> ProductSummary {
    let mut summary = filter.stock.summary(p);
    if let Some(cheapest) = filter.variants(p, None).min_by_key(|v| v.price.amount) {
        summary.price = cheapest.price;
        summary.compare_at = cheapest.compare_at;
    }
    summary
}

fn sort(catalog: &Catalog, filter: &Filter, query: &ProductQuery, hits: &mut [(usize, u32)]) {
    let price = |i: usize| filter.price(&catalog.products[i], None).unwrap_or(i64::MAX);
    let popular = |i: usize| {
        let p = &catalog.products[i];
        (Reverse(p.featured), Reverse(p.popularity))
    };
    match query.sort {
        Sort::Relevance => hits.sort_by_key(|&(i, score)| (Reverse(score), popular(i), i)),
        Sort::PriceAsc => hits.sort_by_key(|&(i, _)| (price(i), popular(i), i)),
        Sort::PriceDesc => hits.sort_by_key(|&(i, _)| (Reverse(price(i)), popular(i), i)),
        Sort::Newest => {
            hits.sort_by(|a, b| {
                let (pa, pb) = (&catalog.products[a.0], &catalog.products[b.0]);
                pb.created_at.cmp(&pa.created_at).then(a.0.cmp(&b.0))
            });
        }
        Sort::Popularity => {
            hits.sort_by_key(|&(i, _)| (Reverse(catalog.products[i].popularity), i));
        }
    }
}

fn facets(
    catalog: &Catalog,
    filter: &Filter,
    scope: &[(usize, u32)],
    hits: &[(usize, u32)],
    category: Option<usize>,
) -> Facets {
    let q = filter.query;
    let without = |facet: Facet| {
        scope
            .iter()
            .map(|&(i, _)| &catalog.products[i])
            .filter(move |p| filter.passes(p, Some(facet)))
    };

    let mut brands: HashMap<&str, u32> = q.brands.iter().map(|b| (b.as_str(), 0)).collect();
    for p in without(Facet::Brand) {
        *brands.entry(p.summary.brand.as_str()).or_default() += 1;
    }
    let mut brands: Vec<FacetCount> = brands
        .into_iter()
        .map(|(brand, count)| FacetCount {
            value: brand.to_owned(),
            label: None,
            count,
            selected: q.brands.iter().any(|b| b == brand),
        })
        .collect();
    brands.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));

    let mut sizes: Vec<(String, u32)> = q.sizes.iter().map(|s| (s.clone(), 0)).collect();
    for p in without(Facet::Size) {
        let mut seen: Vec<&str> = Vec::new();
        for v in filter.variants(p, Some(Facet::Size)) {
            if let Some(size) = v.size.as_deref().filter(|s| !seen.contains(s)) {
                seen.push(size);
                match sizes.iter_mut().find(|(s, _)| s == size) {
                    Some((_, n)) => *n += 1,
                    None => sizes.push((size.to_owned(), 1)),
                }
            }
        }
    }
    sizes.sort_by_key(|(s, _)| size_rank(s));
    let sizes = sizes
        .into_iter()
        .map(|(value, count)| FacetCount {
            selected: q.sizes.contains(&value),
            value,
            label: None,
            count,
        })
        .collect();

    let mut colours: Vec<(String, u32)> = q.colours.iter().map(|c| (c.clone(), 0)).collect();
    for p in without(Facet::Colour) {
        let mut seen: Vec<&str> = Vec::new();
        for v in filter.variants(p, Some(Facet::Colour)) {
            if let Some(code) = v.colour.as_deref().filter(|c| !seen.contains(c)) {
                seen.push(code);
                match colours.iter_mut().find(|(c, _)| c == code) {
                    Some((_, n)) => *n += 1,
                    None => colours.push((code.to_owned(), 1)),
                }
            }
        }
    }
    colours.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let colours = colours
        .into_iter()
        .filter_map(|(code, count)| {
            let colour = catalog.colours.get(&code)?;
            Some(ColourFacet {
                selected: q.colours.contains(&code),
                code,
                hex: colour.hex.clone(),
                name: colour.name.clone(),
                count,
            })
        })
        .collect();

    let buckets = price_buckets(Currency::Twd);
    let mut price_counts = vec![0u32; buckets.len()];
    for p in without(Facet::Price) {
        if let Some(price) = filter.price(p, Some(Facet::Price)) {
            if let Some(b) = buckets
                .iter()
                .position(|&(lo, hi)| price >= lo && hi.is_none_or(|hi| price <= hi))
            {
                price_counts[b] += 1;
            }
        }
    }
    let price = buckets
        .iter()
        .zip(price_counts)
        .map(|(&(lo, hi), count)| PriceBucket {
            min: Money::twd(lo),
            max: hi.map(Money::twd),
            count,
            selected: q.price_min == Some(lo) && q.price_max == hi,
        })
        .collect();

    let in_stock = without(Facet::InStock)
        .filter(|p| {
            filter
                .variants(p, Some(Facet::InStock))
                .any(|v| filter.stock.available(v) > 0)
        })
        .count() as u32;

    // Drill-down: the children of the category being browsed, counted among the hits.
    let categories = catalog
        .categories
        .iter()
        .enumerate()
        .filter(|(_, c)| c.parent == category)
        .map(|(idx, c)| FacetCount {
            value: c.slug.to_string(),
            label: Some(c.name.clone()),
            count: hits
                .iter()
                .filter(|&&(i, _)| catalog.products[i].path.contains(&idx))
                .count() as u32,
            selected: false,
        })
        .filter(|f| f.count > 0)
        .collect();

    Facets {
        categories,
        brands,
        sizes,
        colours,
        price,
        in_stock,
    }
}

/// Clothing sizes in the order people expect; anything else (250g, 單人) after them, in the
/// order the catalog lists them (the sort using this is stable).
fn size_rank(size: &str) -> usize {
    const ORDER: [&str; 8] = ["XXS", "XS", "S", "M", "L", "XL", "XXL", "3XL"];
    ORDER
        .iter()
        .position(|s| s.eq_ignore_ascii_case(size))
        .unwrap_or(ORDER.len())
}

#[cfg(test)]
mod tests {
    use super::size_rank;

    #[test]
    fn sizes_sort_like_a_shop() {
        let mut sizes = vec!["XL", "S", "250g", "M", "1kg", "XS"];
        sizes.sort_by_key(|s| size_rank(s));
        assert_eq!(sizes, ["XS", "S", "M", "XL", "250g", "1kg"]);
    }
}
