//! The sandbox provider: a payment service in miniature, for development, demos and tests.
//! Its behaviour follows the test numbers shoppers and developers know:
//!
//! | card number         | outcome                                      |
//! |---------------------|----------------------------------------------|
//! | 4242 4242 4242 4242 | accepted, confirmed by webhook               |
//! | 4000 0000 0000 3220 | 3-D Secure challenge page, then the webhook  |
//! | 4000 0000 0000 0002 | declined                                     |
//! | 4000 0000 0000 9995 | insufficient funds                           |
//!
//! Any other number that passes the Luhn check is accepted. ATM transfers and counter codes
//! wait for the money (simulated at `/payments/sandbox/{id}`); an e-wallet redirects to a
//! page that approves or cancels.

use fourflow_core::payment::{FailureReason, NextAction};
use fourflow_core::Money;
use time::format_description::well_known::Rfc3339;

use super::{Authorise, Authorised, Method, PaymentProvider};

pub const CHALLENGE_CARD: &str = "4000000000003220";
pub const DECLINED_CARD: &str = "4000000000000002";
pub const NO_FUNDS_CARD: &str = "4000000000009995";

pub struct Sandbox {
    secret: Vec<u8>,
}

impl Sandbox {
    pub fn new(secret: impl Into<Vec<u8>>) -> Sandbox {
        Sandbox {
            secret: secret.into(),
        }
    }
}

/// The sandbox's own page for a payment (challenge, wallet, transfer simulation).
pub fn page(payment_id: &str) -> String {
    format!("/payments/sandbox/{payment_id}")
}

impl PaymentProvider for Sandbox {
    fn name(&self) -> &'static str {
        "sandbox"
    }

    fn authorise(&self, request: &Authorise) -> Authorised {
        let expires_at = time::OffsetDateTime::from_unix_timestamp(request.expires_at)
            .ok()
            .and_then(|t| t.format(&Rfc3339).ok())
            .unwrap_or_default();
        // Numbers and codes derived from the payment id: stable for a payment, distinct across.
        let digits: String = request
            .payment_id
            .bytes()
            .map(|b| char::from(b'0' + b % 10))
            .collect();
        match &request.method {
            Method::Card { number, .. } => match number.replace(' ', "").as_str() {
                DECLINED_CARD => Authorised::Refused(FailureReason::Declined),
                NO_FUNDS_CARD => Authorised::Refused(FailureReason::InsufficientFunds),
                CHALLENGE_CARD => Authorised::RequiresAction(NextAction::Redirect {
                    url: page(&request.payment_id),
                }),
                _ => Authorised::Accepted,
            },
            Method::AtmTransfer => Authorised::RequiresAction(NextAction::AtmTransfer {
                bank_code: "812".into(),
                account: format!("9{}", &digits[digits.len().saturating_sub(13)..]),
                expires_at,
            }),
            Method::StoreCode => Authorised::RequiresAction(NextAction::StoreCode {
                code: format!("FF{}", &digits[digits.len().saturating_sub(12)..]),
                expires_at,
            }),
            Method::EWallet => Authorised::RequiresAction(NextAction::Redirect {
                url: page(&request.payment_id),
            }),
        }
    }

    fn refund(&self, _payment_id: &str, _amount: Money) -> Result<(), String> {
        Ok(())
    }

    fn webhook_secret(&self) -> &[u8] {
        &self.secret
    }
}
