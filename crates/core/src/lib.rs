//! fourflow-core: the types both sides of Fourflow speak and the rules both sides obey.
//!
//! Everything here is pure (no I/O, no async) and compiles for `wasm32` and native alike, so the
//! browser and the server run the very same code for money, parsing and catalog rules.

pub mod account;
pub mod admin;
pub mod apps;
pub mod cart;
pub mod catalog;
pub mod checkout;
pub mod content;
pub mod delivery;
pub mod error;
pub mod invoice;
pub mod locale;
pub mod money;
pub mod order;
pub mod payment;
pub mod pricing;
pub mod refund;
pub mod returns;
pub mod search;
pub mod settlement;
pub mod staff;
pub mod text;

pub use error::{ErrorBody, ErrorDetail, FieldError};
pub use locale::{Locale, Localized};
pub use money::{Currency, Money};
