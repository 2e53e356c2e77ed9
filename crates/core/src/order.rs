//! An order's life: the states it passes through and which moves between them are allowed.
//! Every change of state goes through [`OrderStatus::transition`], so no code path can skip a
//! step or move an order backwards; each change is recorded as an order event with who made it.

use serde::{Deserialize, Serialize};

use crate::checkout::{Contact, Delivery, PaymentMethod};
use crate::delivery::{DeliveryEstimate, ShipmentView};
use crate::invoice::InvoiceView;
use crate::payment::PaymentView;
use crate::pricing::{Quote, ShippingMethod};

/// Where an order stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// Placed, stock held, waiting for the money (or, cash on delivery, for the parcel).
    PendingPayment,
    Paid,
    /// Being picked and packed.
    Processing,
    /// Handed to the carrier.
    Shipped,
    InTransit,
    /// With the courier, or waiting at the pickup store.
    OutForDelivery,
    Delivered,
    Cancelled,
    RefundRequested,
    Refunded,
}

impl OrderStatus {
    pub const ALL: [OrderStatus; 10] = [
        OrderStatus::PendingPayment,
        OrderStatus::Paid,
        OrderStatus::Processing,
        OrderStatus::Shipped,
        OrderStatus::InTransit,
        OrderStatus::OutForDelivery,
        OrderStatus::Delivered,
        OrderStatus::Cancelled,
        OrderStatus::RefundRequested,
        OrderStatus::Refunded,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            OrderStatus::PendingPayment => "pending_payment",
            OrderStatus::Paid => "paid",
            OrderStatus::Processing => "processing",
            OrderStatus::Shipped => "shipped",
            OrderStatus::InTransit => "in_transit",
            OrderStatus::OutForDelivery => "out_for_delivery",
            OrderStatus::Delivered => "delivered",
            OrderStatus::Cancelled => "cancelled",
            OrderStatus::RefundRequested => "refund_requested",
            OrderStatus::Refunded => "refunded",
        }
    }

    pub fn parse(text: &str) -> Option<OrderStatus> {
        OrderStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// The moves the shop allows. Cash on delivery is paid at the door, so such an order goes
    /// from pending payment straight to processing, and delivery is its payment.
    pub fn can_become(self, next: OrderStatus, cash_on_delivery: bool) -> bool {
        use OrderStatus::*;
        matches!(
            (self, next),
            (PendingPayment, Paid)
                | (PendingPayment, Cancelled)
                | (Paid, Processing)
                | (Paid, Cancelled)
                | (Processing, Shipped)
                | (Processing, Cancelled)
                | (Shipped, InTransit)
                | (Shipped, OutForDelivery)
                | (InTransit, OutForDelivery)
                | (OutForDelivery, Delivered)
                | (Delivered, RefundRequested)
                | (RefundRequested, Refunded)
                | (RefundRequested, Delivered)
                // An operator refunds a paid order that never shipped, or one delivered (the
                // goods came back, or the shopper keeps them with an apology), in full.
                | (Paid, Refunded)
                | (Processing, Refunded)
                | (Delivered, Refunded)
        ) || (cash_on_delivery && self == PendingPayment && next == Processing)
    }

    /// The next state, or why not.
    pub fn transition(
        self,
        next: OrderStatus,
        cash_on_delivery: bool,
    ) -> Result<OrderStatus, TransitionError> {
        if self.can_become(next, cash_on_delivery) {
            Ok(next)
        } else {
            Err(TransitionError {
                from: self,
                to: next,
            })
        }
    }

    /// No move leads anywhere from here.
    pub fn is_final(self) -> bool {
        OrderStatus::ALL
            .into_iter()
            .all(|next| !self.can_become(next, true))
    }

    /// Whether the order can still change by itself (a payment, the warehouse, the carrier,
    /// the shop answering a return): after delivery only the shopper starts anything.
    pub fn still_moving(self) -> bool {
        self != OrderStatus::Delivered && !self.is_final()
    }

    /// Whether the shop has the order's money (and so owes it an e-invoice): paid, or for cash
    /// on delivery, delivered — and not cancelled before either.
    pub fn money_received(self, cash_on_delivery: bool) -> bool {
        use OrderStatus::*;
        if cash_on_delivery {
            matches!(self, Delivered | RefundRequested | Refunded)
        } else {
            !matches!(self, PendingPayment | Cancelled)
        }
    }

    /// Whether the stock the order holds is still held for it (not yet sold or given back).
    pub fn holds_stock(self) -> bool {
        self == OrderStatus::PendingPayment
    }

    /// Where the order's units are while they are still in the warehouse: held for it (waiting
    /// for a payment, or for cash at the door) or sold (paid for); `None` once they left it or
    /// went back to the shelf. Cancelling or refunding gives them back accordingly.
    pub fn warehouse_stock(self, cash_on_delivery: bool) -> Option<WarehouseStock> {
        use OrderStatus::*;
        match self {
            PendingPayment => Some(WarehouseStock::Held),
            Paid | Processing if cash_on_delivery => Some(WarehouseStock::Held),
            Paid | Processing => Some(WarehouseStock::Sold),
            _ => None,
        }
    }

    /// Whether moving to `to` takes units still *held* for the order out of the warehouse: a
    /// cash-on-delivery parcel handed to the carrier. They come off the shelf and out of the
    /// hold together, or the shop would count them on hand for ever. (Sold units were taken
    /// off on hand when the payment came.)
    pub fn ships_held_units(self, to: OrderStatus, cash_on_delivery: bool) -> bool {
        to == OrderStatus::Shipped
            && self.warehouse_stock(cash_on_delivery) == Some(WarehouseStock::Held)
    }
}

/// How an order's units still in the warehouse are counted: reserved against what is on
/// hand, or taken off it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WarehouseStock {
    Held,
    Sold,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("an order that is {} cannot become {}", from.as_str(), to.as_str())]
pub struct TransitionError {
    pub from: OrderStatus,
    pub to: OrderStatus,
}

/// Who made a change to an order, for its history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Actor {
    Shopper,
    /// Staff, by account id.
    Staff(i64),
    /// The shop itself: jobs, expiries.
    System,
    PaymentProvider,
    Carrier,
}

/// `GET /api/v1/orders/{number}`: an order as its shopper sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderView {
    pub number: String,
    pub status: OrderStatus,
    pub payment_method: PaymentMethod,
    pub shipping_method: ShippingMethod,
    pub contact: Contact,
    pub delivery: Delivery,
    /// The cart as priced when the order was placed: what was charged, line by line.
    pub quote: Quote,
    /// Until when the stock is held for payment (RFC 3339), while it is.
    pub hold_until: Option<String>,
    pub created_at: String,
    /// Oldest first.
    pub events: Vec<OrderEventView>,
    /// The secret of the guest link (`/orders/{number}?token=…`); only in the answer that
    /// placed the order, never again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token: Option<String>,
    /// The latest payment attempt, if any: what it is waiting for (a transfer, a code to pay,
    /// a challenge) or why it failed.
    #[serde(default)]
    pub payment: Option<PaymentView>,
    /// The parcel, once a carrier has it: tracking number and steps so far.
    #[serde(default)]
    pub shipment: Option<ShipmentView>,
    /// When the parcel should arrive, while the order is on its way to the shopper (estimated
    /// from now until it ships, then as the carrier took it).
    #[serde(default)]
    pub estimated_delivery: Option<DeliveryEstimate>,
    /// The e-invoice as chosen, and its number once issued.
    #[serde(default)]
    pub invoice: Option<InvoiceView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderEventView {
    pub at: String,
    /// `placed`, `status_changed`, `stock_released`, …
    pub kind: String,
    pub actor: Actor,
    pub to_status: Option<OrderStatus>,
    pub note: Option<String>,
}

/// How long stock stays held for an order waiting for its payment, in seconds, by method:
/// minutes for a card or wallet, days for a transfer or a counter payment. Cash on delivery
/// holds nothing: the order goes straight to processing.
pub fn hold_seconds(method: PaymentMethod) -> Option<i64> {
    match method {
        PaymentMethod::Card | PaymentMethod::EWallet => Some(30 * 60),
        PaymentMethod::AtmTransfer | PaymentMethod::StoreCode => Some(3 * 24 * 60 * 60),
        PaymentMethod::CashOnDelivery => None,
    }
}

/// How long stock stays held after a payment of the order fails: enough to try another card or
/// the 3-D Secure step again, not the days a transfer would have had. The hold then runs out
/// and the expiry job gives the stock back, so a failed payment does not keep it from other
/// shoppers.
pub const RETRY_HOLD_SECONDS: i64 = 15 * 60;

/// The end of an order's hold after its payment failed at `now`: the retry window, or sooner
/// if the hold ended sooner anyway (a failure never lengthens it).
pub fn hold_after_failure(hold_until: i64, now: i64) -> i64 {
    hold_until.min(now + RETRY_HOLD_SECONDS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use OrderStatus::*;

    #[test]
    fn the_happy_path_is_legal_step_by_step() {
        let path = [
            PendingPayment,
            Paid,
            Processing,
            Shipped,
            InTransit,
            OutForDelivery,
            Delivered,
        ];
        for pair in path.windows(2) {
            assert_eq!(pair[0].transition(pair[1], false), Ok(pair[1]));
        }
        assert_eq!(
            Delivered.transition(RefundRequested, false),
            Ok(RefundRequested)
        );
        assert_eq!(RefundRequested.transition(Refunded, false), Ok(Refunded));
    }

    #[test]
    fn an_order_moves_by_itself_until_delivered_and_again_while_a_return_is_answered() {
        let moving: Vec<OrderStatus> = OrderStatus::ALL
            .into_iter()
            .filter(|s| s.still_moving())
            .collect();
        assert_eq!(
            moving,
            [
                PendingPayment,
                Paid,
                Processing,
                Shipped,
                InTransit,
                OutForDelivery,
                RefundRequested
            ]
        );
    }

    #[test]
    fn steps_cannot_be_skipped_or_undone() {
        for (from, to) in [
            (PendingPayment, Shipped),
            (PendingPayment, Delivered),
            (Paid, Shipped),
            (Shipped, Paid),
            (Delivered, Shipped),
            (Cancelled, Paid),
            (Refunded, Delivered),
            (Shipped, Cancelled),
            (Delivered, Cancelled),
        ] {
            assert_eq!(
                from.transition(to, false),
                Err(TransitionError { from, to }),
                "{from:?} → {to:?}"
            );
        }
    }

    /// Every one of the 200 (from, to, cash on delivery) cases, against the table of the moves
    /// the shop allows, written out as the issue lists them.
    #[test]
    fn every_move_is_legal_or_refused_exactly_as_the_table_says() {
        const LEGAL: [(OrderStatus, OrderStatus); 16] = [
            (PendingPayment, Paid),
            (PendingPayment, Cancelled),
            (Paid, Processing),
            (Paid, Cancelled),
            (Paid, Refunded),
            (Processing, Shipped),
            (Processing, Cancelled),
            (Processing, Refunded),
            (Shipped, InTransit),
            (Shipped, OutForDelivery),
            (InTransit, OutForDelivery),
            (OutForDelivery, Delivered),
            (Delivered, RefundRequested),
            (Delivered, Refunded),
            (RefundRequested, Refunded),
            (RefundRequested, Delivered),
        ];
        let mut legal_moves = 0;
        for cod in [false, true] {
            for from in OrderStatus::ALL {
                for to in OrderStatus::ALL {
                    let legal = LEGAL.contains(&(from, to))
                        || (cod && (from, to) == (PendingPayment, Processing));
                    let answer = from.transition(to, cod);
                    assert_eq!(answer.is_ok(), legal, "{from:?} → {to:?}, cod {cod}");
                    legal_moves += usize::from(legal);
                }
            }
        }
        assert_eq!(legal_moves, 16 + 17);
    }

    #[test]
    fn a_failed_payment_shortens_the_hold_and_never_lengthens_it() {
        let now = 1_000_000;
        let days = now + 3 * 86_400;
        assert_eq!(hold_after_failure(days, now), now + RETRY_HOLD_SECONDS);
        assert_eq!(hold_after_failure(now + 60, now), now + 60);
    }

    #[test]
    fn cash_on_delivery_is_processed_before_it_is_paid() {
        assert!(!PendingPayment.can_become(Processing, false));
        assert!(PendingPayment.can_become(Processing, true));
    }

    #[test]
    fn every_status_round_trips_and_final_states_are_final() {
        for status in OrderStatus::ALL {
            assert_eq!(OrderStatus::parse(status.as_str()), Some(status));
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(json, format!("\"{}\"", status.as_str()));
        }
        let finals: Vec<_> = OrderStatus::ALL
            .into_iter()
            .filter(|s| s.is_final())
            .collect();
        assert_eq!(finals, [Cancelled, Refunded]);
    }

    #[test]
    fn every_state_is_reachable_from_a_new_order() {
        let mut reached = vec![PendingPayment];
        let mut frontier = vec![PendingPayment];
        while let Some(from) = frontier.pop() {
            for to in OrderStatus::ALL {
                if from.can_become(to, true) && !reached.contains(&to) {
                    reached.push(to);
                    frontier.push(to);
                }
            }
        }
        assert_eq!(reached.len(), OrderStatus::ALL.len());
    }

    #[test]
    fn only_a_cash_on_delivery_parcel_takes_held_units_out_when_it_ships() {
        assert!(Processing.ships_held_units(Shipped, true));
        assert!(
            !Processing.ships_held_units(Shipped, false),
            "sold at payment"
        );
        assert!(
            !Processing.ships_held_units(Cancelled, true),
            "a cancel shelves them"
        );
        assert!(!Shipped.ships_held_units(InTransit, true), "gone already");
    }
}
