//! What the shop writes to a customer: one variant per email, holding what its template says.
//! Links are absolute ([`super::Sender::link`]); the template adds the words, in the customer's
//! language.

use fourflow_core::delivery::Date;
use fourflow_core::invoice::InvoiceChoice;
use serde::Serialize;

/// A calendar day as a template writes it (`12月14日`, `14 Dec`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Day {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl From<Date> for Day {
    fn from(date: Date) -> Day {
        Day {
            year: date.year,
            month: date.month,
            day: date.day,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "letter", rename_all = "snake_case")]
pub enum Letter {
    /// The order is placed: its number, and the link that opens it on any device.
    OrderPlaced { number: String, order_link: String },
    /// The money for the order has arrived.
    PaymentReceived { number: String, order_link: String },
    /// The carrier has the parcel: its tracking number, and when it should arrive (at the door,
    /// or on the pickup store's shelf).
    Shipped {
        number: String,
        order_link: String,
        carrier: String,
        tracking_number: String,
        earliest: Day,
        latest: Day,
        to_store: bool,
    },
    /// The parcel is on the pickup store's shelf, until `collect_by`.
    ArrivedAtStore {
        number: String,
        order_link: String,
        store: String,
        address: String,
        collect_by: Day,
    },
    /// Delivered (or collected): it may be sent back until `return_by` (七天鑑賞期).
    Delivered {
        number: String,
        order_link: String,
        return_by: Day,
    },
    /// The shop has the shopper's request to send the order back.
    ReturnRequested { number: String, order_link: String },
    /// The e-invoice is issued (`AB12345678`, `115年11-12月`), and how it is kept.
    InvoiceIssued {
        number: String,
        order_link: String,
        invoice_number: String,
        period: String,
        amount: String,
        choice: InvoiceChoice,
    },
    /// Money went back, `amount` (as shoppers read it, `NT$1,280`).
    Refunded {
        number: String,
        order_link: String,
        amount: String,
    },
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
            Letter::Shipped { .. } => "shipped",
            Letter::ArrivedAtStore { .. } => "arrived_at_store",
            Letter::Delivered { .. } => "delivered",
            Letter::ReturnRequested { .. } => "return_requested",
            Letter::Refunded { .. } => "refunded",
            Letter::InvoiceIssued { .. } => "invoice_issued",
            Letter::VerifyEmail { .. } => "verify_email",
            Letter::PasswordReset { .. } => "password_reset",
            Letter::AccountExists { .. } => "account_exists",
        }
    }
}
