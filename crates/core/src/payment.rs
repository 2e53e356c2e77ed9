//! Paying for an order: what the shopper sends (never stored as such: a card number is only
//! passed to the provider), where a payment stands, what the shopper must do next, and the
//! rules about instalments.

use serde::{Deserialize, Serialize};

use crate::checkout::PaymentMethod;
use crate::{Currency, FieldError, Money};

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
    /// Confirmed, the money held on the card: taken when the parcel ships
    /// ([`crate::settlement::capture_at`]).
    Authorised,
    /// Confirmed and the money taken.
    Succeeded,
    Failed,
    /// The hold was let go before any money was taken (the order was cancelled).
    Voided,
    Refunded,
}

impl PaymentStatus {
    pub const fn as_str(self) -> &'static str {
        match self {
            PaymentStatus::RequiresAction => "requires_action",
            PaymentStatus::Pending => "pending",
            PaymentStatus::Authorised => "authorised",
            PaymentStatus::Succeeded => "succeeded",
            PaymentStatus::Failed => "failed",
            PaymentStatus::Voided => "voided",
            PaymentStatus::Refunded => "refunded",
        }
    }

    pub fn parse(text: &str) -> Option<PaymentStatus> {
        [
            PaymentStatus::RequiresAction,
            PaymentStatus::Pending,
            PaymentStatus::Authorised,
            PaymentStatus::Succeeded,
            PaymentStatus::Failed,
            PaymentStatus::Voided,
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

/// Checks a card's details (on the server, before the provider sees them): the first of
/// [`card_problems`].
pub fn check_card(
    number: &str,
    expiry: &str,
    cvc: &str,
    instalments: u32,
    total: Money,
    this_month: (i32, u32),
) -> Result<(), FieldError> {
    match card_problems(number, expiry, cvc, instalments, total, this_month)
        .into_iter()
        .next()
    {
        Some(problem) => Err(problem),
        None => Ok(()),
    }
}

/// Everything wrong with a card's details, field by field, as the shopper types them: the
/// number's digits, an expiry `MM/YY` not before `this_month` (`(year, month)`, e.g.
/// `(2026, 11)`), the 3 or 4 digit security code, and instalments the order's `total` allows.
pub fn card_problems(
    number: &str,
    expiry: &str,
    cvc: &str,
    instalments: u32,
    total: Money,
    this_month: (i32, u32),
) -> Vec<FieldError> {
    let mut problems = Vec::new();
    if !card_number_is_plausible(number) {
        problems.push(FieldError::new(
            "number",
            "is not a valid card number: check the digits",
        ));
    }
    match card_expiry(expiry) {
        None => problems.push(FieldError::new("expiry", "must be MM/YY")),
        Some((month, year)) if (year, month) < this_month => {
            problems.push(FieldError::new("expiry", "this card has expired"))
        }
        Some(_) => {}
    }
    if !(3..=4).contains(&cvc.len()) || !cvc.bytes().all(|b| b.is_ascii_digit()) {
        problems.push(FieldError::new(
            "cvc",
            "must be the 3 or 4 digits on the card",
        ));
    }
    if instalments != 1 && !instalment_options(total).contains(&instalments) {
        problems.push(FieldError::new(
            "instalments",
            "this order cannot be paid in that many instalments",
        ));
    }
    problems
}

/// The expiry as the shopper types it, written as it is printed on a card: `1229` reads
/// `12/29`, `1/29` reads `01/29`, and a month that can only be one digit gets its zero
/// (`5` → `05/`). A slash the shopper deletes is not put back until the year begins.
pub fn typed_expiry(typed: &str) -> String {
    let (before_slash, slashed) = match typed.split_once('/') {
        Some((month, _)) => (month, true),
        None => (typed, false),
    };
    let mut digits: String = typed.chars().filter(char::is_ascii_digit).take(4).collect();
    let month_digits = before_slash.chars().filter(char::is_ascii_digit).count();
    let lone_month = (slashed && month_digits == 1)
        || (digits.len() == 1 && matches!(digits.as_bytes()[0], b'2'..=b'9'));
    if lone_month {
        digits.insert(0, '0');
        digits.truncate(4);
    }
    // Built digit by digit, not sliced: the browser's bundle then carries no slicing panic.
    let mut shown = String::with_capacity(5);
    for (i, digit) in digits.chars().enumerate() {
        if i == 2 {
            shown.push('/');
        }
        shown.push(digit);
    }
    if digits.len() == 2 && (slashed || lone_month) {
        shown.push('/');
    }
    shown
}

/// `MM/YY` → (month, full year); cards' years are this century's.
fn card_expiry(expiry: &str) -> Option<(u32, i32)> {
    let (m, y) = expiry.trim().split_once('/')?;
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(m, 2) || !digits(y, 2) {
        return None;
    }
    let month: u32 = m.parse().ok()?;
    let year: i32 = y.parse().ok()?;
    (1..=12).contains(&month).then_some((month, 2000 + year))
}

/// What a courier or store charges to collect cash on delivery (NT$30), added to the order.
pub const CASH_ON_DELIVERY_FEE: Money = Money::twd(3_000);
/// The most a courier or store collects in cash (NT$20,000): larger orders are paid ahead.
pub const CASH_ON_DELIVERY_LIMIT: Money = Money::twd(2_000_000);

/// What paying by `method` adds to the order, if anything.
pub fn payment_fee(method: PaymentMethod) -> Option<Money> {
    (method == PaymentMethod::CashOnDelivery).then_some(CASH_ON_DELIVERY_FEE)
}

/// Whether an order waiting for its money may be paid by `to` instead of the `from` it was
/// placed with, as a refused card's message promises: any way of paying ahead for another
/// (none adds a fee, so the total stands). Cash on delivery neither leaves nor joins: its fee
/// and its flow (no payment until the door) are the order's own.
pub fn can_switch(from: PaymentMethod, to: PaymentMethod) -> bool {
    from != PaymentMethod::CashOnDelivery && to != PaymentMethod::CashOnDelivery
}

/// Whether `method` can pay an order of `total` (before the method's own fee).
pub fn check_method(method: PaymentMethod, total: Money) -> Result<(), FieldError> {
    if method == PaymentMethod::CashOnDelivery && total > CASH_ON_DELIVERY_LIMIT {
        return Err(FieldError::new(
            "payment_method",
            "cash on delivery is for orders up to NT$20,000: please pay ahead",
        ));
    }
    Ok(())
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
    fn a_waiting_order_switches_between_ways_of_paying_ahead_only() {
        use PaymentMethod::*;
        assert!(can_switch(Card, AtmTransfer));
        assert!(can_switch(EWallet, Card));
        assert!(can_switch(Card, Card));
        assert!(!can_switch(Card, CashOnDelivery));
        assert!(!can_switch(CashOnDelivery, Card));
        for method in [Card, AtmTransfer, StoreCode, EWallet] {
            assert_eq!(payment_fee(method), None, "a switch keeps the total");
        }
    }

    #[test]
    fn an_expiry_is_written_as_on_the_card_as_it_is_typed() {
        for (typed, shown) in [
            ("", ""),
            ("1", "1"),
            ("12", "12"),
            ("12/", "12/"),
            ("122", "12/2"),
            ("1229", "12/29"),
            ("12/29", "12/29"),
            ("12 / 29", "12/29"),
            ("122999", "12/29"),
            ("1/", "01/"),
            ("1/29", "01/29"),
            ("5", "05/"),
            ("05/", "05/"),
            ("0", "0"),
            ("ab", ""),
        ] {
            assert_eq!(typed_expiry(typed), shown, "{typed:?}");
        }
        // What it writes is what the card check reads.
        assert_eq!(card_expiry(&typed_expiry("1229")), Some((12, 2029)));
    }

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
    fn card_details_are_checked_field_by_field() {
        let total = Money::twd(500_000);
        let now = (2026, 11);
        let check = |number, expiry, cvc, instalments| {
            check_card(number, expiry, cvc, instalments, total, now).map_err(|e| e.field)
        };
        assert_eq!(check("4242424242424242", "11/26", "123", 1), Ok(()));
        assert_eq!(check("4242424242424242", "01/30", "1234", 6), Ok(()));
        assert_eq!(
            check("4242424242424241", "11/26", "123", 1),
            Err("number".into())
        );
        assert_eq!(
            check("4242424242424242", "10/26", "123", 1),
            Err("expiry".into())
        );
        assert_eq!(
            check("4242424242424242", "13/27", "123", 1),
            Err("expiry".into())
        );
        assert_eq!(
            check("4242424242424242", "1/27", "123", 1),
            Err("expiry".into())
        );
        assert_eq!(
            check("4242424242424242", "12/27", "12", 1),
            Err("cvc".into())
        );
        assert_eq!(
            check("4242424242424242", "12/27", "12a", 1),
            Err("cvc".into())
        );
        assert_eq!(
            check("4242424242424242", "12/27", "123", 12),
            Err("instalments".into())
        );
    }

    #[test]
    fn cash_on_delivery_costs_a_fee_and_has_a_ceiling() {
        assert_eq!(
            payment_fee(PaymentMethod::CashOnDelivery),
            Some(Money::twd(3_000))
        );
        assert_eq!(payment_fee(PaymentMethod::Card), None);
        assert!(check_method(PaymentMethod::CashOnDelivery, Money::twd(2_000_000)).is_ok());
        let refused = check_method(PaymentMethod::CashOnDelivery, Money::twd(2_000_100));
        assert_eq!(refused.unwrap_err().field, "payment_method");
        assert!(check_method(PaymentMethod::Card, Money::twd(9_000_000)).is_ok());
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
            "authorised",
            "succeeded",
            "failed",
            "voided",
            "refunded",
        ] {
            assert_eq!(PaymentStatus::parse(status).unwrap().as_str(), status);
        }
    }
}
