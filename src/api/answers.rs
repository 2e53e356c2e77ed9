//! Answers of the API decoded into private types shaped like the JSON, then turned into
//! fourflow-core's types. The shopper's bundle is size-bound (DESIGN: ≤ 200 KB brotli), and
//! some of core's derives decode costly: tagged enums and `serde(flatten)` buffer the whole
//! object before reading it, and a quote's coupon brings its rule's decoder along. Each type
//! here decodes the same JSON as its core type, directly, and says where it differs. (The
//! tagged enums are read as one object with every variant's fields: a field that the tag's
//! variant needs but the answer lacks reads as empty instead of failing the answer.)

use fourflow_core::account::{Address, AddressInput};
use fourflow_core::checkout::{Contact, Delivery, PaymentMethod};
use fourflow_core::delivery::{DeliveryEstimate, ShipmentView};
use fourflow_core::order::{Actor, OrderEventView, OrderStatus, OrderView};
use fourflow_core::payment::{FailureReason, NextAction, PaymentStatus, PaymentView};
use fourflow_core::pricing::{
    AppliedDiscount, FreeShippingProgress, Quote, QuoteLine, ShippingMethod, ShippingQuote,
};
use fourflow_core::Money;
use serde::Deserialize;

/// `OrderView` as the API sends it, decoded without its quote's coupon rule: an order page
/// shows what the coupon took off (the quote's discounts) but never the rule behind it, and
/// the rule's decoder (offers, scopes, promotions) is a large part of a bundle. Every other
/// field is `OrderView`'s, under the same name.
#[derive(Deserialize)]
pub struct OrderAnswer {
    number: String,
    status: OrderStatus,
    payment_method: PaymentMethod,
    shipping_method: ShippingMethod,
    contact: Contact,
    delivery: DeliveryAnswer,
    quote: QuoteAnswer,
    hold_until: Option<String>,
    created_at: String,
    events: Vec<EventAnswer>,
    access_token: Option<String>,
    payment: Option<PaymentAnswer>,
    shipment: Option<ShipmentView>,
    estimated_delivery: Option<DeliveryEstimate>,
}

/// `Quote` without `coupon` (see [`OrderAnswer`]).
#[derive(Deserialize)]
pub struct QuoteAnswer {
    lines: Vec<QuoteLine>,
    subtotal: Money,
    discounts: Vec<AppliedDiscount>,
    discount_total: Money,
    shipping: ShippingQuote,
    payment_fee: Option<Money>,
    total: Money,
    vat_included: Money,
    free_shipping: Option<FreeShippingProgress>,
}

impl From<OrderAnswer> for OrderView {
    fn from(o: OrderAnswer) -> OrderView {
        let q = o.quote;
        OrderView {
            number: o.number,
            status: o.status,
            payment_method: o.payment_method,
            shipping_method: o.shipping_method,
            contact: o.contact,
            delivery: o.delivery.into(),
            quote: Quote {
                lines: q.lines,
                subtotal: q.subtotal,
                discounts: q.discounts,
                discount_total: q.discount_total,
                shipping: q.shipping,
                payment_fee: q.payment_fee,
                total: q.total,
                vat_included: q.vat_included,
                coupon: None,
                free_shipping: q.free_shipping,
            },
            hold_until: o.hold_until,
            created_at: o.created_at,
            events: o.events.into_iter().map(OrderEventView::from).collect(),
            access_token: o.access_token,
            payment: o.payment.map(PaymentView::from),
            shipment: o.shipment,
            estimated_delivery: o.estimated_delivery,
        }
    }
}

/// `Delivery` (`{"type": "address" | "store", …}`), its variants' fields side by side.
#[derive(Deserialize)]
pub struct DeliveryAnswer {
    #[serde(rename = "type")]
    kind: DeliveryKind,
    #[serde(default)]
    postal_code: String,
    #[serde(default)]
    city: String,
    #[serde(default)]
    district: String,
    #[serde(default)]
    line: String,
    #[serde(default)]
    chain: String,
    #[serde(default)]
    store_id: String,
    #[serde(default)]
    store_name: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum DeliveryKind {
    Address,
    Store,
}

impl From<DeliveryAnswer> for Delivery {
    fn from(d: DeliveryAnswer) -> Delivery {
        match d.kind {
            DeliveryKind::Address => Delivery::Address {
                postal_code: d.postal_code,
                city: d.city,
                district: d.district,
                line: d.line,
            },
            DeliveryKind::Store => Delivery::Store {
                chain: d.chain,
                store_id: d.store_id,
                store_name: d.store_name,
            },
        }
    }
}

/// `OrderEventView`, its actor read as [`ActorAnswer`].
#[derive(Deserialize)]
pub struct EventAnswer {
    at: String,
    kind: String,
    actor: ActorAnswer,
    to_status: Option<OrderStatus>,
    note: Option<String>,
}

impl From<EventAnswer> for OrderEventView {
    fn from(e: EventAnswer) -> OrderEventView {
        OrderEventView {
            at: e.at,
            kind: e.kind,
            actor: e.actor.into(),
            to_status: e.to_status,
            note: e.note,
        }
    }
}

/// `Actor` (`{"kind": "staff", "id": 7}`, `{"kind": "system"}`).
#[derive(Deserialize)]
pub struct ActorAnswer {
    kind: ActorKind,
    #[serde(default)]
    id: i64,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum ActorKind {
    Shopper,
    Staff,
    System,
    PaymentProvider,
}

impl From<ActorAnswer> for Actor {
    fn from(a: ActorAnswer) -> Actor {
        match a.kind {
            ActorKind::Shopper => Actor::Shopper,
            ActorKind::Staff => Actor::Staff(a.id),
            ActorKind::System => Actor::System,
            ActorKind::PaymentProvider => Actor::PaymentProvider,
        }
    }
}

/// `PaymentView`, its next action read as [`NextActionAnswer`].
#[derive(Deserialize)]
pub struct PaymentAnswer {
    id: String,
    status: PaymentStatus,
    amount: Money,
    instalments: u32,
    card_last4: Option<String>,
    next_action: Option<NextActionAnswer>,
    failure: Option<FailureReason>,
}

impl From<PaymentAnswer> for PaymentView {
    fn from(p: PaymentAnswer) -> PaymentView {
        PaymentView {
            id: p.id,
            status: p.status,
            amount: p.amount,
            instalments: p.instalments,
            card_last4: p.card_last4,
            next_action: p.next_action.map(NextAction::from),
            failure: p.failure,
        }
    }
}

/// `NextAction` (`{"type": "redirect" | "atm_transfer" | "store_code", …}`), its variants'
/// fields side by side.
#[derive(Deserialize)]
pub struct NextActionAnswer {
    #[serde(rename = "type")]
    kind: NextActionKind,
    #[serde(default)]
    url: String,
    #[serde(default)]
    bank_code: String,
    #[serde(default)]
    account: String,
    #[serde(default)]
    expires_at: String,
    #[serde(default)]
    code: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum NextActionKind {
    Redirect,
    AtmTransfer,
    StoreCode,
}

impl From<NextActionAnswer> for NextAction {
    fn from(n: NextActionAnswer) -> NextAction {
        match n.kind {
            NextActionKind::Redirect => NextAction::Redirect { url: n.url },
            NextActionKind::AtmTransfer => NextAction::AtmTransfer {
                bank_code: n.bank_code,
                account: n.account,
                expires_at: n.expires_at,
            },
            NextActionKind::StoreCode => NextAction::StoreCode {
                code: n.code,
                expires_at: n.expires_at,
            },
        }
    }
}

/// `Address` as the API sends it: its id beside its fields, in one object. `Address` says so
/// with `#[serde(flatten)]`, whose decoder buffers the object first and is among the largest
/// in a bundle; naming the fields here decodes the same answer directly.
#[derive(Deserialize)]
pub struct AddressAnswer {
    id: i64,
    label: String,
    name: String,
    phone: String,
    postal_code: String,
    city: String,
    district: String,
    line: String,
    #[serde(default)]
    is_default: bool,
}

impl From<AddressAnswer> for Address {
    fn from(a: AddressAnswer) -> Address {
        Address {
            id: a.id,
            fields: AddressInput {
                label: a.label,
                name: a.name,
                phone: a.phone,
                postal_code: a.postal_code,
                city: a.city,
                district: a.district,
                line: a.line,
                is_default: a.is_default,
            },
        }
    }
}
