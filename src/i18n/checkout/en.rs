//! Checkout and order pages, in English.

use fourflow_core::checkout::PaymentMethod;
use fourflow_core::delivery::StoreChain;
use fourflow_core::order::OrderStatus;
use fourflow_core::payment::FailureReason;

use super::{taipei_time, weekday_index, CheckoutStrings};

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn day(text: &str) -> String {
    match fourflow_core::delivery::Date::parse(text) {
        Some(d) => format!(
            "{} {} {}",
            WEEKDAYS[weekday_index(d.weekday())],
            d.day,
            MONTHS[usize::from(d.month.clamp(1, 12)) - 1]
        ),
        None => text.to_owned(),
    }
}

fn range(from: &str, to: &str) -> String {
    if from == to {
        day(from)
    } else {
        format!("{} – {}", day(from), day(to))
    }
}

pub const STRINGS: CheckoutStrings = CheckoutStrings {
    checkout: "Checkout",
    checkout_steps: "Checkout steps",
    step_name: |slug| match slug {
        "contact" => "Contact",
        "delivery" => "Delivery",
        "payment" => "Payment",
        _ => "Review",
    },
    step_contact: "Contact details",
    step_delivery: "Delivery",
    step_payment: "Payment",
    step_review: "Review your order",
    continue_: "Continue",
    edit: "Change",
    edit_cart: "Edit cart",
    field_error: |field| match field {
        "contact.name" => "Enter the recipient's name (up to 50 characters).",
        "contact.email" => "Enter an email address, like name@example.com.",
        "contact.phone" => "Enter a Taiwanese mobile number: 09 and 8 more digits.",
        "delivery.postal_code" => "Enter a 3, 5 or 6 digit postal code.",
        "delivery.city" => "Choose the city or county.",
        "delivery.district" => "Choose the district.",
        "delivery.line" => "Enter the street, lane and number.",
        "card.number" => "This card number is not right: check the digits.",
        "card.expiry" => "Enter the expiry as MM/YY (e.g. 08/28); the card must not have expired.",
        "card.cvc" => "Enter the 3 digits on the back of the card.",
        "card.instalments" => "This order cannot be paid in that many instalments.",
        "invoice.carrier" => "This barcode is not right: a mobile barcode is / and 7 characters, a certificate 2 letters and 14 digits.",
        "invoice.love_code" => "A donation code is 3 to 7 digits.",
        "invoice.tax_id" => "This tax ID is not right: check the 8 digits.",
        "invoice.title" => "Enter the company's name (up to 60 characters).",
        _ => "Check this field.",
    },

    name: "Recipient's name",
    email: "Email",
    email_hint: "Your confirmation and the link to your order go here.",
    mobile: "Mobile number",

    delivery_method: "Delivery method",
    arrives: |from, to| format!("Arrives {}", range(from, to)),
    date_range: range,
    address: "Delivery address",
    postal_code: "Postal code",
    city: "City",
    district: "District",
    choose_city: "Choose a city or county",
    choose_district: "Choose a district",
    street: "Street address",
    pickup_store: "Pickup store",
    store_chosen: "Pickup at:",
    store_search: "Search by store name, number, street or district",
    all_chains: "All",
    chain_name: |chain| match chain {
        StoreChain::SevenEleven => "7-Eleven",
        StoreChain::FamilyMart => "FamilyMart",
        StoreChain::HiLife => "Hi-Life",
        StoreChain::OkMart => "OK Mart",
    },
    open_all_day: "Open 24 hours",
    searching: "Searching…",
    no_stores: "No store matches: try another word.",
    choose_store: "Choose a store to collect from.",

    payment: "Payment method",
    payment_method: |m| match m {
        PaymentMethod::Card => "Credit card",
        PaymentMethod::AtmTransfer => "ATM transfer",
        PaymentMethod::StoreCode => "Convenience-store payment code",
        PaymentMethod::CashOnDelivery => "Cash on delivery",
        PaymentMethod::EWallet => "E-wallet",
    },
    payment_note: |m| match m {
        PaymentMethod::Card => "Visa, Mastercard, JCB; interest-free instalments",
        PaymentMethod::AtmTransfer => "A virtual account of your own; transfer within 3 days",
        PaymentMethod::StoreCode => "Pay a code at 7-ELEVEN or FamilyMart",
        PaymentMethod::CashOnDelivery => "Pay in cash when you receive the parcel",
        PaymentMethod::EWallet => "LINE Pay, JKOPAY (街口支付) or Apple Pay: approve in your wallet",
    },
    cod_too_large: "Not available for orders over NT$20,000",
    choose_payment: "Choose how you will pay.",
    instalments: "Instalments",
    instalment_plan: |n| if n <= 1 { "Pay in full".into() } else { format!("{n} months, 0% interest") },
    sandbox_cards: "Demo shop: use test card 4242 4242 4242 4242 (succeeds), 4000 0000 0000 3220 (3-D Secure) or 4000 0000 0000 0002 (declined).",
    card_number: "Card number",
    card_expiry: "Expiry",
    card_cvc: "Security code",
    check_card: "Check the card details first.",
    invoice: "E-invoice",
    invoice_kind: |kind| match kind {
        "mobile_barcode" => "Mobile barcode",
        "certificate" => "Citizen certificate",
        "donation" => "Donate it",
        "company" => "Company (tax ID)",
        _ => "Member carrier",
    },
    invoice_member_note: "Kept on your Fourflow member carrier: if it wins the invoice lottery, we tell you and post the prize invoice.",
    invoice_barcode: "Mobile barcode",
    invoice_barcode_hint: "The Ministry of Finance's barcode: / and 7 letters or digits.",
    invoice_certificate: "Citizen certificate barcode",
    invoice_charity: "Donate to",
    invoice_love_code: "Or enter a donation code",
    invoice_tax_id: "Tax ID (統一編號)",
    invoice_title: "Company name",
    invoice_pending: "issued once paid",
    invoice_voided: "voided",
    invoice_allowance: |amount| format!("{amount} allowed back"),

    hold_note: |minutes| {
        if minutes >= 24 * 60 {
            format!("Once you place the order, we hold your items for {} days while you pay.", minutes / (24 * 60))
        } else {
            format!("Once you place the order, we hold your items for {minutes} minutes while you pay.")
        }
    },
    place_order: "Place order",
    placing: "Placing your order…",
    place_terms: "By placing your order you agree to our terms of sale and returns policy.",
    place_offline: "The connection dropped and the order was not sent. Press again when you are back online: it will not be placed twice.",
    refused: |code, field| match code {
        "out_of_stock" => "Sorry: something just sold out or is short. Please adjust your cart.".into(),
        "unknown_sku" => "Something in your cart is no longer sold. Please adjust your cart.".into(),
        _ if field == "coupon" => "Your coupon can no longer be used: remove it in the cart and try again.".into(),
        "shipping_unavailable" => "This delivery method cannot take these items: choose another.".into(),
        "not_awaiting_payment" => "This order is not waiting for a payment.".into(),
        _ if field.starts_with("delivery.store") => "We could not find that store: choose the pickup store again.".into(),
        _ if field == "payment_method" => "Cash on delivery is for orders up to NT$20,000: choose another way to pay.".into(),
        _ if field.is_empty() => "The order could not be sent. Please try again later.".into(),
        _ => "Something needs correcting: check it and try again.".into(),
    },
    fix_it: "Fix it",

    order_title: |number| format!("Order {number}"),
    placed_at: |at| format!("placed {at}"),
    status: |s| match s {
        OrderStatus::PendingPayment => "Awaiting payment",
        OrderStatus::Paid => "Paid",
        OrderStatus::Processing => "Being prepared",
        OrderStatus::Shipped => "Shipped",
        OrderStatus::InTransit => "In transit",
        OrderStatus::OutForDelivery => "Out for delivery",
        OrderStatus::Delivered => "Delivered",
        OrderStatus::Cancelled => "Cancelled",
        OrderStatus::RefundRequested => "Return requested",
        OrderStatus::Refunded => "Refunded",
    },
    event: |kind| match kind {
        "placed" => Some("Order placed"),
        "stock_released" => Some("Held items released"),
        "payment_started" => Some("Payment started"),
        "payment_failed" => Some("Payment did not go through"),
        "payment_refunded" => Some("Payment refunded"),
        "payment_voided" => Some("Card hold released, nothing charged"),
        "return_requested" => Some("Return and refund requested"),
        "return_declined" => Some("Return request declined"),
        _ => None,
    },
    date_time: |at| match taipei_time(at) {
        Some((d, h, m)) => format!("{} {} {} {h:02}:{m:02}", d.day, MONTHS[usize::from(d.month.clamp(1, 12)) - 1], d.year),
        None => at.to_owned(),
    },
    my_orders: "My orders",
    orders_on_this_device: "Orders placed on this device.",
    no_orders: "No orders yet.",
    estimated_delivery: "Estimated delivery",
    delivery_to: "Delivery",
    carrier: "Carrier",
    carrier_name: |code| match code {
        "sandbox" => "Fourflow Logistics (sandbox)".into(),
        other => other.to_owned(),
    },
    ready_for_pickup: "Ready for pickup",
    tracking_number: "Tracking number",
    timeline: "Order progress",
    held_until: |at| format!("Your items are held until {at}; unpaid orders are then cancelled."),
    pay_by_transfer: "Transfer the amount before the deadline",
    bank_code: "Bank code",
    account_number: "Virtual account",
    amount: "Amount",
    pay_before: "Pay before",
    transfer_note: "Once the transfer arrives this page updates by itself: no need to tell us.",
    pay_at_store: "Pay at a convenience store before the deadline",
    payment_code: "Payment code",
    store_code_note: "Enter the code at a 7-ELEVEN ibon or FamilyMart FamiPort kiosk and pay at the counter.",
    finish_payment: "Your payment is not finished",
    continue_payment: "Continue to payment",
    payment_pending: "Confirming your payment",
    payment_pending_note: "This updates by itself once the bank confirms, usually in seconds.",
    pay_now: "Complete your payment",
    payment_failed: |reason| match reason {
        FailureReason::Declined => "The card issuer declined this payment: try another card or method.",
        FailureReason::InsufficientFunds => "The card's limit was not enough: try another card.",
        FailureReason::AuthenticationFailed => "The 3-D Secure check was not passed: try again.",
        FailureReason::Expired => "The time to pay ran out.",
    },
    pay_with: |m| match m {
        PaymentMethod::Card => "Pay by card".into(),
        PaymentMethod::AtmTransfer => "Get a transfer account".into(),
        PaymentMethod::StoreCode => "Get a payment code".into(),
        _ => "Go to the e-wallet".into(),
    },
    pay_another_way: "How to pay",
    preparing: "We are preparing your order",
    preparing_note: "We will email you when it ships; the tracking number and progress appear here.",
    collect_at: |store| format!("Your parcel is waiting at {store}"),
    collect_note: "Bring ID and give the last three digits of your mobile number.",

    return_title: "Request a return and refund",
    return_note: |until| format!("You may send the order back within 7 days of delivery, until {until}."),
    return_reason: "Why are you returning it?",
    return_reason_hint: "For example: wrong size, or a defect. Up to 500 characters.",
    return_reason_needed: "Tell us why you are returning it.",
    return_reason_too_long: "Keep the reason to 500 characters.",
    send_return: "Send request",
    sending_return: "Sending…",
    not_now: "Not now",
    return_refused: |code| match code {
        "already_requested" => "A return has already been requested for this order: we will be in touch.",
        "return_window_closed" => "The 7 days after delivery are over, so the order cannot be returned online. Please contact us if you need help.",
        "not_delivered" => "An order can be returned once it has been delivered.",
        "already_refunded" => "This order has been refunded already.",
        "order_changed" => "The order has just changed: reload the page and try again.",
        "not_found" => "We could not find this order: check the link.",
        _ => "The request was not sent. Please try again later.",
    },
    return_requested: "We have your return request",
    return_requested_note: "We will be in touch shortly to collect the items and refund you.",

    saved_addresses: "Saved addresses",
    have_account_prompt: "Have an account?",
    sign_in_to_prefill: "Sign in to fill in your details",
};
