//! Services: the shop's read models and workflows, between the routes and the store.

pub mod accounts;
pub mod address_book;
pub mod cart;
pub mod catalog;
pub mod content;
pub mod fulfilment;
pub mod idempotency;
pub mod invoices;
pub mod link_preview;
pub mod media;
pub mod merchandising;
pub mod notifications;
pub mod order_console;
pub mod orders;
pub mod payments;
pub mod products;
pub mod promotions;
pub mod recommendations;
pub mod refunds;
pub mod returns;
pub mod staff;
pub mod tracking;
