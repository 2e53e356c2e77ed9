//! fourflow-api: the thin JSON API over the shop's database, and the server of the storefront.
//!
//! `routes/` speaks HTTP and nothing else, `services/` holds the read models and workflows,
//! `store/` is the only code that writes SQL, and every business rule comes from fourflow-core.

pub mod carriers;
pub mod clock;
pub mod config;
pub mod csrf;
pub mod db;
pub mod demo;
pub mod email;
pub mod error;
pub mod fulfilment;
pub mod invoices;
pub mod jobs;
pub mod json;
pub mod language;
pub mod markdown;
pub mod passwords;
pub mod payments;
pub mod routes;
pub mod secrets;
pub mod services;
pub mod session;
pub mod startup;
pub mod store;
pub mod telemetry;

pub use config::Settings;
pub use error::ApiError;
pub use startup::{AppState, Server};
