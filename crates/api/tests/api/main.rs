//! The API suite: the real router on a real port over a real database, one fresh database per
//! test. It runs unchanged on SQLite (default) and on PostgreSQL (`FOURFLOW_TEST_PG_URL`
//! given and `FOURFLOW_TEST_BACKEND=postgres`); `cargo xtask test` runs it both ways.

mod accounts;
mod admin;
mod cart;
mod catalog;
mod content;
mod contract;
mod email;
mod errors;
mod fulfilment;
mod harness;
mod invoices;
mod media;
mod merchandising;
mod order_console;
mod orders;
mod payments;
mod platform;
mod products;
mod promotions;
mod recommendations;
mod replicas;
mod returns;
mod settlement;
mod support;
