//! The words of checkout and order pages, apart from the storefront's [`Strings`] so that
//! only the checkout app carries them. Dates and times are shown in Taipei time, where the
//! shop and its couriers are.
//!
//! [`Strings`]: super::Strings

mod en;
mod zh_tw;

use fourflow_core::checkout::PaymentMethod;
use fourflow_core::delivery::{Date, StoreChain, Weekday, TAIPEI_OFFSET_SECONDS};
use fourflow_core::invoice::InvoiceChoice;
use fourflow_core::order::OrderStatus;
use fourflow_core::payment::FailureReason;
use fourflow_core::Locale;

pub struct CheckoutStrings {
    pub checkout: &'static str,
    pub checkout_steps: &'static str,
    pub step_name: fn(&str) -> &'static str,
    pub step_contact: &'static str,
    pub step_delivery: &'static str,
    pub step_payment: &'static str,
    pub step_review: &'static str,
    pub continue_: &'static str,
    pub edit: &'static str,
    pub edit_cart: &'static str,
    /// The message for a field's problem, by the field's name (`contact.email`, `card.cvc`).
    pub field_error: fn(&str) -> &'static str,

    pub name: &'static str,
    pub email: &'static str,
    pub email_hint: &'static str,
    pub mobile: &'static str,

    pub delivery_method: &'static str,
    /// Arrival between two `YYYY-MM-DD` days.
    pub arrives: fn(&str, &str) -> String,
    /// Two `YYYY-MM-DD` days as a range (one day when they are the same).
    pub date_range: fn(&str, &str) -> String,
    pub address: &'static str,
    pub postal_code: &'static str,
    pub city: &'static str,
    pub district: &'static str,
    /// What the county and district choices say before one is chosen.
    pub choose_city: &'static str,
    pub choose_district: &'static str,
    pub street: &'static str,
    pub pickup_store: &'static str,
    pub store_chosen: &'static str,
    pub store_search: &'static str,
    /// The tab of every chain at once.
    pub all_chains: &'static str,
    /// A chain as shoppers call it (全家, OK超商).
    pub chain_name: fn(StoreChain) -> &'static str,
    /// Said of a store open day and night.
    pub open_all_day: &'static str,
    pub searching: &'static str,
    pub no_stores: &'static str,
    pub choose_store: &'static str,

    pub payment: &'static str,
    pub payment_method: fn(PaymentMethod) -> &'static str,
    pub payment_note: fn(PaymentMethod) -> &'static str,
    pub cod_too_large: &'static str,
    pub choose_payment: &'static str,
    pub instalments: &'static str,
    pub instalment_plan: fn(u32) -> String,
    pub sandbox_cards: &'static str,
    pub card_number: &'static str,
    pub card_expiry: &'static str,
    pub card_cvc: &'static str,
    pub check_card: &'static str,
    pub invoice: &'static str,
    pub invoice_kind: fn(&str) -> &'static str,
    pub invoice_member_note: &'static str,
    pub invoice_barcode: &'static str,
    pub invoice_barcode_hint: &'static str,
    pub invoice_certificate: &'static str,
    pub invoice_charity: &'static str,
    pub invoice_love_code: &'static str,
    pub invoice_tax_id: &'static str,
    pub invoice_title: &'static str,
    /// The order page's invoice line: not issued yet, voided, or given back in part.
    pub invoice_pending: &'static str,
    pub invoice_voided: &'static str,
    pub invoice_allowance: fn(&str) -> String,

    /// How long the stock is held while paying, in minutes.
    pub hold_note: fn(i64) -> String,
    pub place_order: &'static str,
    pub placing: &'static str,
    pub place_terms: &'static str,
    pub place_offline: &'static str,
    /// A refusal by error code and field.
    pub refused: fn(&str, &str) -> String,
    pub fix_it: &'static str,

    pub order_title: fn(&str) -> String,
    pub placed_at: fn(&str) -> String,
    pub status: fn(OrderStatus) -> &'static str,
    /// An order event that is not a status change, by kind; `None` for ones not shown.
    pub event: fn(&str) -> Option<&'static str>,
    /// An RFC 3339 time, in Taipei.
    pub date_time: fn(&str) -> String,
    pub my_orders: &'static str,
    pub orders_on_this_device: &'static str,
    pub no_orders: &'static str,
    pub estimated_delivery: &'static str,
    pub delivery_to: &'static str,
    pub carrier: &'static str,
    /// A carrier as shoppers know it, by its code.
    pub carrier_name: fn(&str) -> String,
    /// The status of a store-pickup parcel on the store's shelf.
    pub ready_for_pickup: &'static str,
    pub tracking_number: &'static str,
    pub timeline: &'static str,
    pub held_until: fn(&str) -> String,
    pub pay_by_transfer: &'static str,
    pub bank_code: &'static str,
    pub account_number: &'static str,
    pub amount: &'static str,
    pub pay_before: &'static str,
    pub transfer_note: &'static str,
    pub pay_at_store: &'static str,
    pub payment_code: &'static str,
    pub store_code_note: &'static str,
    pub finish_payment: &'static str,
    pub continue_payment: &'static str,
    pub payment_pending: &'static str,
    pub payment_pending_note: &'static str,
    pub pay_now: &'static str,
    pub payment_failed: fn(FailureReason) -> &'static str,
    pub pay_with: fn(PaymentMethod) -> String,
    /// Above the ways an order still waiting may be paid.
    pub pay_another_way: &'static str,
    pub preparing: &'static str,
    pub preparing_note: &'static str,
    pub collect_at: fn(&str) -> String,
    pub collect_note: &'static str,

    /// Sending a delivered order back (七天鑑賞期).
    pub return_title: &'static str,
    /// Until when it may be asked (a formatted time).
    pub return_note: fn(&str) -> String,
    pub return_reason: &'static str,
    pub return_reason_hint: &'static str,
    pub return_reason_needed: &'static str,
    pub return_reason_too_long: &'static str,
    pub send_return: &'static str,
    pub sending_return: &'static str,
    pub not_now: &'static str,
    /// Why a return request was refused, by error code.
    pub return_refused: fn(&str) -> &'static str,
    pub return_requested: &'static str,
    pub return_requested_note: &'static str,

    /// Checkout's invitation to sign in, and the address book's choices in its delivery step.
    pub saved_addresses: &'static str,
    pub have_account_prompt: &'static str,
    pub sign_in_to_prefill: &'static str,
}

pub fn checkout_strings(locale: Locale) -> &'static CheckoutStrings {
    match locale {
        Locale::ZhTw => &zh_tw::STRINGS,
        Locale::En => &en::STRINGS,
    }
}

/// An RFC 3339 time as a Taipei date, hour and minute.
fn taipei_time(rfc3339: &str) -> Option<(Date, i64, i64)> {
    let millis = js_sys::Date::parse(rfc3339);
    if millis.is_nan() {
        return None;
    }
    let local = (millis / 1000.0) as i64 + TAIPEI_OFFSET_SECONDS;
    let seconds = local.rem_euclid(86_400);
    Some((
        Date::from_days(local.div_euclid(86_400)),
        seconds / 3600,
        seconds % 3600 / 60,
    ))
}

impl CheckoutStrings {
    /// An e-invoice choice in a line (review step, order page): its kind and what was typed.
    pub fn invoice_choice(&self, choice: &InvoiceChoice) -> String {
        let choice = choice.normalized();
        format!("{} {}", (self.invoice_kind)(choice.kind()), choice.detail())
            .trim_end()
            .to_owned()
    }
}

fn weekday_index(day: Weekday) -> usize {
    match day {
        Weekday::Mon => 0,
        Weekday::Tue => 1,
        Weekday::Wed => 2,
        Weekday::Thu => 3,
        Weekday::Fri => 4,
        Weekday::Sat => 5,
        Weekday::Sun => 6,
    }
}
