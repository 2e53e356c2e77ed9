//! Money: integer minor units plus a currency. No float ever touches a price.
//!
//! `{"amount": 128000, "currency": "TWD"}` is NT$1,280.00. Arithmetic is checked so that an
//! overflow is an error rather than a silently wrong total.

use serde::{Deserialize, Serialize};

use crate::Locale;

/// ISO 4217 currencies the shop can price in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Currency {
    #[serde(rename = "TWD")]
    Twd,
}

impl Currency {
    /// Digits after the decimal point in the currency's minor unit (ISO 4217).
    pub const fn minor_digits(self) -> u32 {
        match self {
            Currency::Twd => 2,
        }
    }

    pub const fn code(self) -> &'static str {
        match self {
            Currency::Twd => "TWD",
        }
    }

    /// The symbol shoppers in the shop's market expect; `NT$` is what Taiwanese shops print.
    pub const fn symbol(self) -> &'static str {
        match self {
            Currency::Twd => "NT$",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "TWD" => Some(Currency::Twd),
            _ => None,
        }
    }

    /// One major unit (NT$1) in minor units.
    pub const fn unit(self) -> i64 {
        10_i64.pow(self.minor_digits())
    }
}

/// An amount of money in minor units of its currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Money {
    /// Minor units: 128000 TWD is NT$1,280.00.
    pub amount: i64,
    pub currency: Currency,
}

impl Money {
    pub const fn new(amount: i64, currency: Currency) -> Self {
        Money { amount, currency }
    }

    pub const fn twd(amount: i64) -> Self {
        Money::new(amount, Currency::Twd)
    }

    pub const fn zero(currency: Currency) -> Self {
        Money::new(0, currency)
    }

    /// `None` on overflow or when the currencies differ.
    pub fn checked_add(self, other: Money) -> Option<Money> {
        (self.currency == other.currency)
            .then(|| self.amount.checked_add(other.amount))
            .flatten()
            .map(|amount| Money::new(amount, self.currency))
    }

    pub fn checked_mul(self, qty: u32) -> Option<Money> {
        self.amount
            .checked_mul(i64::from(qty))
            .map(|amount| Money::new(amount, self.currency))
    }

    /// The amount without its minor part (NT$999.99 → NT$999), e.g. to label the top of a
    /// price range whose bound is inclusive.
    pub fn whole_units(self) -> Money {
        let unit = self.currency.unit();
        Money::new(self.amount - self.amount % unit, self.currency)
    }

    /// How shoppers read a price: `NT$1,280`, or `NT$1,280.50` when there are cents.
    ///
    /// Both of our locales group thousands with commas and put the symbol first; the locale is a
    /// parameter so that a market which does not can be added here, in one place.
    pub fn format(&self, _locale: Locale) -> String {
        let unit = self.currency.unit();
        let sign = if self.amount < 0 { "-" } else { "" };
        let abs = self.amount.unsigned_abs();
        let major = abs / unit as u64;
        let minor = abs % unit as u64;
        let mut out = format!("{sign}{}{}", self.currency.symbol(), group_thousands(major));
        if minor != 0 {
            let width = self.currency.minor_digits() as usize;
            out.push_str(&format!(".{minor:0width$}"));
        }
        out
    }
}

fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formats_like_a_taiwanese_shop() {
        assert_eq!(Money::twd(128000).format(Locale::ZhTw), "NT$1,280");
        assert_eq!(Money::twd(128050).format(Locale::En), "NT$1,280.50");
        assert_eq!(Money::twd(0).format(Locale::En), "NT$0");
        assert_eq!(Money::twd(99).format(Locale::En), "NT$0.99");
        assert_eq!(
            Money::twd(12_345_678_900).format(Locale::En),
            "NT$123,456,789"
        );
        assert_eq!(Money::twd(-50000).format(Locale::En), "-NT$500");
    }

    #[test]
    fn drops_the_minor_part() {
        assert_eq!(Money::twd(99999).whole_units(), Money::twd(99900));
        assert_eq!(Money::twd(100000).whole_units(), Money::twd(100000));
    }

    #[test]
    fn serialises_as_minor_units_and_code() {
        let json = serde_json::to_string(&Money::twd(128000)).unwrap();
        assert_eq!(json, r#"{"amount":128000,"currency":"TWD"}"#);
    }

    #[test]
    fn arithmetic_refuses_overflow() {
        assert_eq!(Money::twd(i64::MAX).checked_add(Money::twd(1)), None);
        assert_eq!(Money::twd(i64::MAX).checked_mul(2), None);
        assert_eq!(Money::twd(500).checked_mul(3), Some(Money::twd(1500)));
    }

    proptest! {
        #[test]
        fn formatting_round_trips_the_amount(amount in 0i64..1_000_000_000_000) {
            let text = Money::twd(amount).format(Locale::ZhTw);
            let digits: String = text.chars().filter(|c| c.is_ascii_digit()).collect();
            let parsed: i64 = digits.parse().unwrap();
            let expected = if amount % 100 == 0 { amount / 100 } else { amount };
            prop_assert_eq!(parsed, expected);
        }

        #[test]
        fn addition_is_commutative_when_it_fits(a in any::<i32>(), b in any::<i32>()) {
            let (a, b) = (Money::twd(a.into()), Money::twd(b.into()));
            prop_assert_eq!(a.checked_add(b), b.checked_add(a));
        }
    }
}
