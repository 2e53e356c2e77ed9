//! Catalog rows: reading the whole catalog for the in-memory read model, live stock, and the
//! upserts that seeding (and later the back office) write through.

mod load;
mod upsert;

pub use load::{load, load_product_stock, load_skus_stock, load_stock, version, CatalogRows};
pub use load::{CategoryRow, ColourRow, ImageRow, ProductRow, SpecRow, VariantRow};
pub use upsert::{arrange_product, replace_images, replace_specs, upsert_variant};
pub use upsert::{bump_version, set_on_hand, upsert_category, upsert_colour, upsert_product};
pub use upsert::{CategoryInput, ColourInput, ProductInput, VariantInput};
