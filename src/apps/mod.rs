//! The shopper's apps (`fourflow_core::apps`) and what they share: context, the page frame,
//! and the hand-over between them.

pub mod account;
pub mod admin;
pub mod cart;
pub mod checkout;
pub mod orders;
mod shell;
pub mod storefront;

pub use shell::{OtherApp, Shell};
pub use storefront::{use_categories, Categories};
