//! The shop under test and the browser that visits it.

mod browser;
mod pages;
mod shop;

// The one way both suites start a shop: the API suite's harness, included as it is. This
// suite uses only part of it (SQLite, no `AppState`), hence the allowance.
#[allow(dead_code)]
#[path = "../../../crates/api/tests/api/support/server.rs"]
mod server;

pub use browser::{js_str, Tab, Viewport};
pub use pages::{call, choose, fill, js_shows_number, next_step, numbers};
pub use shop::Shop;
