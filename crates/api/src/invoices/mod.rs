//! Issuing e-invoices (電子發票): the `InvoiceIssuer` trait, which a value-added service of the
//! tax authority's platform implements for a real shop, and the built-in sandbox issuer,
//! which numbers invoices as the platform does and refuses what it would.
//!
//! The shop asks its issuer outside its own write transactions (a remote call), from the
//! outbox job that keeps an order's invoice in line with what the order owes
//! (`services::invoices`). Each call is idempotent: issuing for an order twice gives the same
//! invoice; a void or an allowance is keyed by what it brings the invoice to.

pub mod sandbox;

use std::future::Future;
use std::pin::Pin;

use fourflow_core::invoice::{InvoiceChoice, InvoicePeriod};
use fourflow_core::Money;

/// What an invoice is issued for.
#[derive(Debug, Clone)]
pub struct IssueRequest<'a> {
    /// The merchant's order number: the issuer's idempotency key.
    pub order_number: &'a str,
    pub amount: Money,
    pub choice: &'a InvoiceChoice,
    /// Where the platform sends its own notice (for a carrier or a donation).
    pub buyer_email: &'a str,
    /// Unix seconds: decides the two-month period.
    pub at: i64,
}

/// The invoice the issuer gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issued {
    /// `AB12345678`.
    pub number: String,
    pub period: InvoicePeriod,
    /// What it was issued for: the first call's amount, when an order is asked twice.
    pub amount: Money,
}

pub type Call<'a, T> = Pin<Box<dyn Future<Output = Result<T, IssuerError>> + Send + 'a>>;

#[derive(Debug, thiserror::Error)]
pub enum IssuerError {
    /// The issuer said no; the same request would get the same answer.
    #[error("the invoice issuer refused: {0}")]
    Refused(String),
    /// The issuer could not be reached or failed; the request may be sent again.
    #[error("the invoice issuer is unavailable: {0}")]
    Unavailable(String),
}

impl From<sqlx::Error> for IssuerError {
    fn from(error: sqlx::Error) -> IssuerError {
        IssuerError::Unavailable(error.to_string())
    }
}

pub trait InvoiceIssuer: Send + Sync {
    fn name(&self) -> &'static str;
    /// Issues the order's invoice, once: asked again, answers the invoice it issued.
    fn issue<'a>(&'a self, request: &'a IssueRequest<'a>) -> Call<'a, Issued>;
    /// Voids (作廢) invoice `number`: only within its own period, and before any allowance.
    fn void<'a>(&'a self, number: &'a str, at: i64) -> Call<'a, ()>;
    /// Gives back by allowance (折讓) until `total` of invoice `number` is allowed in all.
    fn allow<'a>(&'a self, number: &'a str, total: Money, at: i64) -> Call<'a, ()>;
}
