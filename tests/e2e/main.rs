//! End to end: the real server on port 0 over a fresh SQLite database, serving the real built
//! `dist/`, driven by headless Chromium at a phone (390×844) and a desktop (1280×800) size.
//! Screenshots are kept under `target/e2e/`.
//!
//! Needs `FOURFLOW_E2E_DIST` (a built dist/, as `cargo xtask test` makes) and Chromium
//! (`FOURFLOW_E2E_CHROME`, default /usr/bin/chromium). Without them the tests fail: a suite
//! that was asked to run never skips.

mod account;
mod back_office;
mod bench;
mod browse;
mod cart;
mod checkout;
mod layout;
mod support;
