//! The shop under test and the browser that visits it.

mod browser;
mod shop;

pub use browser::{js_str, Tab, Viewport};
pub use shop::Shop;
