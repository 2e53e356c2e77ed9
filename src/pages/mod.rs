//! One module per shopper URL.

pub mod account;
mod cart;
pub mod checkout;
mod compare;
mod home;
mod listing;
mod not_found;
mod order;
mod product;
mod wishlist;

pub use cart::CartPage;
pub use checkout::CheckoutPage;
pub use compare::ComparePage;
pub use home::Home;
pub use listing::{CategoryPage, SearchPage};
pub use not_found::NotFound;
pub use order::{OrderList, OrderPage};
pub use product::ProductPage;
pub use wishlist::WishlistPage;
