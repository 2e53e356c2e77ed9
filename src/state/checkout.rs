//! The checkout in progress, and the orders this browser has placed. Both are kept in
//! `localStorage`, so that going back a step, a reload or a lost connection loses nothing the
//! shopper typed — except card details, which are never written anywhere.

use fourflow_core::checkout::{Contact, Delivery, PaymentMethod, PlaceOrder};
use fourflow_core::delivery::PickupStore;
use fourflow_core::invoice::InvoiceChoice;
use fourflow_core::pricing::ShippingMethod;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::cart::CartData;
use super::persisted::Persisted;

/// What the shopper has entered so far.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CheckoutDraft {
    pub contact: Contact,
    pub address: Address,
    /// The store chosen for convenience-store pickup.
    pub store: Option<PickupStore>,
    pub payment_method: Option<PaymentMethod>,
    /// 1 for a single card payment.
    pub instalments: u32,
    /// How the e-invoice is taken (kept by drafts written before there was a choice: the
    /// member carrier).
    #[serde(default)]
    pub invoice: InvoiceChoice,
    /// The `Idempotency-Key` of the order being placed, kept until it is: a retry after a lost
    /// answer or a reload then finds the first order instead of placing a second.
    pub attempt: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Address {
    pub postal_code: String,
    pub city: String,
    pub district: String,
    pub line: String,
}

impl CheckoutDraft {
    /// Where the parcel goes, as the shipping method needs it.
    pub fn delivery(&self, method: ShippingMethod) -> Delivery {
        match (method, &self.store) {
            (ShippingMethod::StorePickup, Some(store)) => Delivery::Store {
                chain: store.chain.clone(),
                store_id: store.id.clone(),
                store_name: store.name.clone(),
            },
            (ShippingMethod::StorePickup, None) => Delivery::Store {
                chain: String::new(),
                store_id: String::new(),
                store_name: String::new(),
            },
            _ => Delivery::Address {
                postal_code: self.address.postal_code.clone(),
                city: self.address.city.clone(),
                district: self.address.district.clone(),
                line: self.address.line.clone(),
            },
        }
    }

    /// The order as the API takes it: the cart's lines, never its prices.
    pub fn order(&self, cart: &CartData, coupon: Option<String>) -> Option<PlaceOrder> {
        Some(PlaceOrder {
            lines: cart.lines.iter().map(|l| l.line()).collect(),
            coupon,
            shipping_method: cart.shipping_method,
            payment_method: self.payment_method?,
            contact: self.contact.clone(),
            delivery: self.delivery(cart.shipping_method),
            invoice: self.invoice.normalized(),
        })
    }
}

/// An order placed from this browser, with the secret that opens it for a guest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlacedOrder {
    pub number: String,
    pub token: String,
}

/// How many placed orders this browser remembers.
const REMEMBERED_ORDERS: usize = 20;

#[derive(Clone, Copy)]
pub struct Checkout {
    pub draft: Persisted<CheckoutDraft>,
    pub orders: PlacedOrders,
}

impl Checkout {
    /// The draft and the orders placed (both in context).
    pub fn provide() -> Checkout {
        let checkout = Checkout {
            draft: Persisted::new("fourflow.checkout", 1),
            orders: PlacedOrders::provide(),
        };
        provide_context(checkout);
        checkout
    }

    /// Remembers an order just placed and forgets the attempt that placed it.
    pub fn placed(&self, number: String, token: String) {
        self.orders.remember(number, token);
        self.draft.update(|d| d.attempt = None);
    }
}

/// The orders this browser placed, newest first, with their guest links. Apart from the
/// draft, so that the orders app (which shows these orders but never the draft) does not
/// carry the draft's storage code.
#[derive(Clone, Copy)]
pub struct PlacedOrders(Persisted<Vec<PlacedOrder>>);

impl PlacedOrders {
    pub fn provide() -> PlacedOrders {
        let orders = PlacedOrders(Persisted::new("fourflow.orders", 1));
        provide_context(orders);
        orders
    }

    fn remember(&self, number: String, token: String) {
        self.0.update(|orders| {
            orders.retain(|o| o.number != number);
            orders.insert(0, PlacedOrder { number, token });
            orders.truncate(REMEMBERED_ORDERS);
        });
    }

    pub fn with<R>(&self, f: impl FnOnce(&Vec<PlacedOrder>) -> R) -> R {
        self.0.with(f)
    }

    /// The access token this browser holds for an order, if it placed it.
    pub fn token_of(&self, number: &str) -> Option<String> {
        self.0.with(|orders| {
            orders
                .iter()
                .find(|o| o.number == number)
                .map(|o| o.token.clone())
        })
    }
}

pub fn use_placed_orders() -> PlacedOrders {
    expect_context::<PlacedOrders>()
}

pub fn use_checkout() -> Checkout {
    expect_context::<Checkout>()
}

/// A fresh, unguessable-enough key for one attempt (it only has to be unique to this shop).
pub fn new_key(prefix: &str) -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        bytes.fill_with(|| (js_sys::Math::random() * 256.0) as u8);
    }
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{prefix}-{hex}")
}
