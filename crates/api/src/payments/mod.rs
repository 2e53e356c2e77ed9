//! Payment providers. A provider is one implementation of [`PaymentProvider`]; the built-in
//! sandbox simulates every method a Taiwanese shop offers (cards with 3-D Secure and
//! instalments, ATM transfer, convenience-store code, e-wallet) and confirms asynchronously
//! through signed webhooks, like the real ones. A real provider is one more implementation.
//!
//! Every method of the trait is called: `authorise` when the shopper pays
//! (`services::payments::start`), `capture` when the carrier takes a card order's parcel
//! (`services::tracking::hand_over`), `void` when an order is cancelled while its card is only
//! held (or its money came too late), `refund` when money taken goes back (refunds, cancels),
//! and `status` for the provider's books in the orders console. Capture, void and refund are
//! instructions recorded with the change that decides them and sent once it has committed
//! (`services::payments::settlement`); what to instruct is `fourflow_core::settlement`.

pub mod sandbox;
pub mod webhook;

use std::future::Future;
use std::pin::Pin;

use fourflow_core::payment::{FailureReason, NextAction};
use fourflow_core::settlement::{CaptureAt, Ledger, Refusal};
use fourflow_core::Money;

/// What the shop asks a provider to do with a new payment.
#[derive(Debug, Clone)]
pub struct Authorise {
    /// Our payment id, echoed in the provider's webhooks.
    pub payment_id: String,
    pub amount: Money,
    pub method: Method,
    /// Unix seconds by which a transfer or counter payment must arrive.
    pub expires_at: i64,
    /// Whether the provider takes the money as it confirms, or only holds it for the shop to
    /// capture.
    pub capture: CaptureAt,
}

#[derive(Debug, Clone)]
pub enum Method {
    Card { number: String, instalments: u32 },
    AtmTransfer,
    StoreCode,
    EWallet,
}

/// The provider's first answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Authorised {
    /// Accepted; the provider confirms by webhook shortly.
    Accepted,
    /// The shopper has something to do first (a challenge, a transfer, a redirect).
    RequiresAction(NextAction),
    Refused(FailureReason),
}

/// A call to a provider: a remote request for a real one, so it is never made while the
/// shop holds a database write transaction (and, on SQLite, the sandbox's own writes would
/// wait for that lock).
pub type Call<'a, T> = Pin<Box<dyn Future<Output = Result<T, ProviderError>> + Send + 'a>>;

#[derive(Debug, thiserror::Error)]
pub enum ProviderError {
    /// The provider said no; the same request would get the same answer.
    #[error("the provider refused: {0}")]
    Refused(Refusal),
    /// The provider could not be reached or failed; the same request may be sent again (its
    /// idempotency key keeps it from counting twice).
    #[error("the provider is unavailable: {0}")]
    Unavailable(String),
}

impl From<sqlx::Error> for ProviderError {
    fn from(error: sqlx::Error) -> ProviderError {
        ProviderError::Unavailable(error.to_string())
    }
}

/// An instruction about money already authorised: `request_id` is its idempotency key, so
/// that a retry after a lost answer is answered like the first and moves money once.
#[derive(Debug, Clone, Copy)]
pub struct Instruction<'a> {
    pub request_id: &'a str,
    pub payment_id: &'a str,
}

/// A provider of payments. The shop authorises as the shopper pays (cards are held, the rest
/// taken as they arrive: `fourflow_core::settlement::capture_at`), captures a card when the
/// carrier takes the parcel, voids a hold when an order is cancelled before that, refunds
/// money taken, and asks `status` for the provider's own books (the orders console shows
/// them beside the shop's). Every call is made outside the shop's write transactions.
pub trait PaymentProvider: Send + Sync {
    fn name(&self) -> &'static str;
    fn authorise<'a>(&'a self, request: &'a Authorise) -> Call<'a, Authorised>;
    /// Takes `amount` of the hold, once; the rest of the hold is released.
    fn capture<'a>(&'a self, instruction: Instruction<'a>, amount: Money) -> Call<'a, ()>;
    /// Lets go of the whole hold, before anything is captured.
    fn void<'a>(&'a self, instruction: Instruction<'a>) -> Call<'a, ()>;
    /// Gives back `amount` of what was captured.
    fn refund<'a>(&'a self, instruction: Instruction<'a>, amount: Money) -> Call<'a, ()>;
    /// What the provider holds for the payment; `None` if it never heard of it.
    fn status<'a>(&'a self, payment_id: &'a str) -> Call<'a, Option<Ledger>>;
    /// The secret this provider signs its webhooks with.
    fn webhook_secret(&self) -> &[u8];
}
