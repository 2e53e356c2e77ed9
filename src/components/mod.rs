//! Pieces of the storefront used on more than one page.

mod cart_drawer;
mod content_blocks;
mod facets;
mod footer;
mod head;
mod header;
mod offline_banner;
mod pager;
mod price;
mod product_card;
mod quantity;
mod quote_rows;
mod recommended;
mod search_box;
mod status;

pub use cart_drawer::{use_cart_drawer, CartDrawer, CartDrawerOpen};
pub use content_blocks::{ContentBlocks, PreviewNote};
pub use facets::FacetPanel;
pub use footer::Footer;
pub use head::{set_description, use_title};
pub use header::{StoreHeader, TaskHeader};
pub use offline_banner::OfflineBanner;
pub use pager::Pager;
pub use price::Price;
pub use product_card::{ProductGrid, ProductGridSkeleton};
pub use quantity::QuantityStepper;
pub use quote_rows::QuoteRows;
pub use recommended::BoughtTogether;
pub use search_box::SearchBox;
pub use status::{ErrorView, NotFoundView, Problem};
