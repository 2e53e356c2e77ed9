//! One module per shopper URL.

mod home;
mod listing;
mod not_found;
mod product;

pub use home::Home;
pub use listing::{CategoryPage, SearchPage};
pub use not_found::NotFound;
pub use product::ProductPage;
