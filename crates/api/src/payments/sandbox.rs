//! The sandbox provider: a payment service in miniature, for development, demos and tests.
//! Its behaviour follows the test numbers shoppers and developers know:
//!
//! | card number         | outcome                                      |
//! |---------------------|----------------------------------------------|
//! | 4242 4242 4242 4242 | accepted, confirmed by webhook               |
//! | 4000 0000 0000 3220 | 3-D Secure challenge page, then the webhook  |
//! | 4000 0000 0000 0002 | declined                                     |
//! | 4000 0000 0000 9995 | insufficient funds                           |
//!
//! Any other number that passes the Luhn check is accepted. ATM transfers and counter codes
//! wait for the money (simulated at `/payments/sandbox/{id}`); an e-wallet redirects to a
//! page that approves or cancels.
//!
//! Like a real gateway it keeps books per payment — authorised, captured, voided, refunded —
//! and refuses what they do not allow (capturing more than it holds, refunding more than it
//! took, voiding after a capture, capturing after a void), by the rules of
//! [`fourflow_core::settlement::Ledger`]. The books are in the shop's database
//! (`store::sandbox_ledger`), not in this process, so every replica sees the same provider;
//! each instruction is kept by its idempotency key and a repeat gets the first answer.

use fourflow_core::payment::{FailureReason, NextAction};
use fourflow_core::settlement::{CaptureAt, Ledger, Operation, Refusal};
use fourflow_core::{Currency, Money};
use time::format_description::well_known::Rfc3339;

use super::{Authorise, Authorised, Call, Instruction, Method, PaymentProvider, ProviderError};
use crate::db::Db;
use crate::store::sandbox_ledger::{self as books, Entry};

pub const CHALLENGE_CARD: &str = "4000000000003220";
pub const DECLINED_CARD: &str = "4000000000000002";
pub const NO_FUNDS_CARD: &str = "4000000000009995";
/// The e-wallets the sandbox's wallet page offers, named as shoppers in Taiwan know them (a
/// real provider's page offers its own).
pub const WALLETS: [&str; 3] = ["LINE Pay", "街口支付", "Apple Pay"];

pub struct Sandbox {
    secret: Vec<u8>,
    db: Db,
}

impl Sandbox {
    /// The sandbox, keeping its books in `db`.
    pub fn new(secret: impl Into<Vec<u8>>, db: Db) -> Sandbox {
        Sandbox {
            secret: secret.into(),
            db,
        }
    }
}

/// The sandbox's own page for a payment (challenge, wallet, transfer simulation).
pub fn page(payment_id: &str) -> String {
    format!("/payments/sandbox/{payment_id}")
}

impl PaymentProvider for Sandbox {
    fn name(&self) -> &'static str {
        "sandbox"
    }

    fn authorise<'a>(&'a self, request: &'a Authorise) -> Call<'a, Authorised> {
        Box::pin(async move {
            let answer = answer(request);
            // A refused card holds nothing; anything else is on the books, authorised at once
            // when no one has anything left to do.
            if !matches!(answer, Authorised::Refused(_)) {
                let (authorised, captured) = match (&answer, request.capture) {
                    (Authorised::Accepted, CaptureAt::HandOver) => (request.amount.amount, 0),
                    (Authorised::Accepted, CaptureAt::Confirmation) => {
                        (request.amount.amount, request.amount.amount)
                    }
                    _ => (0, 0),
                };
                let mut tx = self.db.begin_write().await?;
                books::open(
                    &mut tx,
                    &request.payment_id,
                    request.amount.currency.code(),
                    request.amount.amount,
                    capture_word(request.capture),
                    authorised,
                    captured,
                    &crate::store::now_text(),
                )
                .await?;
                tx.commit().await?;
            }
            Ok(answer)
        })
    }

    fn capture<'a>(&'a self, instruction: Instruction<'a>, amount: Money) -> Call<'a, ()> {
        Box::pin(self.apply(instruction, "capture", Operation::Capture(amount)))
    }

    fn void<'a>(&'a self, instruction: Instruction<'a>) -> Call<'a, ()> {
        Box::pin(self.apply(instruction, "void", Operation::Void))
    }

    fn refund<'a>(&'a self, instruction: Instruction<'a>, amount: Money) -> Call<'a, ()> {
        Box::pin(self.apply(instruction, "refund", Operation::Refund(amount)))
    }

    fn status<'a>(&'a self, payment_id: &'a str) -> Call<'a, Option<Ledger>> {
        Box::pin(async move {
            match books::entry(self.db.pool(), payment_id).await? {
                Some(entry) => Ok(Some(ledger(&entry)?)),
                None => Ok(None),
            }
        })
    }

    fn webhook_secret(&self) -> &[u8] {
        &self.secret
    }
}

impl Sandbox {
    /// Applies `operation` to the payment's books once per request id, in a transaction of
    /// the sandbox's own.
    async fn apply(
        &self,
        instruction: Instruction<'_>,
        kind: &str,
        operation: Operation,
    ) -> Result<(), ProviderError> {
        let amount = match operation {
            Operation::Authorise(m) | Operation::Capture(m) | Operation::Refund(m) => m.amount,
            Operation::Void => 0,
        };
        let now = crate::store::now_text();
        let mut tx = self.db.begin_write().await?;
        if !books::claim_request(
            &mut tx,
            instruction.request_id,
            instruction.payment_id,
            kind,
            amount,
            &now,
        )
        .await?
        {
            // Asked before: the first answer again.
            return match books::request_answer(&mut tx, instruction.request_id).await? {
                Some(Some(code)) => Err(ProviderError::Refused(
                    Refusal::parse(&code).unwrap_or(Refusal::NotAuthorised),
                )),
                _ => Ok(()),
            };
        }
        let entry = books::entry(&mut *tx, instruction.payment_id).await?;
        let next = match &entry {
            Some(entry) => ledger(entry)?.apply(operation),
            None => Err(Refusal::NotAuthorised),
        };
        match (entry, next) {
            (Some(entry), Ok(next)) => {
                let after =
                    [next.authorised, next.captured, next.voided, next.refunded].map(|m| m.amount);
                if !books::update(&mut tx, &entry, after, &now).await? {
                    // Dropping the transaction forgets the request too: a retry is a new try.
                    return Err(ProviderError::Unavailable(
                        "the payment changed meanwhile; try again".into(),
                    ));
                }
                tx.commit().await?;
                Ok(())
            }
            (_, refused) => {
                let refused = refused.err().unwrap_or(Refusal::NotAuthorised);
                books::refuse_request(&mut tx, instruction.request_id, refused.code()).await?;
                tx.commit().await?;
                Err(ProviderError::Refused(refused))
            }
        }
    }
}

/// The sandbox's answer to a payment, from the test numbers.
fn answer(request: &Authorise) -> Authorised {
    let expires_at = time::OffsetDateTime::from_unix_timestamp(request.expires_at)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_default();
    // Numbers and codes derived from the payment id: stable for a payment, distinct across.
    let digits: String = request
        .payment_id
        .bytes()
        .map(|b| char::from(b'0' + b % 10))
        .collect();
    match &request.method {
        Method::Card { number, .. } => match number.replace(' ', "").as_str() {
            DECLINED_CARD => Authorised::Refused(FailureReason::Declined),
            NO_FUNDS_CARD => Authorised::Refused(FailureReason::InsufficientFunds),
            CHALLENGE_CARD => Authorised::RequiresAction(NextAction::Redirect {
                url: page(&request.payment_id),
            }),
            _ => Authorised::Accepted,
        },
        Method::AtmTransfer => Authorised::RequiresAction(NextAction::AtmTransfer {
            bank_code: "812".into(),
            account: format!("9{}", &digits[digits.len().saturating_sub(13)..]),
            expires_at,
        }),
        Method::StoreCode => Authorised::RequiresAction(NextAction::StoreCode {
            code: format!("FF{}", &digits[digits.len().saturating_sub(12)..]),
            expires_at,
        }),
        Method::EWallet => Authorised::RequiresAction(NextAction::Redirect {
            url: page(&request.payment_id),
        }),
    }
}

/// The sandbox page confirmed the payment (the 3-D Secure challenge passed, the transfer or
/// counter payment arrived, the wallet approved): the hold is authorised, and taken at once
/// for a method captured at confirmation. Confirming twice changes nothing.
pub async fn confirm(db: &Db, payment_id: &str) -> Result<(), ProviderError> {
    let mut tx = db.begin_write().await?;
    let Some(entry) = books::entry(&mut *tx, payment_id).await? else {
        return Ok(()); // refused at once: nothing on the books
    };
    if entry.authorised > 0 {
        return Ok(());
    }
    let captured = if entry.capture == capture_word(CaptureAt::Confirmation) {
        entry.amount
    } else {
        0
    };
    let after = [entry.amount, captured, 0, 0];
    if !books::update(&mut tx, &entry, after, &crate::store::now_text()).await? {
        return Err(ProviderError::Unavailable("confirmed meanwhile".into()));
    }
    tx.commit().await?;
    Ok(())
}

fn capture_word(capture: CaptureAt) -> &'static str {
    match capture {
        CaptureAt::Confirmation => "automatic",
        CaptureAt::HandOver => "manual",
    }
}

fn ledger(entry: &Entry) -> Result<Ledger, ProviderError> {
    let currency = Currency::parse(&entry.currency).ok_or_else(|| {
        ProviderError::Unavailable(format!("unknown currency {}", entry.currency))
    })?;
    let money = |amount| Money { amount, currency };
    Ok(Ledger {
        authorised: money(entry.authorised),
        captured: money(entry.captured),
        voided: money(entry.voided),
        refunded: money(entry.refunded),
    })
}
