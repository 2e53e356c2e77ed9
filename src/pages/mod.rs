//! One module per shopper URL.

mod cart;
mod compare;
mod home;
mod listing;
mod not_found;
mod product;
mod wishlist;

pub use cart::CartPage;
pub use compare::ComparePage;
pub use home::Home;
pub use listing::{CategoryPage, SearchPage};
pub use not_found::NotFound;
pub use product::ProductPage;
pub use wishlist::WishlistPage;
