//! Answers of the API decoded into private types shaped like the JSON, then turned into
//! fourflow-core's types. The shopper's bundle is size-bound (ARCHITECTURE.md: ≤ 200 KB brotli), and
//! some of core's derives decode costly: tagged enums and `serde(flatten)` buffer the whole
//! object before reading it, and a quote's coupon brings its rule's decoder along (the cart's
//! own pricing rules are read without serde, in `json::pricing`). Each type
//! here decodes the same JSON as its core type, directly, and says where it differs. (The
//! tagged enums are read as one object with every variant's fields: a field that the tag's
//! variant needs but the answer lacks reads as empty instead of failing the answer.)

use fourflow_core::catalog::ProductSummary;
use fourflow_core::checkout::{Contact, Delivery, PaymentMethod};
use fourflow_core::content::{ContentKind, PublishedBlock, PublishedContent};
use fourflow_core::delivery::{DeliveryEstimate, ShipmentView};
use fourflow_core::invoice::InvoiceView;
use fourflow_core::order::{Actor, OrderEventView, OrderStatus, OrderView};
use fourflow_core::payment::{FailureReason, NextAction, PaymentStatus, PaymentView};
use fourflow_core::pricing::{
    AppliedDiscount, FreeShippingProgress, Quote, QuoteLine, ShippingMethod, ShippingQuote,
};
use fourflow_core::{Localized, Money};
use serde::Deserialize;

use crate::{json_enum, json_struct};

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
    #[serde(default)]
    invoice: Option<InvoiceView>,
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
            invoice: o.invoice,
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
    Carrier,
}

impl From<ActorAnswer> for Actor {
    fn from(a: ActorAnswer) -> Actor {
        match a.kind {
            ActorKind::Shopper => Actor::Shopper,
            ActorKind::Staff => Actor::Staff(a.id),
            ActorKind::System => Actor::System,
            ActorKind::PaymentProvider => Actor::PaymentProvider,
            ActorKind::Carrier => Actor::Carrier,
        }
    }
}

// Each tag above must name every variant of core's enum: these matches stop the build when
// core gains a variant that an answer type cannot read yet.
const _: fn(&Actor) -> ActorKind = |a| match a {
    Actor::Shopper => ActorKind::Shopper,
    Actor::Staff(_) => ActorKind::Staff,
    Actor::System => ActorKind::System,
    Actor::PaymentProvider => ActorKind::PaymentProvider,
    Actor::Carrier => ActorKind::Carrier,
};
const _: fn(&Delivery) -> DeliveryKind = |d| match d {
    Delivery::Address { .. } => DeliveryKind::Address,
    Delivery::Store { .. } => DeliveryKind::Store,
};
const _: fn(&NextAction) -> NextActionKind = |n| match n {
    NextAction::Redirect { .. } => NextActionKind::Redirect,
    NextAction::AtmTransfer { .. } => NextActionKind::AtmTransfer,
    NextAction::StoreCode { .. } => NextActionKind::StoreCode,
};

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

/// Each answer type reads what core's own type writes, into the same value.
#[cfg(test)]
mod tests {
    use serde::de::DeserializeOwned;
    use serde::Serialize;

    use super::*;

    fn reads_back<A, T>(value: T)
    where
        A: DeserializeOwned + Into<T>,
        T: Serialize + PartialEq + std::fmt::Debug,
    {
        let json = serde_json::to_string(&value).unwrap();
        let back: T = serde_json::from_str::<A>(&json).unwrap().into();
        assert_eq!(back, value, "{json}");
    }

    #[test]
    fn deliveries() {
        reads_back::<DeliveryAnswer, Delivery>(Delivery::Address {
            postal_code: "106".into(),
            city: "臺北市".into(),
            district: "大安區".into(),
            line: "復興南路一段 1 號".into(),
        });
        reads_back::<DeliveryAnswer, Delivery>(Delivery::Store {
            chain: "seven".into(),
            store_id: "123456".into(),
            store_name: "鑫復興".into(),
        });
    }

    #[test]
    fn actors() {
        for actor in [
            Actor::Shopper,
            Actor::Staff(7),
            Actor::System,
            Actor::PaymentProvider,
            Actor::Carrier,
        ] {
            reads_back::<ActorAnswer, Actor>(actor);
        }
    }

    #[test]
    fn next_actions() {
        reads_back::<NextActionAnswer, NextAction>(NextAction::Redirect {
            url: "/pay/3ds".into(),
        });
        reads_back::<NextActionAnswer, NextAction>(NextAction::AtmTransfer {
            bank_code: "822".into(),
            account: "1234567890".into(),
            expires_at: "2026-12-04T00:00:00Z".into(),
        });
        reads_back::<NextActionAnswer, NextAction>(NextAction::StoreCode {
            code: "AB12".into(),
            expires_at: "2026-12-04T00:00:00Z".into(),
        });
    }
}

/// `PublishedContent` with its blocks read as plain objects (see the module's note on tagged
/// enums): what the storefront's home, landing and help pages decode, without serde (see
/// `json::from`).
pub struct ContentAnswer {
    kind: ContentKind,
    slug: String,
    version: u32,
    title: Localized,
    summary: Localized,
    html: Localized,
    seo_title: Localized,
    seo_description: Localized,
    blocks: Vec<BlockAnswer>,
    preview: bool,
}

json_struct!(ContentAnswer {
    kind,
    slug,
    version,
    title,
    summary,
    html,
    seo_title,
    seo_description,
    blocks,
    preview
});

/// `PublishedBlock`: every variant's fields in one object, told apart by `type`.
struct BlockAnswer {
    kind: BlockKind,
    image: String,
    headline: Localized,
    text: Localized,
    cta: Localized,
    link: Option<String>,
    title: Localized,
    products: Vec<ProductSummary>,
    html: Localized,
}

json_struct!(BlockAnswer {
    kind @ "type", image = default, headline = default, text = default, cta = default,
    link = default, title = default, products = default, html = default
});

enum BlockKind {
    Hero,
    PromoStrip,
    Collection,
    Text,
}

json_enum!(BlockKind {
    Hero = "hero",
    PromoStrip = "promo_strip",
    Collection = "collection",
    Text = "text",
});

// As above: a new kind of block stops the build until it is read here.
const _: fn(&PublishedBlock) -> BlockKind = |b| match b {
    PublishedBlock::Hero { .. } => BlockKind::Hero,
    PublishedBlock::PromoStrip { .. } => BlockKind::PromoStrip,
    PublishedBlock::Collection { .. } => BlockKind::Collection,
    PublishedBlock::Text { .. } => BlockKind::Text,
};

impl From<ContentAnswer> for PublishedContent {
    fn from(c: ContentAnswer) -> PublishedContent {
        PublishedContent {
            kind: c.kind,
            slug: c.slug,
            version: c.version,
            title: c.title,
            summary: c.summary,
            html: c.html,
            seo_title: c.seo_title,
            seo_description: c.seo_description,
            blocks: c.blocks.into_iter().map(PublishedBlock::from).collect(),
            preview: c.preview,
        }
    }
}

impl From<BlockAnswer> for PublishedBlock {
    fn from(b: BlockAnswer) -> PublishedBlock {
        match b.kind {
            BlockKind::Hero => PublishedBlock::Hero {
                image: b.image,
                headline: b.headline,
                text: b.text,
                cta: b.cta,
                link: b.link.unwrap_or_default(),
            },
            BlockKind::PromoStrip => PublishedBlock::PromoStrip {
                text: b.text,
                link: b.link,
            },
            BlockKind::Collection => PublishedBlock::Collection {
                title: b.title,
                products: b.products,
            },
            BlockKind::Text => PublishedBlock::Text { html: b.html },
        }
    }
}
