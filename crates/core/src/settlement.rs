//! Settling a payment with its provider: when the money is taken (captured), and how money
//! goes back — a void of the hold, a smaller capture, or a refund — decided here once, for the
//! shop. [`Ledger`] is what a provider holds for one payment (the answer of its `status`),
//! with the rules any gateway enforces on it; the shop never asks for what they refuse.

use serde::{Deserialize, Serialize};

use crate::checkout::PaymentMethod;
use crate::{Currency, Money};

/// When a payment method's money is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaptureAt {
    /// The provider takes it as it confirms: the shopper moved the money themselves.
    Confirmation,
    /// The provider only holds it; the shop takes it when the carrier takes the parcel.
    HandOver,
}

/// A card is only authorised at checkout and captured at hand-over: card networks expect a
/// charge once the goods ship, and an order cancelled before that costs a void, not a refund
/// (no fee, no days of the shopper's money in flight). An ATM transfer or a counter payment is
/// money the shopper already sent, and Taiwanese e-wallets settle as the shopper approves, so
/// there is nothing to hold: they are captured at confirmation. Cash on delivery has no
/// provider payment at all (`None`).
pub fn capture_at(method: PaymentMethod) -> Option<CaptureAt> {
    match method {
        PaymentMethod::Card => Some(CaptureAt::HandOver),
        PaymentMethod::AtmTransfer | PaymentMethod::StoreCode | PaymentMethod::EWallet => {
            Some(CaptureAt::Confirmation)
        }
        PaymentMethod::CashOnDelivery => None,
    }
}

/// A payment as the shop recorded it: what the provider authorised for the order, what the
/// shop captured (`None` while the money is only held) and what of the order was given back
/// so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Taken {
    pub authorised: Money,
    pub captured: Option<Money>,
    pub given_back: Money,
}

/// How money goes back to the shopper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyBack {
    /// Nothing is left to take: the hold is voided, no money moves.
    Void,
    /// Part of a hold not captured yet: nothing to ask the provider now, the capture at
    /// hand-over takes this much less. (A second, partial authorisation would cost the shopper
    /// a new hold, and many card issuers do not support partial voids; capturing less is what
    /// every gateway supports, and the rest of the hold is released with the capture.)
    CaptureLess(Money),
    /// Money already taken goes back through the provider.
    Refund(Money),
}

/// What to do with the provider for `amount` going back. `amount` must not exceed what is
/// left of the order (the refund plan sees to that); an amount above it is clamped.
pub fn money_back(taken: &Taken, amount: Money) -> MoneyBack {
    let left = (taken.authorised.amount - taken.given_back.amount).max(0);
    let amount = Money {
        amount: amount.amount.clamp(0, left),
        currency: amount.currency,
    };
    match taken.captured {
        None if amount.amount >= left => MoneyBack::Void,
        None => MoneyBack::CaptureLess(amount),
        Some(_) => MoneyBack::Refund(amount),
    }
}

/// What the shop asks for at hand-over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Capture {
    /// Take this much of the hold (the rest is released).
    Take(Money),
    /// Nothing is left to take (all given back before it shipped): void the hold.
    Void,
    /// Captured already, or at confirmation: nothing to ask.
    Nothing,
}

/// The capture due when the carrier takes the parcel: what was authorised less what was
/// given back before it shipped.
pub fn capture_at_hand_over(taken: &Taken) -> Capture {
    if taken.captured.is_some() {
        return Capture::Nothing;
    }
    let left = taken.authorised.amount - taken.given_back.amount;
    if left <= 0 {
        Capture::Void
    } else {
        Capture::Take(Money {
            amount: left,
            currency: taken.authorised.currency,
        })
    }
}

/// What a provider holds for one payment. Amounts only grow; `voided` is the part of the hold
/// let go (all of it by a void, the rest of it by a smaller capture).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Ledger {
    pub authorised: Money,
    pub captured: Money,
    pub voided: Money,
    pub refunded: Money,
}

/// An instruction to a provider about one payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    Authorise(Money),
    /// Takes this much of the hold, once; the rest of the hold is released.
    Capture(Money),
    /// Lets go of the whole hold.
    Void,
    Refund(Money),
}

/// What the shop asks of the provider once a payment is taken: the kinds of instruction
/// recorded in the shop's books (`payment_operations`) and sent, each once, by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstructionKind {
    Capture,
    Void,
    Refund,
}

/// Where an instruction stands: sent (or about to be) and waiting for the provider's answer,
/// or answered. An answered instruction is never sent again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstructionState {
    Requested,
    Done,
    Refused,
}

macro_rules! named {
    ($ty:ident { $($variant:ident = $name:literal),* }) => {
        impl $ty {
            pub const fn as_str(self) -> &'static str {
                match self { $($ty::$variant => $name,)* }
            }

            pub fn parse(text: &str) -> Option<$ty> {
                match text { $($name => Some($ty::$variant),)* _ => None }
            }
        }
    };
}

named!(InstructionKind { Capture = "capture", Void = "void", Refund = "refund" });
named!(InstructionState { Requested = "requested", Done = "done", Refused = "refused" });

/// Why a provider refuses an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("the amount must be positive and in the payment's currency")]
    BadAmount,
    #[error("the payment is authorised already")]
    AuthorisedAlready,
    #[error("nothing is authorised for this payment")]
    NotAuthorised,
    #[error("the payment is captured already")]
    CapturedAlready,
    #[error("the authorisation was voided")]
    Voided,
    #[error("cannot capture more than was authorised")]
    OverCapture,
    #[error("nothing was captured to refund")]
    NotCaptured,
    #[error("cannot refund more than was captured and not refunded yet")]
    OverRefund,
}

impl Refusal {
    pub const ALL: [Refusal; 8] = [
        Refusal::BadAmount,
        Refusal::AuthorisedAlready,
        Refusal::NotAuthorised,
        Refusal::CapturedAlready,
        Refusal::Voided,
        Refusal::OverCapture,
        Refusal::NotCaptured,
        Refusal::OverRefund,
    ];

    pub fn parse(code: &str) -> Option<Refusal> {
        Refusal::ALL.into_iter().find(|r| r.code() == code)
    }

    /// A stable word for logs and stored answers.
    pub const fn code(self) -> &'static str {
        match self {
            Refusal::BadAmount => "bad_amount",
            Refusal::AuthorisedAlready => "authorised_already",
            Refusal::NotAuthorised => "not_authorised",
            Refusal::CapturedAlready => "captured_already",
            Refusal::Voided => "voided",
            Refusal::OverCapture => "over_capture",
            Refusal::NotCaptured => "not_captured",
            Refusal::OverRefund => "over_refund",
        }
    }
}

impl Ledger {
    pub fn empty(currency: Currency) -> Ledger {
        let zero = Money {
            amount: 0,
            currency,
        };
        Ledger {
            authorised: zero,
            captured: zero,
            voided: zero,
            refunded: zero,
        }
    }

    /// The hold not taken nor let go.
    pub fn held(&self) -> Money {
        self.with(self.authorised.amount - self.captured.amount - self.voided.amount)
    }

    /// Money taken and not given back.
    pub fn kept(&self) -> Money {
        self.with(self.captured.amount - self.refunded.amount)
    }

    /// The ledger after `operation`, or why a gateway refuses it: one authorisation, one
    /// capture of at most what it holds, no void after a capture (nor a capture after a void),
    /// refunds only of what was captured.
    pub fn apply(&self, operation: Operation) -> Result<Ledger, Refusal> {
        let positive = |m: Money| m.amount > 0 && m.currency == self.authorised.currency;
        let mut next = *self;
        let authorised = self.authorised.amount > 0;
        let captured = self.captured.amount > 0;
        let voided = self.voided.amount > 0;
        match operation {
            Operation::Authorise(amount) => {
                if !positive(amount) {
                    return Err(Refusal::BadAmount);
                }
                if authorised {
                    return Err(Refusal::AuthorisedAlready);
                }
                next.authorised = amount;
            }
            Operation::Capture(amount) => {
                if !positive(amount) {
                    return Err(Refusal::BadAmount);
                }
                if !authorised {
                    return Err(Refusal::NotAuthorised);
                }
                if captured {
                    return Err(Refusal::CapturedAlready);
                }
                if voided {
                    return Err(Refusal::Voided);
                }
                if amount.amount > self.authorised.amount {
                    return Err(Refusal::OverCapture);
                }
                next.captured = amount;
                next.voided = self.with(self.authorised.amount - amount.amount);
            }
            Operation::Void => {
                if !authorised {
                    return Err(Refusal::NotAuthorised);
                }
                if captured {
                    return Err(Refusal::CapturedAlready);
                }
                if voided {
                    return Err(Refusal::Voided);
                }
                next.voided = self.authorised;
            }
            Operation::Refund(amount) => {
                if !positive(amount) {
                    return Err(Refusal::BadAmount);
                }
                if !captured {
                    return Err(Refusal::NotCaptured);
                }
                if amount.amount > self.kept().amount {
                    return Err(Refusal::OverRefund);
                }
                next.refunded = self.with(self.refunded.amount + amount.amount);
            }
        }
        Ok(next)
    }

    fn with(&self, amount: i64) -> Money {
        Money {
            amount,
            currency: self.authorised.currency,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instructions_read_back_from_the_names_the_books_hold() {
        for kind in [
            InstructionKind::Capture,
            InstructionKind::Void,
            InstructionKind::Refund,
        ] {
            assert_eq!(InstructionKind::parse(kind.as_str()), Some(kind));
        }
        for state in [
            InstructionState::Requested,
            InstructionState::Done,
            InstructionState::Refused,
        ] {
            assert_eq!(InstructionState::parse(state.as_str()), Some(state));
        }
        assert_eq!(InstructionKind::parse("Capture"), None);
    }
    use proptest::prelude::*;

    fn twd(amount: i64) -> Money {
        Money::twd(amount)
    }

    fn held(amount: i64) -> Ledger {
        Ledger::empty(Currency::Twd)
            .apply(Operation::Authorise(twd(amount)))
            .unwrap()
    }

    #[test]
    fn cards_wait_for_the_parcel_and_transfers_are_taken_as_they_arrive() {
        assert_eq!(capture_at(PaymentMethod::Card), Some(CaptureAt::HandOver));
        for method in [
            PaymentMethod::AtmTransfer,
            PaymentMethod::StoreCode,
            PaymentMethod::EWallet,
        ] {
            assert_eq!(capture_at(method), Some(CaptureAt::Confirmation));
        }
        assert_eq!(capture_at(PaymentMethod::CashOnDelivery), None);
    }

    #[test]
    fn money_back_before_capture_voids_or_captures_less_and_after_it_refunds() {
        let held = Taken {
            authorised: twd(100_000),
            captured: None,
            given_back: twd(0),
        };
        assert_eq!(money_back(&held, twd(100_000)), MoneyBack::Void);
        assert_eq!(
            money_back(&held, twd(30_000)),
            MoneyBack::CaptureLess(twd(30_000))
        );
        let partly = Taken {
            given_back: twd(30_000),
            ..held
        };
        assert_eq!(money_back(&partly, twd(70_000)), MoneyBack::Void);
        assert_eq!(
            capture_at_hand_over(&partly),
            Capture::Take(twd(70_000)),
            "the part given back is never taken"
        );
        let all_back = Taken {
            given_back: twd(100_000),
            ..held
        };
        assert_eq!(capture_at_hand_over(&all_back), Capture::Void);
        let taken = Taken {
            captured: Some(twd(70_000)),
            ..partly
        };
        assert_eq!(
            money_back(&taken, twd(20_000)),
            MoneyBack::Refund(twd(20_000))
        );
        assert_eq!(
            money_back(&taken, twd(90_000)),
            MoneyBack::Refund(twd(70_000)),
            "never more than is left"
        );
        assert_eq!(capture_at_hand_over(&taken), Capture::Nothing);
    }

    #[test]
    fn a_gateway_refuses_what_it_does_not_hold() {
        let hold = held(100_000);
        assert_eq!(
            hold.apply(Operation::Capture(twd(100_001))),
            Err(Refusal::OverCapture)
        );
        assert_eq!(
            hold.apply(Operation::Refund(twd(1))),
            Err(Refusal::NotCaptured)
        );
        assert_eq!(
            hold.apply(Operation::Authorise(twd(5))),
            Err(Refusal::AuthorisedAlready)
        );
        let taken = hold.apply(Operation::Capture(twd(80_000))).unwrap();
        assert_eq!(
            taken.voided,
            twd(20_000),
            "the rest of the hold is released"
        );
        assert_eq!(taken.held(), twd(0));
        assert_eq!(taken.apply(Operation::Void), Err(Refusal::CapturedAlready));
        assert_eq!(
            taken.apply(Operation::Capture(twd(1))),
            Err(Refusal::CapturedAlready)
        );
        assert_eq!(
            taken.apply(Operation::Refund(twd(80_001))),
            Err(Refusal::OverRefund)
        );
        let refunded = taken.apply(Operation::Refund(twd(80_000))).unwrap();
        assert_eq!(refunded.kept(), twd(0));
        let voided = hold.apply(Operation::Void).unwrap();
        assert_eq!(
            voided.apply(Operation::Capture(twd(1))),
            Err(Refusal::Voided)
        );
        assert_eq!(voided.apply(Operation::Void), Err(Refusal::Voided));
        assert_eq!(
            Ledger::empty(Currency::Twd).apply(Operation::Void),
            Err(Refusal::NotAuthorised)
        );
        assert_eq!(
            hold.apply(Operation::Capture(twd(0))),
            Err(Refusal::BadAmount)
        );
        for refusal in Refusal::ALL {
            assert_eq!(Refusal::parse(refusal.code()), Some(refusal));
        }
    }

    fn operation() -> impl Strategy<Value = Operation> {
        prop_oneof![
            (-10i64..200_000).prop_map(|m| Operation::Authorise(twd(m))),
            (-10i64..200_000).prop_map(|m| Operation::Capture(twd(m))),
            Just(Operation::Void),
            (-10i64..200_000).prop_map(|m| Operation::Refund(twd(m))),
        ]
    }

    proptest! {
        /// Whatever a gateway is asked, in any order, its books hold: it never takes or lets
        /// go more than it held, never gives back more than it took, and a refused request
        /// changes nothing.
        #[test]
        fn a_ledger_never_holds_more_than_it_was_given(ops in prop::collection::vec(operation(), 0..12)) {
            let mut ledger = Ledger::empty(Currency::Twd);
            for op in ops {
                match ledger.apply(op) {
                    Ok(next) => ledger = next,
                    Err(_) => continue,
                }
                prop_assert!(ledger.held().amount >= 0);
                prop_assert!(ledger.kept().amount >= 0);
                prop_assert!(ledger.captured.amount + ledger.voided.amount <= ledger.authorised.amount);
                prop_assert!(ledger.captured.amount == 0 || ledger.held().amount == 0,
                    "a capture settles the hold");
            }
        }

        /// Whatever the shop gives back, before or after the parcel ships, in any pieces:
        /// every instruction it sends is one the gateway accepts, and in the end the gateway
        /// kept exactly what the shop did not give back.
        #[test]
        fn the_shop_never_asks_a_gateway_for_what_it_refuses(
            total in 1i64..1_000_000,
            before in prop::collection::vec(1i64..400_000, 0..4),
            after in prop::collection::vec(1i64..400_000, 0..4),
        ) {
            let mut gateway = held(total);
            let mut taken = Taken { authorised: twd(total), captured: None, given_back: twd(0) };
            let give = |amount: i64, gateway: &mut Ledger, taken: &mut Taken| {
                let left = total - taken.given_back.amount;
                let amount = amount.min(left);
                if amount <= 0 {
                    return Ok(());
                }
                match money_back(taken, twd(amount)) {
                    MoneyBack::Void => *gateway = gateway.apply(Operation::Void)?,
                    MoneyBack::CaptureLess(_) => {}
                    MoneyBack::Refund(m) => *gateway = gateway.apply(Operation::Refund(m))?,
                }
                taken.given_back.amount += amount;
                Ok::<(), Refusal>(())
            };
            for amount in before {
                prop_assert!(give(amount, &mut gateway, &mut taken).is_ok());
            }
            match capture_at_hand_over(&taken) {
                Capture::Take(m) => {
                    gateway = gateway.apply(Operation::Capture(m)).unwrap();
                    taken.captured = Some(m);
                }
                Capture::Void => prop_assert_eq!(gateway.voided, twd(total)),
                Capture::Nothing => prop_assert!(false, "a hold is captured once"),
            }
            for amount in after {
                prop_assert!(give(amount, &mut gateway, &mut taken).is_ok());
            }
            prop_assert_eq!(gateway.kept().amount, total - taken.given_back.amount);
            prop_assert_eq!(gateway.held().amount, 0);
            prop_assert!(gateway.captured.amount + gateway.voided.amount <= total);
        }
    }
}
