//! A shopper's account as both sides see it: the bodies of the `/auth/…` and `/me/…` calls and
//! the rules their fields must meet (an email, a password strong enough, an address a courier
//! can reach). The browser checks them as the shopper types; the server checks them again
//! before anything is stored. Every error names its field.

use serde::{Deserialize, Serialize};

use crate::cart::{CartLine, MAX_LINES, MAX_QTY};
use crate::checkout::{is_email, is_mobile, Delivery};
use crate::invoice::InvoiceChoice;
use crate::order::OrderStatus;
use crate::{FieldError, Money};

/// Shortest password accepted. Length beats composition rules (NIST SP 800-63B).
pub const MIN_PASSWORD_CHARS: usize = 10;
/// Longest password accepted: hashing cost grows with it, so a limit keeps it bounded.
pub const MAX_PASSWORD_CHARS: usize = 128;
/// Most addresses one account keeps.
pub const MAX_ADDRESSES: usize = 20;

/// An email as the shop stores and compares it: trimmed and lower-cased, so that
/// `Mei@Example.tw` and `mei@example.tw ` are one account.
pub fn normalize_email(raw: &str) -> String {
    raw.trim().to_lowercase()
}

pub(crate) fn check_email(field: &str, raw: &str) -> Result<(), FieldError> {
    if is_email(raw.trim()) {
        Ok(())
    } else {
        Err(FieldError::new(
            field,
            "must be an email address, like name@example.com",
        ))
    }
}

/// The rule for a new password: 10–128 characters, not only digits (a phone number or a
/// birthday is guessed first).
pub fn check_password(field: &str, password: &str) -> Result<(), FieldError> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        return Err(FieldError::new(
            field,
            format!("must be at least {MIN_PASSWORD_CHARS} characters"),
        ));
    }
    if n > MAX_PASSWORD_CHARS {
        return Err(FieldError::new(
            field,
            format!("must be at most {MAX_PASSWORD_CHARS} characters"),
        ));
    }
    if password.chars().all(|c| c.is_ascii_digit()) {
        return Err(FieldError::new(
            field,
            "must not be only digits: add a few letters or words",
        ));
    }
    Ok(())
}

fn check_name(field: &str, name: &str) -> Result<(), FieldError> {
    let n = name.trim().chars().count();
    if n == 0 || n > 50 {
        return Err(FieldError::new(field, "must be 1–50 characters"));
    }
    crate::text::check_line(field, name.trim())
}

fn check_lines(field: &str, lines: &[CartLine]) -> Result<(), FieldError> {
    if lines.len() > MAX_LINES {
        return Err(FieldError::new(
            field,
            format!("holds at most {MAX_LINES} lines"),
        ));
    }
    for (i, line) in lines.iter().enumerate() {
        if line.qty == 0 || line.qty > MAX_QTY {
            return Err(FieldError::new(
                format!("{field}[{i}].qty"),
                format!("must be 1–{MAX_QTY}"),
            ));
        }
    }
    Ok(())
}

/// `POST /api/v1/auth/signup`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignUp {
    pub email: String,
    pub password: String,
    pub name: String,
}

impl SignUp {
    pub fn check(&self) -> Result<(), FieldError> {
        check_email("email", &self.email)?;
        check_password("password", &self.password)?;
        check_name("name", &self.name)
    }
}

/// `POST /api/v1/auth/login`. `cart` is the cart this browser holds; it is merged with the one
/// saved on the account (see [`crate::cart::merge`]) and the merged cart is answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignIn {
    pub email: String,
    pub password: String,
    #[serde(default)]
    pub cart: Option<Vec<CartLine>>,
}

impl SignIn {
    /// Only the shape: a password that breaks today's rules may predate them.
    pub fn check(&self) -> Result<(), FieldError> {
        check_email("email", &self.email)?;
        if self.password.is_empty() || self.password.chars().count() > MAX_PASSWORD_CHARS {
            return Err(FieldError::new(
                "password",
                format!("must be 1–{MAX_PASSWORD_CHARS} characters"),
            ));
        }
        check_lines("cart", self.cart.as_deref().unwrap_or_default())
    }
}

/// `GET /api/v1/me`: who is signed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Profile {
    pub email: String,
    pub name: String,
    /// Whether the shopper has proved the address (by the link mailed at sign-up); only a
    /// verified account can claim guest orders.
    pub email_verified: bool,
    /// `customer`, `marketer`, `operator` or `admin`.
    pub role: String,
    pub created_at: String,
    /// How the shopper took their last e-invoice: offered first at checkout.
    #[serde(default)]
    pub invoice: Option<InvoiceChoice>,
}

/// The answer to a successful sign-in: who, and the merged cart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignedIn {
    pub profile: Profile,
    pub cart: Vec<CartLine>,
}

/// `PATCH /api/v1/me`: the fields given are changed, the others kept.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProfileUpdate {
    #[serde(default)]
    pub name: Option<String>,
}

impl ProfileUpdate {
    pub fn check(&self) -> Result<(), FieldError> {
        match &self.name {
            Some(name) => check_name("name", name),
            None => Ok(()),
        }
    }
}

/// `POST /api/v1/auth/password-reset`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordResetRequest {
    pub email: String,
}

impl PasswordResetRequest {
    pub fn check(&self) -> Result<(), FieldError> {
        check_email("email", &self.email)
    }
}

/// `POST /api/v1/auth/password-reset/confirm`: the token from the mailed link and the new
/// password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordReset {
    pub token: String,
    pub password: String,
}

impl PasswordReset {
    pub fn check(&self) -> Result<(), FieldError> {
        check_token(&self.token)?;
        check_password("password", &self.password)
    }
}

/// `POST /api/v1/auth/verify-email`: the token from the link mailed at sign-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VerifyEmail {
    pub token: String,
}

impl VerifyEmail {
    pub fn check(&self) -> Result<(), FieldError> {
        check_token(&self.token)
    }
}

/// Mailed tokens are 64 hex digits; anything else is refused before a lookup.
fn check_token(token: &str) -> Result<(), FieldError> {
    if token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(())
    } else {
        Err(FieldError::new(
            "token",
            "is not a link we sent: open the latest email again",
        ))
    }
}

/// `POST /api/v1/me/orders/claim`: a guest order to attach to the signed-in account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClaimOrder {
    pub number: String,
    /// The order's access token (from its guest link).
    pub token: String,
}

impl ClaimOrder {
    pub fn check(&self) -> Result<(), FieldError> {
        if self.number.trim().is_empty() || self.number.len() > 40 {
            return Err(FieldError::new("number", "must be an order number"));
        }
        if self.token.is_empty() || self.token.len() > 200 {
            return Err(FieldError::new("token", "must be the order's access token"));
        }
        Ok(())
    }
}

/// The answer to `POST /api/v1/auth/verify-email`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmailVerified {
    pub email_verified: bool,
    /// Guest orders placed with this email that now belong to the account.
    pub claimed_orders: u64,
}

/// A short acknowledgement, for answers that must not say more (202 to sign-up and reset).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Accepted {
    pub message: String,
}

/// An entry of the address book, as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Address {
    pub id: i64,
    #[serde(flatten)]
    pub fields: AddressInput,
}

/// `POST /api/v1/me/addresses`, `PUT /api/v1/me/addresses/{id}`: a door a courier can reach,
/// with the same rules as checkout's address delivery.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AddressInput {
    /// The shopper's name for it: 家, 公司, Home.
    pub label: String,
    /// Who receives the parcel.
    pub name: String,
    /// A Taiwanese mobile number (09xxxxxxxx).
    pub phone: String,
    pub postal_code: String,
    pub city: String,
    pub district: String,
    pub line: String,
    #[serde(default)]
    pub is_default: bool,
}

impl AddressInput {
    pub fn check(&self) -> Result<(), FieldError> {
        let n = self.label.trim().chars().count();
        if n == 0 || n > 20 {
            return Err(FieldError::new("label", "must be 1–20 characters"));
        }
        check_name("name", &self.name)?;
        if !is_mobile(&self.phone) {
            return Err(FieldError::new(
                "phone",
                "must be a Taiwanese mobile number: 09 and 8 more digits",
            ));
        }
        // One rule for an address, checkout's: its field names lose checkout's prefix here.
        self.delivery().check().map_err(without_prefix)
    }

    /// Whether the address names one real place (see [`Delivery::check_place`]); the server's
    /// check, beside [`AddressInput::check`].
    pub fn check_place(&self) -> Result<(), FieldError> {
        self.delivery().check_place().map_err(without_prefix)
    }

    /// The address as checkout's delivery, to fill the delivery step with it.
    pub fn delivery(&self) -> Delivery {
        Delivery::Address {
            postal_code: self.postal_code.trim().to_owned(),
            city: self.city.trim().to_owned(),
            district: self.district.trim().to_owned(),
            line: self.line.trim().to_owned(),
        }
    }
}

fn without_prefix(e: FieldError) -> FieldError {
    FieldError {
        field: e.field.trim_start_matches("delivery.").to_owned(),
        ..e
    }
}

/// `GET /api/v1/me/cart`, `PUT /api/v1/me/cart`: the cart kept on the account.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SavedCart {
    pub lines: Vec<CartLine>,
}

impl SavedCart {
    pub fn check(&self) -> Result<(), FieldError> {
        check_lines("lines", &self.lines)
    }
}

/// One row of the shopper's order history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderSummary {
    pub number: String,
    pub status: OrderStatus,
    pub total: Money,
    /// Units across all lines.
    pub items: u32,
    pub created_at: String,
}

/// `GET /api/v1/me/orders`: newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderList {
    pub items: Vec<OrderSummary>,
    pub total: u32,
    pub page: u32,
    pub per_page: u32,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Sku;

    #[test]
    fn passwords() {
        assert!(check_password("p", "correct horse").is_ok());
        for bad in ["short", "0912345678901", &"x".repeat(129)] {
            assert_eq!(check_password("p", bad).unwrap_err().field, "p", "{bad}");
        }
    }

    #[test]
    fn emails_are_one_account_whatever_the_case() {
        assert_eq!(normalize_email("  Mei@Example.TW "), "mei@example.tw");
    }

    #[test]
    fn each_mistake_names_its_field() {
        let ok = SignUp {
            email: "mei@example.tw".into(),
            password: "a long passphrase".into(),
            name: "林小美".into(),
        };
        assert_eq!(ok.check(), Ok(()));
        let mut a = ok.clone();
        a.email = "mei".into();
        let mut b = ok.clone();
        b.password = "1234567890".into();
        let mut c = ok;
        c.name = " ".into();
        for (s, field) in [(a, "email"), (b, "password"), (c, "name")] {
            assert_eq!(s.check().unwrap_err().field, field);
        }
    }

    #[test]
    fn addresses_use_checkouts_rules_under_their_own_names() {
        let mut address = AddressInput {
            label: "家".into(),
            name: "林小美".into(),
            phone: "0912345678".into(),
            postal_code: "106".into(),
            city: "台北市".into(),
            district: "大安區".into(),
            line: "復興南路一段 1 號".into(),
            is_default: false,
        };
        assert_eq!(address.check(), Ok(()));
        address.postal_code = "10A".into();
        assert_eq!(address.check().unwrap_err().field, "postal_code");
        address.postal_code = "106".into();
        address.phone = "02-1234".into();
        assert_eq!(address.check().unwrap_err().field, "phone");
    }

    #[test]
    fn carts_name_the_bad_line() {
        let line = |qty| CartLine {
            sku: Sku::parse("sku", "TEE-M").unwrap(),
            qty,
        };
        let cart = SavedCart {
            lines: vec![line(1), line(0)],
        };
        assert_eq!(cart.check().unwrap_err().field, "lines[1].qty");
    }
}
