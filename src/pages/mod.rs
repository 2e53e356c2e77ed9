//! One module per shopper URL, and the back office's under `admin`.

pub mod account;
pub mod admin;
mod cart;
pub mod checkout;
mod compare;
mod content_page;
mod home;
mod listing;
mod not_found;
mod order;
mod product;
mod wishlist;

pub use cart::CartPage;
pub use checkout::CheckoutPage;
pub use compare::ComparePage;
pub use content_page::{HelpPage, LandingPage};
pub use home::Home;
pub use listing::{CategoryPage, SearchPage};
pub use not_found::NotFound;
pub use order::{OrderList, OrderPage, Timeline};
pub use product::ProductPage;
pub use wishlist::WishlistPage;
