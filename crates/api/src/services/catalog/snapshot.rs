//! An immutable, in-memory copy of the catalog's content, built from the database rows and
//! ready to answer listings without touching the database.

use std::collections::HashMap;

use fourflow_core::catalog::{
    CategoryNode, CategoryRef, CategoryTree, Colour, ProductDetail, ProductImage, ProductSummary,
    Sku, Slug, Spec, Variant,
};
use fourflow_core::pricing::{PricedSku, PricingRules};
use fourflow_core::{Currency, Localized, Money};

use super::index::SearchIndex;
use crate::markdown;
use crate::store::catalog::CatalogRows;
use crate::store::pricing::{PromotionRow, RateRow};

/// A category with its place in the tree.
#[derive(Debug, Clone)]
pub struct CategoryInfo {
    pub slug: Slug,
    pub name: Localized,
    pub parent: Option<usize>,
}

/// A product with everything a listing filters, sorts and ranks on.
#[derive(Debug, Clone)]
pub struct ProductRecord {
    /// The leaf category.
    pub category: usize,
    /// Root-to-leaf category indexes.
    pub path: Vec<usize>,
    pub popularity: i64,
    pub featured: bool,
    pub created_at: String,
    pub summary: ProductSummary,
    /// With `related` empty: related products are chosen per request.
    pub detail: ProductDetail,
}

impl ProductRecord {
    pub fn variants(&self) -> &[Variant] {
        &self.detail.variants
    }
}

#[derive(Debug, Default)]
pub struct Catalog {
    pub version: i64,
    pub tree: CategoryTree,
    pub categories: Vec<CategoryInfo>,
    category_by_slug: HashMap<String, usize>,
    pub products: Vec<ProductRecord>,
    product_by_slug: HashMap<String, usize>,
    pub colours: HashMap<String, Colour>,
    pub search: SearchIndex,
    /// SKU → (product, variant) indexes.
    sku_index: HashMap<String, (usize, usize)>,
    /// Promotions that apply by themselves, and how shipping is charged.
    pub pricing: PricingRules,
}

impl Catalog {
    pub fn category(&self, slug: &str) -> Option<usize> {
        self.category_by_slug.get(slug).copied()
    }

    pub fn product(&self, slug: &str) -> Option<&ProductRecord> {
        self.product_by_slug.get(slug).map(|&i| &self.products[i])
    }

    pub fn product_index(&self, slug: &str) -> Option<usize> {
        self.product_by_slug.get(slug).copied()
    }

    /// Builds the snapshot. Rows that do not parse (a slug edited by hand in the database) are
    /// skipped with a warning rather than taking the whole shop down.
    pub fn build(rows: CatalogRows) -> Catalog {
        let colours: HashMap<String, Colour> = rows
            .colours
            .into_iter()
            .map(|c| {
                let colour = Colour {
                    code: c.code.clone(),
                    hex: c.hex,
                    name: Localized {
                        zh_tw: c.name_zh_tw,
                        en: c.name_en,
                    },
                };
                (c.code, colour)
            })
            .collect();

        let mut categories = Vec::new();
        let mut category_by_slug = HashMap::new();
        let mut category_by_id = HashMap::new();
        for row in &rows.categories {
            let Ok(slug) = Slug::parse("slug", &row.slug) else {
                tracing::warn!(slug = row.slug, "skipping a category with a malformed slug");
                continue;
            };
            category_by_id.insert(row.id, categories.len());
            category_by_slug.insert(row.slug.clone(), categories.len());
            categories.push(CategoryInfo {
                slug,
                name: Localized {
                    zh_tw: row.name_zh_tw.clone(),
                    en: row.name_en.clone(),
                },
                parent: None,
            });
        }
        for row in &rows.categories {
            if let (Some(&idx), Some(parent)) = (category_by_id.get(&row.id), row.parent_id) {
                categories[idx].parent = category_by_id.get(&parent).copied();
            }
        }
        let path_of = |mut idx: usize| {
            let mut path = vec![idx];
            while let Some(parent) = categories[idx].parent {
                if path.contains(&parent) {
                    break; // a cycle typed into the database must not hang the shop
                }
                path.push(parent);
                idx = parent;
            }
            path.reverse();
            path
        };

        let mut images: HashMap<i64, Vec<ProductImage>> = HashMap::new();
        for r in rows.images {
            images.entry(r.product_id).or_default().push(ProductImage {
                src: r.src,
                alt: Localized {
                    zh_tw: r.alt_zh_tw,
                    en: r.alt_en,
                },
                width: u32::try_from(r.width).unwrap_or(0),
                height: u32::try_from(r.height).unwrap_or(0),
            });
        }
        let mut specs: HashMap<i64, Vec<Spec>> = HashMap::new();
        for r in rows.specs {
            specs.entry(r.product_id).or_default().push(Spec {
                name: Localized {
                    zh_tw: r.name_zh_tw,
                    en: r.name_en,
                },
                value: Localized {
                    zh_tw: r.value_zh_tw,
                    en: r.value_en,
                },
            });
        }
        let mut variants: HashMap<i64, Vec<Variant>> = HashMap::new();
        for r in rows.variants {
            let (Ok(sku), Some(currency)) =
                (Sku::parse("sku", &r.sku), Currency::parse(&r.currency))
            else {
                tracing::warn!(
                    sku = r.sku,
                    "skipping a variant with a malformed SKU or currency"
                );
                continue;
            };
            let available = u32::try_from(r.available.max(0)).unwrap_or(u32::MAX);
            variants.entry(r.product_id).or_default().push(Variant {
                sku,
                size: r.size,
                colour: r.colour,
                price: Money::new(r.price, currency),
                compare_at: r.compare_at.map(|a| Money::new(a, currency)),
                available,
                weight_grams: u32::try_from(r.weight_grams).unwrap_or(0),
                image: r.image_position.and_then(|i| u32::try_from(i).ok()),
            });
        }

        let mut products = Vec::new();
        let mut product_by_slug = HashMap::new();
        for row in rows.products {
            let (Ok(slug), Some(&category)) = (
                Slug::parse("slug", &row.slug),
                category_by_id.get(&row.category_id),
            ) else {
                tracing::warn!(
                    slug = row.slug,
                    "skipping a product with a bad slug or category"
                );
                continue;
            };
            let variants = variants.remove(&row.id).unwrap_or_default();
            if variants.is_empty() {
                continue; // nothing to sell
            }
            let images = images.remove(&row.id).unwrap_or_default();
            let path = path_of(category);
            let colours_on_offer = distinct(variants.iter().filter_map(|v| v.colour.clone()))
                .into_iter()
                .filter_map(|code| colours.get(&code).cloned())
                .collect::<Vec<_>>();
            let sizes = distinct(variants.iter().filter_map(|v| v.size.clone()));
            let detail = ProductDetail {
                slug: slug.clone(),
                title: Localized {
                    zh_tw: row.title_zh_tw,
                    en: row.title_en,
                },
                brand: row.brand,
                summary: Localized {
                    zh_tw: row.summary_zh_tw,
                    en: row.summary_en,
                },
                description_html: Localized {
                    zh_tw: markdown::to_safe_html(&row.description_zh_tw),
                    en: markdown::to_safe_html(&row.description_en),
                },
                breadcrumbs: path
                    .iter()
                    .map(|&c| CategoryRef {
                        slug: categories[c].slug.clone(),
                        name: categories[c].name.clone(),
                    })
                    .collect(),
                images,
                specs: specs.remove(&row.id).unwrap_or_default(),
                sizes,
                colours: colours_on_offer,
                variants,
                related: Vec::new(),
                created_at: row.created_at.clone(),
                seo_title: Localized {
                    zh_tw: row.seo_title_zh_tw,
                    en: row.seo_title_en,
                },
                seo_description: Localized {
                    zh_tw: row.seo_description_zh_tw,
                    en: row.seo_description_en,
                },
            };
            let summary = detail.summary();
            product_by_slug.insert(row.slug, products.len());
            products.push(ProductRecord {
                category,
                path,
                popularity: row.popularity,
                featured: row.featured != 0,
                created_at: row.created_at,
                summary,
                detail,
            });
        }

        let tree = build_tree(&rows.categories, &category_by_id, &categories, &products);
        let search = SearchIndex::build(&products, &categories);
        let sku_index = products
            .iter()
            .enumerate()
            .flat_map(|(p, record)| {
                record
                    .variants()
                    .iter()
                    .enumerate()
                    .map(move |(v, variant)| (variant.sku.to_string(), (p, v)))
            })
            .collect();
        let pricing = PricingRules {
            promotions: rows
                .promotions
                .into_iter()
                .filter_map(PromotionRow::into_promotion)
                .collect(),
            shipping_rates: rows
                .rates
                .into_iter()
                .filter_map(RateRow::into_rate)
                .collect(),
        };
        Catalog {
            version: rows.version,
            tree,
            categories,
            category_by_slug,
            products,
            product_by_slug,
            colours,
            search,
            sku_index,
            pricing,
        }
    }

    /// What pricing needs to know of a SKU, with `available` units when known.
    pub fn priced_sku(&self, sku: &str, available: Option<u32>) -> Option<PricedSku> {
        let &(p, _) = self.sku_index.get(sku)?;
        let mut priced = self.products[p].detail.priced(sku)?;
        if let Some(available) = available {
            priced.available = available;
        }
        Some(priced)
    }
}

fn build_tree(
    rows: &[crate::store::catalog::CategoryRow],
    by_id: &HashMap<i64, usize>,
    categories: &[CategoryInfo],
    products: &[ProductRecord],
) -> CategoryTree {
    let mut counts = vec![0u32; categories.len()];
    for p in products {
        for &c in &p.path {
            counts[c] += 1;
        }
    }
    fn children_of(
        parent: Option<usize>,
        rows: &[crate::store::catalog::CategoryRow],
        by_id: &HashMap<i64, usize>,
        categories: &[CategoryInfo],
        counts: &[u32],
        depth: usize,
    ) -> Vec<CategoryNode> {
        if depth > 8 {
            return Vec::new();
        }
        rows.iter()
            .filter_map(|row| by_id.get(&row.id).map(|&idx| (row, idx)))
            .filter(|(_, idx)| categories[*idx].parent == parent)
            .map(|(row, idx)| CategoryNode {
                slug: categories[idx].slug.clone(),
                name: categories[idx].name.clone(),
                description: Localized {
                    zh_tw: row.description_zh_tw.clone(),
                    en: row.description_en.clone(),
                },
                image: row.image.clone(),
                product_count: counts[idx],
                children: children_of(Some(idx), rows, by_id, categories, counts, depth + 1),
            })
            .collect()
    }
    CategoryTree {
        items: children_of(None, rows, by_id, categories, &counts, 0),
    }
}

/// Values in first-seen order without repeats.
fn distinct(values: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in values {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}
