//! Every word the storefront shows, in zh-TW (the default) and English.
//!
//! A locale is a `Strings` value: adding a string means adding a field, and the compiler then
//! refuses to build until every language has it. Text that takes numbers is a function.

mod account;
mod admin;
mod checkout;
mod en;
mod storefront;
mod zh_tw;

pub use account::AccountStrings;
pub use admin::{AdminStrings, MerchStrings, PromoStrings};
pub use checkout::CheckoutStrings;
pub use storefront::StorefrontStrings;

use fourflow_core::{Locale, Localized, Money};
use leptos::prelude::*;

use crate::state::storage;

pub struct Strings {
    pub store_name: &'static str,
    pub tagline: &'static str,
    pub skip_to_content: &'static str,
    pub main_nav: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub search_button: &'static str,
    pub search_for: fn(&str) -> String,
    pub suggestion_category: &'static str,
    pub suggestion_product: &'static str,
    pub other_language: &'static str,
    pub other_language_label: &'static str,
    pub pagination: &'static str,
    pub previous_page: &'static str,
    pub next_page: &'static str,
    pub page_of: fn(u32, u32) -> String,

    pub price_from: fn(&str) -> String,
    pub on_sale: &'static str,
    pub was_price: &'static str,
    pub sold_out: &'static str,
    pub in_stock: &'static str,
    pub sku: &'static str,
    /// `Size：M`, `Colour: Navy`.
    pub label_value: fn(&str, &str) -> String,
    pub colours_available: fn(usize) -> String,

    pub cart: &'static str,
    pub cart_with_count: fn(u32) -> String,
    pub account: &'static str,
    pub wishlist: &'static str,
    pub add_to_cart: &'static str,
    pub quantity: &'static str,
    pub decrease: &'static str,
    pub increase: &'static str,
    pub max_in_cart: fn(u32) -> String,
    pub continue_shopping: &'static str,
    pub cart_empty: &'static str,
    pub cart_empty_hint: &'static str,
    pub remove: &'static str,
    pub removed_item: fn(&str) -> String,
    pub undo: &'static str,
    pub save_for_later: &'static str,
    pub saved_for_later: &'static str,
    pub move_to_cart: &'static str,
    pub order_summary: &'static str,
    pub subtotal: &'static str,
    pub shipping: &'static str,
    pub shipping_method: &'static str,
    pub free: &'static str,
    pub total: &'static str,
    pub vat_included: fn(&str) -> String,
    pub free_shipping_remaining: fn(&str) -> String,
    pub free_shipping_reached: &'static str,
    pub coupon: &'static str,
    pub apply: &'static str,
    pub coupon_applied: fn(&str) -> String,
    pub coupon_error: fn(&str) -> &'static str,
    pub pricing_pending: &'static str,
    pub changes_title: &'static str,
    pub change_price: fn(&str, &str, &str) -> String,
    pub change_stock: fn(&str, u32) -> String,
    pub change_gone: fn(&str) -> String,
    pub got_it: &'static str,
    pub adjust_to: fn(u32) -> String,
    pub offline: &'static str,
    pub bought_together: &'static str,
    pub similar_items: &'static str,
    pub line_total: &'static str,
    pub store_pickup_limit: &'static str,
    pub loading: &'static str,
    pub error_title: &'static str,
    pub error_network: &'static str,
    pub error_server: &'static str,
    pub error_bad_link: &'static str,
    pub retry: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub back_home: &'static str,
    pub footer_about: &'static str,
    pub footer_rights: &'static str,
    pub go_to_checkout: &'static str,
    pub payment_fee: &'static str,
    pub order_not_found: &'static str,
}

/// Says the language on `<html lang>`, before anything renders or asks the API: screen readers
/// and fonts read it there, and so does every API call (`Accept-Language`, see `api::fetch`).
fn mark_document(locale: Locale) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", locale.tag());
    }
}

/// The shopper's language: in context for every component, remembered across visits.
#[derive(Clone, Copy)]
pub struct I18n {
    locale: RwSignal<Locale>,
}

const STORAGE_KEY: &str = "fourflow.locale";

impl I18n {
    /// The shopper's remembered choice, else zh-TW: the shop's market speaks zh-TW whatever
    /// language the browser was installed in, and English is one click away.
    pub fn provide() -> I18n {
        let remembered = storage::read_string(STORAGE_KEY).and_then(|t| Locale::from_tag(&t));
        let locale = remembered.unwrap_or_default();
        mark_document(locale);
        let i18n = I18n {
            locale: RwSignal::new(locale),
        };
        provide_context(i18n);
        i18n
    }

    /// The current locale. Untracked: a change of language remounts the page (see
    /// `app::App`) instead of every string being its own reactive closure, which keeps the
    /// bundle small; the only tracked reader is [`I18n::watch`].
    pub fn locale(&self) -> Locale {
        self.locale.get_untracked()
    }

    /// The current locale, tracked: for the one view that remounts on a switch.
    pub fn watch(&self) -> Locale {
        self.locale.get()
    }

    pub fn set(&self, locale: Locale) {
        storage::write_string(STORAGE_KEY, locale.tag());
        mark_document(locale);
        self.locale.set(locale);
    }

    /// The strings of the current locale.
    pub fn t(&self) -> &'static Strings {
        strings(self.locale())
    }

    /// The storefront's strings of the current locale (the shared ones included).
    pub fn s(&self) -> &'static StorefrontStrings {
        storefront::storefront_strings(self.locale())
    }

    /// The checkout app's strings of the current locale.
    pub fn c(&self) -> &'static CheckoutStrings {
        checkout::checkout_strings(self.locale())
    }

    /// The account pages' strings of the current locale (checkout app only).
    pub fn a(&self) -> &'static AccountStrings {
        account::account_strings(self.locale())
    }

    /// The back office's strings of the current locale (admin app only).
    pub fn b(&self) -> &'static AdminStrings {
        admin::admin_strings(self.locale())
    }

    /// Catalog text in the current locale.
    pub fn text(&self, text: &Localized) -> String {
        text.get(self.locale()).clone()
    }

    pub fn money(&self, money: Money) -> String {
        money.format(self.locale())
    }
}

pub fn strings(locale: Locale) -> &'static Strings {
    match locale {
        Locale::ZhTw => &zh_tw::STRINGS,
        Locale::En => &en::STRINGS,
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}
