//! Returns in the appraisal period (七天鑑賞期): Taiwan's Consumer Protection Act lets a shopper
//! who bought at a distance send the goods back within seven days of receiving them. Here the
//! shopper may ask for a delivered order to be taken back and refunded within seven days of its
//! delivery, saying why; an operator then refunds it (the refund rule takes an order in
//! `refund_requested` as it takes a delivered one) or declines the request, which puts the
//! order back to delivered. The order page and the server both decide by these functions, so
//! the page offers the request exactly when the server will take it.

use serde::{Deserialize, Serialize};

use crate::order::OrderStatus;
use crate::FieldError;

/// How long after its delivery an order may be asked back: seven days, to the second.
pub const RETURN_WINDOW_SECONDS: i64 = 7 * 86_400;

/// A reason is at most this many characters, after trimming.
pub const MAX_REASON_CHARS: usize = 500;

/// `POST /api/v1/orders/{number}/refund-request`: why the shopper sends the order back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefundRequestInput {
    /// 1–500 characters; kept on the order's history for the operator.
    pub reason: String,
}

impl RefundRequestInput {
    pub fn check(&self) -> Result<(), FieldError> {
        check_reason(
            &self.reason,
            "say why you are sending the order back",
            "請告訴我們退貨的原因",
        )
    }
}

/// `POST /api/v1/admin/orders/{number}/refund-request/decline`: why the operator declines the
/// request. The shopper reads it on the order page, so it is written to them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeclineReturn {
    /// 1–500 characters.
    pub reason: String,
}

impl DeclineReturn {
    pub fn check(&self) -> Result<(), FieldError> {
        check_reason(
            &self.reason,
            "say why the request is declined",
            "請說明不受理退貨的原因",
        )
    }
}

fn check_reason(reason: &str, en_missing: &str, zh_missing: &str) -> Result<(), FieldError> {
    let length = reason.trim().chars().count();
    if length == 0 {
        return Err(FieldError::said("reason", en_missing, zh_missing));
    }
    if length > MAX_REASON_CHARS {
        return Err(FieldError::said(
            "reason",
            format!("must be at most {MAX_REASON_CHARS} characters"),
            format!("最多 {MAX_REASON_CHARS} 個字"),
        ));
    }
    Ok(())
}

/// Why a return cannot be requested now; `code` is the API's error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ReturnRefusal {
    #[error("only a delivered order can be sent back")]
    NotDelivered,
    #[error("a return has been requested already")]
    AlreadyRequested,
    #[error("the order has been refunded already")]
    AlreadyRefunded,
    #[error("the 7 days after delivery in which an order may be sent back are over")]
    WindowClosed,
}

impl ReturnRefusal {
    pub const fn code(self) -> &'static str {
        match self {
            ReturnRefusal::NotDelivered => "not_delivered",
            ReturnRefusal::AlreadyRequested => "already_requested",
            ReturnRefusal::AlreadyRefunded => "already_refunded",
            ReturnRefusal::WindowClosed => "return_window_closed",
        }
    }
}

/// Whether the shopper may ask, at `now`, for an order in `status` delivered at
/// `delivered_at` (Unix seconds; `None` when no delivery was recorded) to be taken back.
/// The last second of the seventh day still counts.
pub fn may_request(
    status: OrderStatus,
    delivered_at: Option<i64>,
    now: i64,
) -> Result<(), ReturnRefusal> {
    match status {
        OrderStatus::Delivered => match delivered_at {
            Some(at) if now <= deadline(at) => Ok(()),
            // Without a record of the delivery the window cannot be shown to be open.
            _ => Err(ReturnRefusal::WindowClosed),
        },
        OrderStatus::RefundRequested => Err(ReturnRefusal::AlreadyRequested),
        OrderStatus::Refunded => Err(ReturnRefusal::AlreadyRefunded),
        _ => Err(ReturnRefusal::NotDelivered),
    }
}

/// The last moment (Unix seconds) an order delivered at `delivered_at` may be asked back.
pub const fn deadline(delivered_at: i64) -> i64 {
    delivered_at + RETURN_WINDOW_SECONDS
}

/// Whether an operator may decline a return for an order in `status`: only while one is
/// requested (the order's other way back to delivered is the carrier's).
pub fn declinable(status: OrderStatus) -> bool {
    status == OrderStatus::RefundRequested
}

/// When the order was delivered, from its history as (status moved to, RFC 3339 time), oldest
/// first: the first move to delivered. A declined return moves the order back to delivered,
/// and must not start the seven days again.
pub fn delivered_at<'a>(
    moves: impl IntoIterator<Item = (Option<OrderStatus>, &'a str)>,
) -> Option<&'a str> {
    moves
        .into_iter()
        .find(|(to, _)| *to == Some(OrderStatus::Delivered))
        .map(|(_, at)| at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use OrderStatus::*;

    const DELIVERED: i64 = 1_795_564_800;

    #[test]
    fn a_delivered_order_may_be_asked_back_to_the_last_second_of_the_seventh_day() {
        let at = Some(DELIVERED);
        assert_eq!(may_request(Delivered, at, DELIVERED), Ok(()));
        assert_eq!(may_request(Delivered, at, DELIVERED + 3 * 86_400), Ok(()));
        assert_eq!(
            may_request(Delivered, at, DELIVERED + 7 * 86_400),
            Ok(()),
            "exactly seven days"
        );
        assert_eq!(
            may_request(Delivered, at, DELIVERED + 7 * 86_400 + 1),
            Err(ReturnRefusal::WindowClosed),
            "one second later"
        );
        assert_eq!(
            may_request(Delivered, at, DELIVERED - 60),
            Ok(()),
            "a clock a little behind the carrier's"
        );
        assert_eq!(
            may_request(Delivered, None, DELIVERED),
            Err(ReturnRefusal::WindowClosed),
            "no delivery on record"
        );
    }

    #[test]
    fn only_a_delivered_order_may_be_asked_back_and_only_once() {
        let at = Some(DELIVERED);
        for status in OrderStatus::ALL {
            let answer = may_request(status, at, DELIVERED + 60);
            let expected = match status {
                Delivered => Ok(()),
                RefundRequested => Err(ReturnRefusal::AlreadyRequested),
                Refunded => Err(ReturnRefusal::AlreadyRefunded),
                _ => Err(ReturnRefusal::NotDelivered),
            };
            assert_eq!(answer, expected, "{status:?}");
            // Whatever the rule allows, the state machine allows too.
            if answer.is_ok() {
                assert!(status.can_become(RefundRequested, false));
            }
        }
        assert_eq!(ReturnRefusal::WindowClosed.code(), "return_window_closed");
    }

    #[test]
    fn only_a_requested_return_may_be_declined() {
        for status in OrderStatus::ALL {
            assert_eq!(declinable(status), status == RefundRequested, "{status:?}");
            if declinable(status) {
                assert!(status.can_become(Delivered, false));
            }
        }
    }

    #[test]
    fn the_delivery_is_the_first_move_to_delivered() {
        let history = [
            (Some(PendingPayment), "2026-11-25T00:00:00Z"),
            (None, "2026-11-25T00:00:01Z"),
            (Some(Delivered), "2026-11-26T06:00:00Z"),
            (Some(RefundRequested), "2026-11-27T00:00:00Z"),
            (Some(Delivered), "2026-11-28T00:00:00Z"),
        ];
        assert_eq!(delivered_at(history), Some("2026-11-26T06:00:00Z"));
        assert_eq!(delivered_at(history[..2].iter().copied()), None);
    }

    #[test]
    fn a_reason_is_one_to_five_hundred_characters_after_trimming() {
        let ask = |reason: &str| {
            RefundRequestInput {
                reason: reason.into(),
            }
            .check()
        };
        assert_eq!(ask("尺寸不合").map_err(|e| e.field), Ok(()));
        assert_eq!(ask(&"退".repeat(500)), Ok(()), "counted in characters");
        assert_eq!(ask(&format!("  {}  ", "a".repeat(500))), Ok(()));
        for bad in ["", "   \n", &"a".repeat(501)] {
            let error = ask(bad).unwrap_err();
            assert_eq!(error.field, "reason");
            assert!(error.zh_tw.is_some(), "said in both languages");
        }
        let decline = |reason: &str| {
            DeclineReturn {
                reason: reason.into(),
            }
            .check()
        };
        assert_eq!(decline("商品已拆封使用").map_err(|e| e.field), Ok(()));
        assert_eq!(decline(" ").unwrap_err().field, "reason");
    }
}
