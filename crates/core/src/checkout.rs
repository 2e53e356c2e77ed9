//! What a shopper gives at checkout — who they are, where the parcel goes, how they pay — and
//! the rules it must meet, checked the same way in the browser (as they type) and on the
//! server (before an order exists). Every error names its field.

use serde::{Deserialize, Serialize};

use crate::cart::CartLine;
use crate::invoice::InvoiceChoice;
use crate::pricing::ShippingMethod;
use crate::FieldError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    Card,
    /// ATM transfer to a virtual account number; the order waits until the transfer arrives.
    AtmTransfer,
    /// A payment code to pay at a convenience store counter.
    StoreCode,
    CashOnDelivery,
    /// Redirect to an e-wallet (LINE Pay, JKO Pay style) and back.
    EWallet,
}

impl PaymentMethod {
    pub const ALL: [PaymentMethod; 5] = [
        PaymentMethod::Card,
        PaymentMethod::AtmTransfer,
        PaymentMethod::StoreCode,
        PaymentMethod::CashOnDelivery,
        PaymentMethod::EWallet,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            PaymentMethod::Card => "card",
            PaymentMethod::AtmTransfer => "atm_transfer",
            PaymentMethod::StoreCode => "store_code",
            PaymentMethod::CashOnDelivery => "cash_on_delivery",
            PaymentMethod::EWallet => "e_wallet",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Contact {
    pub name: String,
    pub email: String,
    /// A Taiwanese mobile number (09xxxxxxxx); couriers and stores text it.
    pub phone: String,
}

/// Where the parcel goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Delivery {
    /// To a door (home delivery or express).
    Address {
        postal_code: String,
        city: String,
        district: String,
        line: String,
    },
    /// To a convenience store, for pickup.
    Store {
        chain: String,
        store_id: String,
        store_name: String,
    },
}

/// `POST /api/v1/orders`: the cart and the checkout details. Prices are not part of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlaceOrder {
    pub lines: Vec<CartLine>,
    #[serde(default)]
    pub coupon: Option<String>,
    pub shipping_method: ShippingMethod,
    pub payment_method: PaymentMethod,
    pub contact: Contact,
    pub delivery: Delivery,
    /// How the shopper takes the e-invoice (電子發票): the shop's member carrier when absent.
    #[serde(default)]
    pub invoice: InvoiceChoice,
}

impl PlaceOrder {
    /// Checks everything that needs no catalog: the contact, the delivery against the
    /// method, the payment against the delivery.
    pub fn check(&self) -> Result<(), FieldError> {
        self.contact.check()?;
        match (&self.delivery, self.shipping_method) {
            (Delivery::Store { .. }, ShippingMethod::StorePickup) => {}
            (Delivery::Address { .. }, ShippingMethod::HomeDelivery | ShippingMethod::Express) => {}
            (Delivery::Store { .. }, _) => {
                return Err(FieldError::new(
                    "delivery",
                    "a store is only for convenience-store pickup",
                ))
            }
            (Delivery::Address { .. }, _) => {
                return Err(FieldError::new(
                    "delivery",
                    "convenience-store pickup needs a store, not an address",
                ))
            }
        }
        self.delivery.check()?;
        self.delivery.check_place()?;
        self.invoice.normalized().check()
    }
}

impl Contact {
    pub fn check(&self) -> Result<(), FieldError> {
        first(self.problems())
    }

    /// Every field that is not right yet (a form shows each beside its field).
    pub fn problems(&self) -> Vec<FieldError> {
        let mut problems = Vec::new();
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > 50 {
            problems.push(FieldError::new("contact.name", "must be 1–50 characters"));
        }
        problems.extend(crate::text::check_line("contact.name", name).err());
        if !is_email(self.email.trim()) {
            problems.push(FieldError::new(
                "contact.email",
                "must be an email address, like name@example.com",
            ));
        }
        if !is_mobile(&self.phone) {
            problems.push(FieldError::new(
                "contact.phone",
                "must be a Taiwanese mobile number: 09 and 8 more digits",
            ));
        }
        problems
    }
}

impl Delivery {
    /// On one line, as a Taiwanese address is written (postal code, city, district, street)
    /// or as a store is named (chain, store, its code).
    pub fn one_line(&self) -> String {
        match self {
            Delivery::Address {
                postal_code,
                city,
                district,
                line,
            } => format!("{postal_code} {city}{district}{line}"),
            Delivery::Store {
                chain,
                store_id,
                store_name,
            } => format!("{chain} {store_name}（{store_id}）"),
        }
    }

    pub fn check(&self) -> Result<(), FieldError> {
        first(self.problems())
    }

    /// Whether an address names one real place (county, district, postal code: see
    /// [`crate::delivery::areas`]). Apart from [`Delivery::check`], which forms run as the
    /// shopper types: the list stays out of the browser's bundle, and forms choose from it.
    pub fn check_place(&self) -> Result<(), FieldError> {
        match self {
            Delivery::Address {
                postal_code,
                city,
                district,
                ..
            } => crate::delivery::areas::taiwan().check("delivery.", city, district, postal_code),
            Delivery::Store { .. } => Ok(()),
        }
    }

    /// Every field that is not right yet.
    pub fn problems(&self) -> Vec<FieldError> {
        let mut problems = Vec::new();
        let filled = |field: &str, value: &str, max: usize| {
            let n = value.trim().chars().count();
            (n == 0 || n > max)
                .then(|| FieldError::new(field, format!("must be 1–{max} characters")))
                .or_else(|| crate::text::check_line(field, value.trim()).err())
        };
        match self {
            Delivery::Address {
                postal_code,
                city,
                district,
                line,
            } => {
                let digits = postal_code.trim();
                if !matches!(digits.len(), 3 | 5 | 6) || !digits.bytes().all(|b| b.is_ascii_digit())
                {
                    problems.push(FieldError::new(
                        "delivery.postal_code",
                        "must be a 3, 5 or 6 digit postal code",
                    ));
                }
                problems.extend(filled("delivery.city", city, 10));
                problems.extend(filled("delivery.district", district, 10));
                problems.extend(filled("delivery.line", line, 100));
            }
            Delivery::Store {
                chain,
                store_id,
                store_name,
            } => {
                problems.extend(filled("delivery.chain", chain, 20));
                if !(3..=10).contains(&store_id.len())
                    || !store_id.bytes().all(|b| b.is_ascii_alphanumeric())
                {
                    problems.push(FieldError::new(
                        "delivery.store_id",
                        "must be the store's 3–10 letter or digit code",
                    ));
                }
                problems.extend(filled("delivery.store_name", store_name, 40));
            }
        }
        problems
    }
}

fn first(problems: Vec<FieldError>) -> Result<(), FieldError> {
    match problems.into_iter().next() {
        Some(problem) => Err(problem),
        None => Ok(()),
    }
}

/// Deliberately plain: something@something.something, no spaces. The address is proven by
/// the mail that reaches it, not by a pattern.
pub(crate) fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && text.len() <= 254
        && !text.contains(|c: char| c.is_whitespace() || c.is_control())
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
}

/// 09xxxxxxxx, spaces and dashes allowed between digits.
pub(crate) fn is_mobile(text: &str) -> bool {
    let digits: String = text.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    digits.len() == 10 && digits.starts_with("09") && digits.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(shipping: ShippingMethod, delivery: Delivery) -> PlaceOrder {
        PlaceOrder {
            lines: Vec::new(),
            coupon: None,
            shipping_method: shipping,
            payment_method: PaymentMethod::Card,
            contact: Contact {
                name: "林小美".into(),
                email: "mei@example.tw".into(),
                phone: "0912-345-678".into(),
            },
            delivery,
            invoice: InvoiceChoice::default(),
        }
    }

    fn home() -> Delivery {
        Delivery::Address {
            postal_code: "106".into(),
            city: "台北市".into(),
            district: "大安區".into(),
            line: "復興南路一段 1 號".into(),
        }
    }

    fn store() -> Delivery {
        Delivery::Store {
            chain: "7-ELEVEN".into(),
            store_id: "131386".into(),
            store_name: "大安門市".into(),
        }
    }

    #[test]
    fn a_complete_checkout_passes() {
        assert_eq!(order(ShippingMethod::HomeDelivery, home()).check(), Ok(()));
        assert_eq!(order(ShippingMethod::StorePickup, store()).check(), Ok(()));
    }

    #[test]
    fn each_mistake_names_its_field() {
        let mut bad_email = order(ShippingMethod::HomeDelivery, home());
        bad_email.contact.email = "mei@".into();
        let mut bad_phone = order(ShippingMethod::HomeDelivery, home());
        bad_phone.contact.phone = "02-2345-6789".into();
        let mut no_name = order(ShippingMethod::HomeDelivery, home());
        no_name.contact.name = "  ".into();
        // What a label printer or a courier's screen would choke on.
        let mut two_line_name = order(ShippingMethod::HomeDelivery, home());
        two_line_name.contact.name = "王小明\n收".into();
        let mut escaped_street = order(ShippingMethod::HomeDelivery, home());
        let Delivery::Address { line, .. } = &mut escaped_street.delivery else {
            panic!("a home delivery goes to an address");
        };
        *line = "羅斯福路\u{1b}[2J".into();
        let mut bad_postal = order(ShippingMethod::HomeDelivery, home());
        let Delivery::Address { postal_code, .. } = &mut bad_postal.delivery else {
            panic!("a home delivery goes to an address");
        };
        *postal_code = "10A".into();
        let mut bad_invoice = order(ShippingMethod::HomeDelivery, home());
        bad_invoice.invoice = InvoiceChoice::Company {
            tax_id: "12345678".into(),
            title: "四流選物".into(),
        };
        for (order, field) in [
            (bad_email, "contact.email"),
            (bad_phone, "contact.phone"),
            (no_name, "contact.name"),
            (two_line_name, "contact.name"),
            (escaped_street, "delivery.line"),
            (bad_postal, "delivery.postal_code"),
            (order(ShippingMethod::StorePickup, home()), "delivery"),
            (bad_invoice, "invoice.tax_id"),
            (order(ShippingMethod::Express, store()), "delivery"),
        ] {
            assert_eq!(order.check().unwrap_err().field, field);
        }
    }

    #[test]
    fn emails_and_phones() {
        for ok in ["a@b.tw", "mei.lin+shop@example.com.tw"] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in [
            "", "a@b", "a b@c.tw", "@b.tw", "a@.tw", "a@b.tw.", "a\0@b.tw",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
        assert!(is_mobile("0912345678") && is_mobile("0912 345 678"));
        assert!(!is_mobile("912345678") && !is_mobile("0812345678") && !is_mobile("09123456789"));
    }
}
