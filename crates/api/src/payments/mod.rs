//! Payment providers. A provider is one implementation of [`PaymentProvider`]; the built-in
//! sandbox simulates every method a Taiwanese shop offers (cards with 3-D Secure and
//! instalments, ATM transfer, convenience-store code, e-wallet) and confirms asynchronously
//! through signed webhooks, like the real ones. A real provider is one more implementation.

pub mod sandbox;
pub mod webhook;

use fourflow_core::payment::{FailureReason, NextAction};
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

/// A provider of payments. Only `authorise` and `refund` are called so far; capture and void
/// come with the back office's fulfilment and cancellation.
pub trait PaymentProvider: Send + Sync {
    fn name(&self) -> &'static str;
    fn authorise(&self, request: &Authorise) -> Authorised;
    /// Gives money back; `Ok` once the provider took the instruction.
    fn refund(&self, payment_id: &str, amount: Money) -> Result<(), String>;
    /// The secret this provider signs its webhooks with.
    fn webhook_secret(&self) -> &[u8];
}
