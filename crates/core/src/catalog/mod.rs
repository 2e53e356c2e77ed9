//! The catalog as shoppers see it: categories, products, variants, listings with facets, and the
//! query that asks for them.

mod category;
mod ids;
mod listing;
mod product;
mod query;
mod recommendations;
mod variants;

pub use category::{CategoryNode, CategoryRef, CategoryTree};
pub use ids::{Sku, Slug};
pub use listing::{
    price_buckets, ColourFacet, FacetCount, Facets, PriceBucket, ProductList, Suggestion,
    SuggestionKind, Suggestions,
};
pub use product::{
    Colour, ProductDetail, ProductImage, ProductSummary, Spec, StockLevel, Swatch, Thumbnail,
    Variant, LOW_STOCK_THRESHOLD,
};
pub use query::{
    encode_pairs, ProductQuery, Sort, DEFAULT_PER_PAGE, MAX_PER_PAGE, MAX_QUERY_CHARS,
};
pub use recommendations::{
    CoPurchases, PairCounts, RecommendationQuery, Recommendations, BOUGHT_WITH_CART,
    FREQUENTLY_BOUGHT_TOGETHER, MAX_CART_PRODUCTS, MIN_BASKETS_TOGETHER, SIMILAR,
};
pub use variants::{OptionChoice, VariantPicker};
