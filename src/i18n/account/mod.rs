//! The words of the account pages (sign-in, sign-up, password reset, profile, order history,
//! address book), apart from the storefront's [`Strings`] so that only the checkout app
//! carries them.
//!
//! [`Strings`]: super::Strings

mod en;
mod zh_tw;

use fourflow_core::Locale;

use crate::api::ApiError;

pub struct AccountStrings {
    pub account: &'static str,
    pub account_nav: &'static str,
    pub sign_in: &'static str,
    pub sign_in_title: &'static str,
    pub sign_in_why: &'static str,
    pub signing_in: &'static str,
    pub cart_merge_note: &'static str,
    pub sign_up: &'static str,
    pub sign_up_title: &'static str,
    pub sign_up_why: &'static str,
    pub creating: &'static str,
    pub sign_out: &'static str,
    pub no_account: &'static str,
    pub have_account: &'static str,
    pub forgot_link: &'static str,

    pub email: &'static str,
    pub password: &'static str,
    pub new_password: &'static str,
    pub password_hint: &'static str,
    pub name: &'static str,
    /// The message for a field's problem, by the field's name as the API names it.
    pub field_error: fn(&str) -> &'static str,

    pub wrong_credentials: &'static str,
    /// Too many sign-in attempts: try again in so many minutes.
    pub too_many: fn(i64) -> String,
    pub offline: &'static str,
    pub stale_page: &'static str,
    pub server_error: &'static str,
    pub link_spent: &'static str,
    pub fix_fields: &'static str,

    pub check_email_title: &'static str,
    /// The email the link was sent to.
    pub check_email_text: fn(&str) -> String,
    pub check_email_hint: &'static str,

    pub verify_title: &'static str,
    pub verifying: &'static str,
    pub verified: &'static str,
    /// Guest orders with this email that now belong to the account.
    pub claimed_orders: fn(u64) -> String,
    pub go_to_account: &'static str,

    pub forgot_title: &'static str,
    pub forgot_text: &'static str,
    pub send_link: &'static str,
    pub sending: &'static str,
    pub reset_sent: &'static str,
    pub back_to_sign_in: &'static str,
    pub reset_title: &'static str,
    pub reset_text: &'static str,
    pub save_password: &'static str,
    pub password_changed: &'static str,

    pub profile: &'static str,
    pub verified_badge: &'static str,
    pub unverified_badge: &'static str,
    pub unverified_note: &'static str,
    /// The day the account was made (already formatted).
    pub member_since: fn(&str) -> String,
    pub edit_name: &'static str,
    pub save: &'static str,
    pub saving: &'static str,
    pub saved: &'static str,
    pub cancel: &'static str,
    pub signing_out: &'static str,

    pub orders: &'static str,
    pub no_orders: &'static str,
    pub start_shopping: &'static str,
    /// Units in an order.
    pub items: fn(u32) -> String,
    pub more_orders: &'static str,

    pub addresses: &'static str,
    pub addresses_why: &'static str,
    pub no_addresses: &'static str,
    pub add_address: &'static str,
    pub edit_address: &'static str,
    pub edit: &'static str,
    pub delete: &'static str,
    pub default_badge: &'static str,
    pub make_default: &'static str,
    pub is_default: &'static str,
    pub label: &'static str,
    pub label_placeholder: &'static str,
    pub recipient: &'static str,
    pub mobile: &'static str,
    pub book_full: &'static str,

    pub signed_in_as: fn(&str) -> String,
}

pub fn account_strings(locale: Locale) -> &'static AccountStrings {
    match locale {
        Locale::ZhTw => &zh_tw::STRINGS,
        Locale::En => &en::STRINGS,
    }
}

impl AccountStrings {
    /// What went wrong with a call, for the shopper: the field it concerns (if it is one of
    /// the form's) and the message.
    pub fn problem(&self, error: &ApiError) -> (Option<String>, String) {
        match error {
            ApiError::Network => (None, self.offline.into()),
            ApiError::Api { status: 401, .. } => (None, self.wrong_credentials.into()),
            ApiError::Api { status: 429, body } => {
                (None, (self.too_many)(minutes_to_wait(&body.error.message)))
            }
            ApiError::Api { status: 403, body } if body.error.code.starts_with("csrf") => {
                (None, self.stale_page.into())
            }
            ApiError::Api { body, .. } if body.error.code == "too_many_addresses" => {
                (None, self.book_full.into())
            }
            ApiError::Api {
                status: 400 | 422,
                body,
            } => match body.error.field.as_deref() {
                Some("token") => (None, self.link_spent.into()),
                Some(field) => (Some(field.to_owned()), (self.field_error)(field).into()),
                None => (None, self.fix_fields.into()),
            },
            _ => (None, self.server_error.into()),
        }
    }
}

/// Minutes to wait, from the API's "try again in N seconds" (the `Retry-After` it also sends),
/// rounded up; a quarter of an hour (the limit's window) when it does not say.
fn minutes_to_wait(message: &str) -> i64 {
    let seconds: Option<i64> = message
        .split(|c: char| !c.is_ascii_digit())
        .find(|part| !part.is_empty())
        .and_then(|digits| digits.parse().ok());
    seconds.map_or(15, |s| ((s + 59) / 60).max(1))
}
