//! Extractors whose rejection is our own error: a body, a path or a query string that does not
//! fit is a 400 in the contract's JSON naming the field at fault, never axum's plain text, and
//! no text in any of them holds a control character (`fourflow_core::text`).

mod body;
mod path;
mod query;

pub use body::{read, ApiJson};
pub use path::ApiPath;
pub use query::ApiQuery;
