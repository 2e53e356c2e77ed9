//! The orders console (`/api/v1/admin/orders…`): finding orders, one order as an operator
//! sees it, and the rule of what an operator may do with an order at the moment — written
//! here once, so that the console only offers what the server will accept.

use serde::{Deserialize, Serialize};

use crate::checkout::PaymentMethod;
use crate::delivery::{Date, TAIPEI_OFFSET_SECONDS};
use crate::order::{OrderStatus, OrderView};
use crate::pricing::ShippingMethod;
use crate::settlement::Ledger;
use crate::{FieldError, Money};

/// What `GET /api/v1/admin/orders` filters by; every part optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrderSearch {
    pub status: Option<OrderStatus>,
    /// Part of the order number, the shopper's email, name or phone.
    pub q: Option<String>,
    pub payment_method: Option<PaymentMethod>,
    pub shipping_method: Option<ShippingMethod>,
    /// Placed on or after this day, in Taipei.
    pub placed_from: Option<Date>,
    /// Placed on or before this day, in Taipei.
    pub placed_to: Option<Date>,
}

impl OrderSearch {
    /// Reads the query's parameters (`status`, `q`, `payment_method`, `shipping_method`,
    /// `placed_from`, `placed_to`); a bad one names its field.
    pub fn parse<'a>(param: impl Fn(&str) -> Option<&'a str>) -> Result<OrderSearch, FieldError> {
        let given = |name: &str| param(name).map(str::trim).filter(|v| !v.is_empty());
        let status = given("status")
            .map(|s| {
                OrderStatus::parse(s).ok_or_else(|| {
                    FieldError::said(
                        "status",
                        "must be an order status, e.g. processing",
                        "必須是訂單狀態，例如 processing",
                    )
                })
            })
            .transpose()?;
        let q = given("q").map(str::to_owned);
        if q.as_ref().is_some_and(|q| q.chars().count() > 100) {
            return Err(FieldError::said(
                "q",
                "must be at most 100 characters",
                "最多 100 個字",
            ));
        }
        let payment_method = given("payment_method")
            .map(|m| {
                PaymentMethod::ALL
                    .into_iter()
                    .find(|p| p.as_str() == m)
                    .ok_or_else(|| {
                        FieldError::said(
                            "payment_method",
                            "must be a payment method, e.g. card",
                            "必須是付款方式，例如 card",
                        )
                    })
            })
            .transpose()?;
        let shipping_method = given("shipping_method")
            .map(|m| {
                ShippingMethod::ALL
                    .into_iter()
                    .find(|s| s.as_str() == m)
                    .ok_or_else(|| {
                        FieldError::said(
                            "shipping_method",
                            "must be home_delivery, express or store_pickup",
                            "必須是 home_delivery、express 或 store_pickup",
                        )
                    })
            })
            .transpose()?;
        let day = |name: &str| {
            given(name)
                .map(|d| {
                    Date::parse(d).ok_or_else(|| {
                        FieldError::said(
                            name,
                            "must be a date, YYYY-MM-DD",
                            "必須是日期，格式為 YYYY-MM-DD",
                        )
                    })
                })
                .transpose()
        };
        let (placed_from, placed_to) = (day("placed_from")?, day("placed_to")?);
        if let (Some(from), Some(to)) = (placed_from, placed_to) {
            if to.days() < from.days() {
                return Err(FieldError::said(
                    "placed_to",
                    "must not be before placed_from",
                    "不能早於起日",
                ));
            }
        }
        Ok(OrderSearch {
            status,
            q,
            payment_method,
            shipping_method,
            placed_from,
            placed_to,
        })
    }

    /// The time range, in Unix seconds, that `placed_from` and `placed_to` cover: from the
    /// start of the first day in Taipei to the start of the day after the last (exclusive).
    pub fn placed_between(&self) -> (Option<i64>, Option<i64>) {
        let start = |d: Date| d.days() * 86_400 - TAIPEI_OFFSET_SECONDS;
        (
            self.placed_from.map(start),
            self.placed_to.map(|d| start(d.plus_days(1))),
        )
    }
}

/// One order in the console's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderSummary {
    pub number: String,
    pub status: OrderStatus,
    pub name: String,
    pub email: String,
    pub payment_method: PaymentMethod,
    pub shipping_method: ShippingMethod,
    pub total: Money,
    /// Units ordered, all lines together.
    pub units: u32,
    pub created_at: String,
}

/// `GET /api/v1/admin/orders`: newest first, and how many orders of each status match the
/// search's other filters (for the console's status tabs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderList {
    pub items: Vec<OrderSummary>,
    pub total: u32,
    pub page: u32,
    pub per_page: u32,
    pub by_status: Vec<StatusCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusCount {
    pub status: OrderStatus,
    pub count: u32,
}

/// What an operator can do with an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrderAction {
    /// The parcel is picked and packed.
    Pack,
    /// The packed parcel goes to the carrier.
    HandOver,
    /// Called off; held or sold stock goes back on the shelf, money paid goes back.
    Cancel,
    /// Money back, whole or by line.
    Refund,
}

/// Where the parcel of an order in processing is, as far as the console's actions go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParcelStage {
    /// Not in the warehouse's hands yet (the order is not in processing).
    None,
    Picking,
    Packed,
    /// Handed to the carrier, or being handed: out of the warehouse's reach.
    WithCarrier,
}

/// What an operator may do with an order now: the order state machine's moves, narrowed by
/// where its parcel is and whether any money is left to give back.
pub fn actions(
    status: OrderStatus,
    cash_on_delivery: bool,
    parcel: ParcelStage,
    refundable: Money,
) -> Vec<OrderAction> {
    let mut actions = Vec::new();
    if status == OrderStatus::Processing {
        match parcel {
            ParcelStage::Picking => actions.push(OrderAction::Pack),
            ParcelStage::Packed => actions.push(OrderAction::HandOver),
            ParcelStage::None | ParcelStage::WithCarrier => {}
        }
    }
    if status.can_become(OrderStatus::Cancelled, cash_on_delivery)
        && parcel != ParcelStage::WithCarrier
    {
        actions.push(OrderAction::Cancel);
    }
    if refundable.amount > 0
        && status.can_become(OrderStatus::Refunded, cash_on_delivery)
        && parcel != ParcelStage::WithCarrier
    {
        actions.push(OrderAction::Refund);
    }
    actions
}

/// `GET /api/v1/admin/orders/{number}`: the order as its shopper sees it, and what the
/// console needs besides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsoleOrder {
    pub order: OrderView,
    /// Refunded so far, line by line (same positions as the order's quote).
    pub lines: Vec<LineRefunds>,
    pub refunded: Money,
    /// What could still be given back.
    pub refundable: Money,
    pub actions: Vec<OrderAction>,
    /// The account that placed it, if any.
    pub customer_id: Option<i64>,
    /// The printed documents, for whoever is signed in as staff.
    pub pick_list_url: String,
    pub shipping_slip_url: String,
    /// What the payment provider itself holds for the order's payment, as its `status`
    /// answers now: the books to check the shop's against. `None` without a provider payment
    /// (cash on delivery, nothing confirmed) or when the provider could not be asked.
    #[serde(default)]
    pub provider_ledger: Option<Ledger>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LineRefunds {
    pub position: u32,
    pub refunded_qty: u32,
    pub refunded: Money,
}

/// `POST /api/v1/admin/orders/{number}/cancel`: why, for the order's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CancelRequest {
    pub reason: String,
}

impl CancelRequest {
    pub fn check(&self) -> Result<(), FieldError> {
        let length = self.reason.trim().chars().count();
        if length == 0 {
            return Err(FieldError::said(
                "reason",
                "say why the order is cancelled",
                "請說明取消訂單的原因",
            ));
        }
        if length > 500 {
            return Err(FieldError::said(
                "reason",
                "must be at most 500 characters",
                "最多 500 個字",
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn search(pairs: &[(&str, &str)]) -> Result<OrderSearch, FieldError> {
        let map: HashMap<&str, &str> = pairs.iter().copied().collect();
        OrderSearch::parse(|k| map.get(k).copied())
    }

    #[test]
    fn a_search_reads_every_filter_and_names_a_bad_one() {
        let s = search(&[
            ("status", "processing"),
            ("q", " 王 "),
            ("payment_method", "atm_transfer"),
            ("shipping_method", "store_pickup"),
            ("placed_from", "2026-11-01"),
            ("placed_to", "2026-11-30"),
        ])
        .unwrap();
        assert_eq!(s.status, Some(OrderStatus::Processing));
        assert_eq!(s.q.as_deref(), Some("王"));
        assert_eq!(s.payment_method, Some(PaymentMethod::AtmTransfer));
        assert_eq!(s.shipping_method, Some(ShippingMethod::StorePickup));
        assert_eq!(search(&[]).unwrap(), OrderSearch::default());
        for (name, value) in [
            ("status", "shipped_maybe"),
            ("payment_method", "cheque"),
            ("shipping_method", "drone"),
            ("placed_from", "2026-02-30"),
            ("placed_to", "yesterday"),
        ] {
            assert_eq!(search(&[(name, value)]).unwrap_err().field, name);
        }
        let backwards = search(&[("placed_from", "2026-11-02"), ("placed_to", "2026-11-01")]);
        assert_eq!(backwards.unwrap_err().field, "placed_to");
    }

    #[test]
    fn days_are_taipei_days() {
        let s = search(&[("placed_from", "2026-11-25"), ("placed_to", "2026-11-25")]).unwrap();
        let (from, to) = s.placed_between();
        // 2026-11-25 00:00 in Taipei is 2026-11-24 16:00 UTC.
        assert_eq!(from, Some(1_795_536_000));
        assert_eq!(to, Some(1_795_536_000 + 86_400));
    }

    #[test]
    fn the_console_offers_only_what_the_state_machine_allows() {
        use OrderAction::*;
        use OrderStatus as S;
        let some = Money::twd(100);
        let none = Money::twd(0);
        assert_eq!(
            actions(S::PendingPayment, false, ParcelStage::None, none),
            [Cancel]
        );
        assert_eq!(
            actions(S::Paid, false, ParcelStage::None, some),
            [Cancel, Refund]
        );
        assert_eq!(
            actions(S::Processing, false, ParcelStage::Picking, some),
            [Pack, Cancel, Refund]
        );
        assert_eq!(
            actions(S::Processing, false, ParcelStage::Packed, some),
            [HandOver, Cancel, Refund]
        );
        assert!(actions(S::Processing, false, ParcelStage::WithCarrier, some).is_empty());
        assert!(actions(S::Shipped, false, ParcelStage::WithCarrier, some).is_empty());
        assert_eq!(
            actions(S::Delivered, false, ParcelStage::None, some),
            [Refund]
        );
        assert!(actions(S::Refunded, false, ParcelStage::None, none).is_empty());
        assert!(actions(S::Cancelled, false, ParcelStage::None, none).is_empty());
    }
}
