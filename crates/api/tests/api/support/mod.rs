//! What every feature module of the suite shares, and the only thing they import from one
//! another: the shop under test (`server`, `app`), the one HTTP client (`browser`), people
//! (`accounts`), orders and the clock (`orders`), and reading the catalog (`catalog`).

mod accounts;
mod app;
mod browser;
mod catalog;
mod orders;
mod server;
mod smtp;

pub use accounts::{
    id_of, mail_to, marketer, member, operator, sign_up, token_in_mail, verified, PASSWORD,
};
pub use app::{TestApp, NOW};
pub use browser::{Answer, Browser};
pub use catalog::{slugs, urlencode};
pub use orders::{
    address, at, handed_over_at, light_sku, order_body, pay, pay_by_card, place, plain_variants,
    refund, saved_address, view, Order,
};
pub use smtp::Delivered;
