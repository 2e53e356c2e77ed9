//! Pieces of the storefront used on more than one page.

mod facets;
mod footer;
mod head;
mod header;
mod pager;
mod price;
mod product_card;
mod search_box;
mod status;

pub use facets::FacetPanel;
pub use footer::Footer;
pub use head::{set_description, use_title};
pub use header::Header;
pub use pager::Pager;
pub use price::Price;
pub use product_card::{ProductGrid, ProductGridSkeleton};
pub use search_box::SearchBox;
pub use status::{ErrorView, NotFoundView, Problem};
