//! The only code that writes SQL. Each file is one area of the shop's data; functions take the
//! pool or a transaction, so that a caller can make several changes atomically.

pub mod accounts;
pub mod address_book;
pub mod audit;
pub mod catalog;
pub mod content;
pub mod fulfilment;
pub mod idempotency;
pub mod invoices;
pub mod mailbox;
pub mod media;
pub mod order_search;
pub mod orders;
pub mod outbox;
pub mod payments;
pub mod pricing;
pub mod purchase_history;
mod read_back;
pub mod refunds;
pub mod sandbox_invoices;
pub mod sandbox_ledger;
pub mod settlement;
pub mod skus;

pub(crate) use read_back::{parsed, parsed_word};

/// Now, as stored: RFC 3339 UTC with fixed width, so that text order is time order.
pub fn now_text() -> String {
    let now = time::OffsetDateTime::now_utc();
    now.format(&time::format_description::well_known::Rfc3339)
        .expect("a current UTC time always formats as RFC 3339")
}
