//! What the shop writes to a customer: one variant per email, holding what its template says.
//! Links are absolute ([`super::Sender::link`]); the template adds the words, in the customer's
//! language.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "letter", rename_all = "snake_case")]
pub enum Letter {
    /// The order is placed: its number, and the link that opens it on any device.
    OrderPlaced { number: String, order_link: String },
    /// The money for the order has arrived.
    PaymentReceived { number: String, order_link: String },
    /// Confirm the address a new account signed up with.
    VerifyEmail { verify_link: String },
    /// A link to choose a new password.
    PasswordReset { reset_link: String },
    /// Someone signed up with an address that already has an account.
    AccountExists {
        sign_in_link: String,
        reset_link: String,
    },
}

impl Letter {
    /// The template's name, under `templates/{locale}/`.
    pub fn template(&self) -> &'static str {
        match self {
            Letter::OrderPlaced { .. } => "order_placed",
            Letter::PaymentReceived { .. } => "payment_received",
            Letter::VerifyEmail { .. } => "verify_email",
            Letter::PasswordReset { .. } => "password_reset",
            Letter::AccountExists { .. } => "account_exists",
        }
    }
}
