//! Paying for an order: what the shopper sends (never stored as such: a card number is only
//! passed to the provider), where a payment stands, what the shopper must do next, and the
//! rules about instalments.

use serde::{Deserialize, Serialize};

use crate::{Currency, Money};

/// `POST /api/v1/orders/{number}/payments`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum StartPayment {
    Card {
        number: String,
        /// `MM/YY`.
        expiry: String,
        cvc: String,
        /// 1 for a single payment; 3, 6 or 12 where [`instalment_options`] offers them.
        #[serde(default = "one")]
        instalments: u32,
    },
    AtmTransfer,
    StoreCode,
    EWallet,
}

fn one() -> u32 {
    1
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    /// Waiting for the shopper (a challenge, a redirect, a transfer, a counter payment).
    RequiresAction,
    /// Waiting for the provider's confirmation.
    Pending,
    Succeeded,
    Failed,
    Refunded,
}

impl PaymentStatus {
    pub const fn as_str(self) -> &'static str {
        match self {
            PaymentStatus::RequiresAction => "requires_action",
            PaymentStatus::Pending => "pending",
            PaymentStatus::Succeeded => "succeeded",
            PaymentStatus::Failed => "failed",
            PaymentStatus::Refunded => "refunded",
        }
    }

    pub fn parse(text: &str) -> Option<PaymentStatus> {
        [
            PaymentStatus::RequiresAction,
            PaymentStatus::Pending,
            PaymentStatus::Succeeded,
            PaymentStatus::Failed,
            PaymentStatus::Refunded,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }
}

/// Why a payment failed, in terms the shopper can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FailureReason {
    /// The bank said no; another card may work.
    Declined,
    InsufficientFunds,
    /// The 3-D Secure check was not passed.
    AuthenticationFailed,
    /// The transfer or counter payment did not arrive in time.
    Expired,
}

/// What the shopper must do for the payment to go through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum NextAction {
    /// Open this page (a 3-D Secure challenge, an e-wallet), which comes back to the order.
    Redirect { url: String },
    /// Transfer the amount to this virtual account before the deadline.
    AtmTransfer {
        bank_code: String,
        account: String,
        expires_at: String,
    },
    /// Pay this code at a convenience store counter before the deadline.
    StoreCode { code: String, expires_at: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentView {
    pub id: String,
    pub status: PaymentStatus,
    pub amount: Money,
    pub instalments: u32,
    /// The card's last four digits, when it was a card.
    pub card_last4: Option<String>,
    pub next_action: Option<NextAction>,
    pub failure: Option<FailureReason>,
}

/// A card number passes the Luhn check (12–19 digits, spaces allowed): catches typos before
/// anything is sent to a provider.
pub fn card_number_is_plausible(number: &str) -> bool {
    let digits: Vec<u32> = number
        .chars()
        .filter(|c| *c != ' ')
        .map(|c| c.to_digit(10))
        .collect::<Option<_>>()
        .unwrap_or_default();
    if !(12..=19).contains(&digits.len()) {
        return false;
    }
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 1 {
                if d * 2 > 9 {
                    d * 2 - 9
                } else {
                    d * 2
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// The instalment plans offered for an order of `total`: none below NT$3,000, then 3 and 6
/// months, and 12 from NT$10,000 (what Taiwanese card issuers commonly allow).
pub fn instalment_options(total: Money) -> Vec<u32> {
    let dollars = total.amount / Currency::Twd.unit();
    match dollars {
        d if d >= 10_000 => vec![3, 6, 12],
        d if d >= 3_000 => vec![3, 6],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instalments_grow_with_the_total() {
        assert!(instalment_options(Money::twd(299_900)).is_empty());
        assert_eq!(instalment_options(Money::twd(300_000)), [3, 6]);
        assert_eq!(instalment_options(Money::twd(1_000_000)), [3, 6, 12]);
    }

    #[test]
    fn luhn() {
        assert!(card_number_is_plausible("4242 4242 4242 4242"));
        assert!(card_number_is_plausible("4000000000003220"));
        assert!(!card_number_is_plausible("4242424242424241"));
        assert!(!card_number_is_plausible("4242"));
        assert!(!card_number_is_plausible("4242-4242-4242-4242"));
    }

    #[test]
    fn a_card_payment_defaults_to_one_instalment() {
        let json = r#"{"type":"card","number":"4242424242424242","expiry":"12/30","cvc":"123"}"#;
        let StartPayment::Card { instalments, .. } = serde_json::from_str(json).unwrap() else {
            panic!()
        };
        assert_eq!(instalments, 1);
        for status in [
            "requires_action",
            "pending",
            "succeeded",
            "failed",
            "refunded",
        ] {
            assert_eq!(PaymentStatus::parse(status).unwrap().as_str(), status);
        }
    }
}
