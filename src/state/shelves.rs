//! The shopper's own lists of products, kept in this browser: the wishlist, what they viewed
//! lately, and up to four products to compare.

use fourflow_core::catalog::{ProductSummary, Slug};
use leptos::prelude::*;

use super::persisted::Persisted;

/// A list of products with a size limit: when full, the oldest is dropped (or, for compare,
/// nothing more is taken).
#[derive(Clone, Copy)]
pub struct Shelf {
    items: Persisted<Vec<ProductSummary>>,
    limit: usize,
    /// When full: drop the oldest to make room, or refuse.
    evict: bool,
}

impl Shelf {
    fn new(key: &'static str, limit: usize, evict: bool) -> Shelf {
        Shelf {
            items: Persisted::new(key, 1),
            limit,
            evict,
        }
    }

    pub fn items(&self) -> Vec<ProductSummary> {
        self.items.get()
    }

    pub fn contains(&self, slug: &Slug) -> bool {
        self.items
            .with(|items| items.iter().any(|p| &p.slug == slug))
    }

    pub fn is_full(&self) -> bool {
        self.items.with(Vec::len) >= self.limit
    }

    /// Puts `product` first. Returns false when a full shelf that does not evict refused it.
    pub fn put(&self, product: ProductSummary) -> bool {
        if !self.contains(&product.slug) && self.is_full() && !self.evict {
            return false;
        }
        let limit = self.limit;
        self.items.update(|items| {
            items.retain(|p| p.slug != product.slug);
            items.insert(0, product);
            items.truncate(limit);
        });
        true
    }

    pub fn remove(&self, slug: &Slug) {
        self.items.update(|items| items.retain(|p| &p.slug != slug));
    }

    pub fn toggle(&self, product: ProductSummary) -> bool {
        if self.contains(&product.slug) {
            self.remove(&product.slug);
            true
        } else {
            self.put(product)
        }
    }
}

/// At most this many products side by side.
pub const COMPARE_LIMIT: usize = 4;

#[derive(Clone, Copy)]
pub struct Shelves {
    pub wishlist: Shelf,
    pub recently_viewed: Shelf,
    pub compare: Shelf,
}

impl Shelves {
    pub fn provide() -> Shelves {
        let shelves = Shelves {
            wishlist: Shelf::new("fourflow.wishlist", 100, true),
            recently_viewed: Shelf::new("fourflow.recently-viewed", 12, true),
            compare: Shelf::new("fourflow.compare", COMPARE_LIMIT, false),
        };
        provide_context(shelves);
        shelves
    }
}

pub fn use_shelves() -> Shelves {
    expect_context::<Shelves>()
}
