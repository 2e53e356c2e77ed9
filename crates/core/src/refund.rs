//! Giving money back: how much a refund of a whole order or of some of its lines is worth.
//!
//! The rule is that refunds add up: however an order is refunded, in one go or line by line,
//! the money given back never exceeds what was charged, and once every unit is refunded it is
//! exactly what was charged (shipping and fees included, with the last refund). A line's units
//! are worth its charged total (after discounts) shared out by quantity; the last unit of a
//! line takes what rounding left over, so no cent is lost or invented.

use serde::{Deserialize, Serialize};

use crate::order::OrderStatus;
use crate::{FieldError, Money};

/// `POST /api/v1/admin/orders/{number}/refunds`: which units to refund, and why. No lines
/// means the whole order (everything not refunded yet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefundRequest {
    #[serde(default)]
    pub lines: Vec<RefundLine>,
    /// Shown on the order's history; required.
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefundLine {
    /// The line's position in the order (0-based, as listed).
    pub position: u32,
    pub qty: u32,
}

/// The answer to a refund: what went back, of which lines, and where the order stands after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefundReceipt {
    pub amount: Money,
    pub lines: Vec<RefundLine>,
    pub status: OrderStatus,
}

/// What could still be given back of an order: nothing where the order state machine allows
/// no refund, nor for cash on delivery before the money was taken at the door; otherwise
/// what was charged less what went back already.
pub fn refundable(
    status: OrderStatus,
    cash_on_delivery: bool,
    total: Money,
    refunded: Money,
) -> Money {
    let paid_at_door = matches!(
        status,
        OrderStatus::Delivered | OrderStatus::RefundRequested
    );
    let received = status.can_become(OrderStatus::Refunded, cash_on_delivery)
        && (!cash_on_delivery || paid_at_door);
    Money {
        amount: if received {
            (total.amount - refunded.amount).max(0)
        } else {
            0
        },
        currency: total.currency,
    }
}

/// A line of an order as far as refunds go: what it charged and what was given back already.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChargedLine {
    pub qty: u32,
    /// The line's total as charged (after its share of discounts).
    pub total: Money,
    pub refunded_qty: u32,
    pub refunded: Money,
}

/// What a refund gives back: its amount and the units it covers, line by line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundPlan {
    pub amount: Money,
    /// `(position, qty, amount)` for every line it refunds units of.
    pub lines: Vec<(u32, u32, Money)>,
    /// After it, nothing of the order is left to refund.
    pub settles_order: bool,
}

/// Plans the refund `request` of an order that charged `order_total` (lines, shipping and
/// fees), of which `refunded` was given back already. Every bad line names its field
/// (`lines[1].qty`).
pub fn plan(
    order_total: Money,
    refunded: Money,
    lines: &[ChargedLine],
    request: &RefundRequest,
) -> Result<RefundPlan, FieldError> {
    if request.reason.trim().is_empty() {
        return Err(FieldError::said(
            "reason",
            "say why the money is given back",
            "請說明退款的原因",
        ));
    }
    if request.reason.chars().count() > 500 {
        return Err(FieldError::said(
            "reason",
            "must be at most 500 characters",
            "最多 500 個字",
        ));
    }
    let left = order_total.amount - refunded.amount;
    let money = |amount| Money {
        amount,
        currency: order_total.currency,
    };
    let remaining_units = |l: &ChargedLine| l.qty - l.refunded_qty.min(l.qty);
    if left <= 0 {
        return Err(FieldError::said(
            "lines",
            "this order has been refunded in full",
            "這筆訂單已全額退款",
        ));
    }
    if request.lines.is_empty() {
        let lines = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| remaining_units(l) > 0)
            .map(|(i, l)| {
                (
                    i as u32,
                    remaining_units(l),
                    money(l.total.amount - l.refunded.amount),
                )
            })
            .collect();
        return Ok(RefundPlan {
            amount: money(left),
            lines,
            settles_order: true,
        });
    }
    let mut planned: Vec<(u32, u32, Money)> = Vec::with_capacity(request.lines.len());
    for (i, wanted) in request.lines.iter().enumerate() {
        let line = lines.get(wanted.position as usize).ok_or_else(|| {
            FieldError::said(
                format!("lines[{i}].position"),
                "the order has no line at this position",
                "訂單在這個位置沒有品項",
            )
        })?;
        if planned.iter().any(|(p, _, _)| *p == wanted.position) {
            return Err(FieldError::said(
                format!("lines[{i}].position"),
                "each line may be named once",
                "每個品項只能列一次",
            ));
        }
        let units = remaining_units(line);
        if wanted.qty == 0 || wanted.qty > units {
            let field = format!("lines[{i}].qty");
            return Err(if units == 0 {
                FieldError::said(
                    field,
                    "this line has been refunded in full",
                    "這個品項已全數退款",
                )
            } else {
                FieldError::said(
                    field,
                    format!("must be from 1 to {units} (the units not refunded yet)"),
                    format!("必須是 1 到 {units}（尚未退款的件數）"),
                )
            });
        }
        let amount = if wanted.qty == units {
            line.total.amount - line.refunded.amount
        } else {
            // Whole units shared out by quantity, rounded down; the last unit takes the rest.
            line.total.amount * i64::from(wanted.qty) / i64::from(line.qty)
        };
        planned.push((wanted.position, wanted.qty, money(amount)));
    }
    let settles_order = lines.iter().enumerate().all(|(i, l)| {
        let now = planned
            .iter()
            .find(|(p, _, _)| *p as usize == i)
            .map_or(0, |(_, q, _)| *q);
        remaining_units(l) == now
    });
    // The refund that leaves no unit unrefunded also gives back what no line holds (shipping,
    // fees), so that every refund of the order adds up to exactly what it charged.
    let amount = if settles_order {
        left
    } else {
        planned
            .iter()
            .map(|(_, _, m)| m.amount)
            .sum::<i64>()
            .min(left)
    };
    if amount <= 0 {
        return Err(FieldError::said(
            "lines",
            "these units were free: nothing to give back",
            "這些商品是免費的，沒有可退的金額",
        ));
    }
    Ok(RefundPlan {
        amount: money(amount),
        lines: planned,
        settles_order,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn twd(amount: i64) -> Money {
        Money::twd(amount)
    }

    fn line(qty: u32, total: i64) -> ChargedLine {
        ChargedLine {
            qty,
            total: twd(total),
            refunded_qty: 0,
            refunded: twd(0),
        }
    }

    fn by_line(lines: &[(u32, u32)]) -> RefundRequest {
        RefundRequest {
            lines: lines
                .iter()
                .map(|&(position, qty)| RefundLine { position, qty })
                .collect(),
            reason: "damaged".into(),
        }
    }

    /// Applies a plan to the lines, as the server records it.
    fn apply(lines: &mut [ChargedLine], refunded: &mut Money, plan: &RefundPlan) {
        for &(p, q, m) in &plan.lines {
            let l = &mut lines[p as usize];
            l.refunded_qty += q;
            l.refunded.amount += m.amount;
        }
        refunded.amount += plan.amount.amount;
    }

    #[test]
    fn a_whole_refund_gives_back_everything_left_shipping_included() {
        let lines = [line(2, 100_000), line(1, 50_000)];
        let plan = plan(twd(160_000), twd(0), &lines, &by_line(&[])).unwrap();
        assert_eq!(plan.amount, twd(160_000));
        assert!(plan.settles_order);
        assert_eq!(plan.lines, [(0, 2, twd(100_000)), (1, 1, twd(50_000))]);
    }

    #[test]
    fn a_unit_is_worth_its_share_and_the_last_unit_takes_the_rest() {
        let mut lines = [line(3, 100_000), line(1, 50_000)];
        let mut refunded = twd(0);
        let first = plan(twd(160_000), refunded, &lines, &by_line(&[(0, 1)])).unwrap();
        assert_eq!(first.amount, twd(33_333));
        assert!(!first.settles_order);
        apply(&mut lines, &mut refunded, &first);
        let second = plan(twd(160_000), refunded, &lines, &by_line(&[(0, 2)])).unwrap();
        assert_eq!(second.amount, twd(66_667), "the rest of the line");
        apply(&mut lines, &mut refunded, &second);
        let last = plan(twd(160_000), refunded, &lines, &by_line(&[(1, 1)])).unwrap();
        assert_eq!(last.amount, twd(60_000), "the line and the shipping");
        assert!(last.settles_order);
    }

    #[test]
    fn only_money_received_can_go_back() {
        use OrderStatus::*;
        let (total, none) = (twd(100_000), twd(0));
        assert_eq!(refundable(Paid, false, total, twd(30_000)), twd(70_000));
        assert_eq!(refundable(Delivered, false, total, none), total);
        assert_eq!(refundable(PendingPayment, false, total, none), none);
        assert_eq!(refundable(Shipped, false, total, none), none);
        assert_eq!(refundable(Refunded, false, total, none), none);
        assert_eq!(
            refundable(Processing, true, total, none),
            none,
            "cash not taken yet"
        );
        assert_eq!(refundable(Delivered, true, total, none), total);
    }

    #[test]
    fn bad_requests_name_their_field() {
        let lines = [line(2, 100_000)];
        let err = |request: &RefundRequest| {
            plan(twd(110_000), twd(0), &lines, request)
                .unwrap_err()
                .field
        };
        assert_eq!(err(&by_line(&[(1, 1)])), "lines[0].position");
        assert_eq!(err(&by_line(&[(0, 3)])), "lines[0].qty");
        assert_eq!(err(&by_line(&[(0, 0)])), "lines[0].qty");
        assert_eq!(err(&by_line(&[(0, 1), (0, 1)])), "lines[1].position");
        let mut blank = by_line(&[]);
        blank.reason = "  ".into();
        assert_eq!(err(&blank), "reason");
        let done = plan(twd(110_000), twd(110_000), &lines, &by_line(&[])).unwrap_err();
        assert_eq!(done.field, "lines");
    }

    proptest! {
        /// However an order is refunded, piece by piece in any order, the refunds never exceed
        /// what it charged and add up to exactly that once every unit is refunded.
        #[test]
        fn refunds_add_up_to_what_was_charged(
            charged in prop::collection::vec((1u32..6, 0i64..500_000), 1..5),
            extra in 0i64..20_000,
            steps in prop::collection::vec((0usize..5, 1u32..4), 0..12),
        ) {
            let mut lines: Vec<ChargedLine> =
                charged.iter().map(|&(q, t)| line(q, t)).collect();
            let total = twd(lines.iter().map(|l| l.total.amount).sum::<i64>() + extra);
            let mut refunded = twd(0);
            for (position, qty) in steps {
                let Some(l) = lines.get(position) else { continue };
                let qty = qty.min(l.qty - l.refunded_qty);
                if qty == 0 { continue }
                if let Ok(p) = plan(total, refunded, &lines, &by_line(&[(position as u32, qty)])) {
                    prop_assert!(p.amount.amount > 0);
                    apply(&mut lines, &mut refunded, &p);
                    prop_assert!(refunded.amount <= total.amount);
                }
            }
            if refunded.amount < total.amount {
                let rest = plan(total, refunded, &lines, &by_line(&[])).unwrap();
                apply(&mut lines, &mut refunded, &rest);
                for l in &lines {
                    prop_assert_eq!(l.refunded_qty, l.qty);
                }
            }
            prop_assert_eq!(refunded, total);
            for l in &lines {
                prop_assert!(l.refunded.amount <= l.total.amount);
            }
        }
    }
}
