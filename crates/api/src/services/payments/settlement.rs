//! Settling a payment with its provider — capture, void, refund — without holding the shop's
//! write transaction across the call: the change that decides an instruction records it
//! ([`instruct`], with an outbox job `payment.operation` as the safety net) and commits; then
//! [`send`] calls the provider and records its answer. The instruction's id is the provider's
//! idempotency key, so whichever of the two sends it, and however often, money moves once.
//! What to instruct is decided by `fourflow_core::settlement`.

use fourflow_core::order::Actor;
use fourflow_core::payment::PaymentStatus;
use fourflow_core::settlement::{self, InstructionKind, InstructionState, MoneyBack, Taken};
use fourflow_core::{Locale, Money};
use sqlx::{Any, Transaction};

use crate::clock::rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::jobs::{self, Job};
use crate::payments::{Instruction, ProviderError};
use crate::secrets;
use crate::startup::AppState;
use crate::store::orders;
use crate::store::settlement::{self as store, Holding};

/// Records the instruction in `tx` (the transaction that decides it); returns its id for
/// [`send_all`] once `tx` has committed.
pub(crate) async fn instruct(
    tx: &mut Transaction<'_, Any>,
    payment_id: &str,
    kind: InstructionKind,
    amount: Money,
    now: i64,
) -> sqlx::Result<String> {
    let id = format!("op_{}", secrets::random_hex::<12>());
    store::insert_operation(tx, &id, payment_id, kind, amount.amount, &rfc3339(now)).await?;
    let job = Job::PaymentOperation {
        operation: id.clone(),
    };
    jobs::enqueue(tx, &job, now).await?;
    Ok(id)
}

/// Sends the instructions just committed. A failure is logged and left to the outbox job,
/// which sends it again: the shop's change stands either way.
pub(crate) async fn send_all(state: &AppState, ids: &[String]) {
    for id in ids {
        if let Err(error) = send(state, id).await {
            tracing::warn!(operation = %id, ?error, "a payment instruction waits for a retry");
        }
    }
}

/// Sends the instruction `id` to the provider if it has no answer yet, and records the
/// answer. A refusal is final (recorded, logged: the shop asks only for what the core rules
/// allow, so it means the books disagree — the orders console shows the provider's); an
/// unavailable provider is an error, for the outbox to retry.
pub async fn send(state: &AppState, id: &str) -> ApiResult<()> {
    let Some(op) = store::operation(state.db.pool(), id).await? else {
        return Ok(());
    };
    if op.state != InstructionState::Requested {
        return Ok(());
    }
    if store::waits_for_earlier(state.db.pool(), id).await? {
        // Sent in the order given, or a refund could reach the provider before its capture.
        return Err(anyhow::anyhow!("payment instruction {id} waits for an earlier one").into());
    }
    let amount = crate::services::refunds::money(op.amount, &op.currency)?;
    let instruction = Instruction {
        request_id: &op.id,
        payment_id: &op.payment_id,
    };
    let provider = &state.payments;
    let answer = match op.kind {
        InstructionKind::Capture => provider.capture(instruction, amount).await,
        InstructionKind::Void => provider.void(instruction).await,
        InstructionKind::Refund => provider.refund(instruction, amount).await,
    };
    let now = rfc3339(state.clock.now());
    match answer {
        Ok(()) => {
            store::answer(state.db.pool(), id, InstructionState::Done, None, &now).await?;
        }
        Err(ProviderError::Refused(refusal)) => {
            tracing::error!(
                operation = %id,
                payment = %op.payment_id,
                kind = op.kind.as_str(),
                ?refusal,
                "the payment provider refused an instruction"
            );
            // On the order's history too, where the operator looks.
            let mut tx = state.db.begin_write().await?;
            if store::answer(
                &mut *tx,
                id,
                InstructionState::Refused,
                Some(refusal.code()),
                &now,
            )
            .await?
            {
                orders::record(
                    &mut tx,
                    &orders::NewEvent {
                        order_id: op.order_id,
                        at: &now,
                        actor: &Actor::PaymentProvider,
                        kind: "payment_instruction_refused",
                        from: None,
                        to: None,
                        note: Some(&format!(
                            "{} of {} for payment {}: {refusal}",
                            op.kind.as_str(),
                            amount.format(Locale::ZhTw),
                            op.payment_id
                        )),
                    },
                )
                .await?;
            }
            tx.commit().await?;
        }
        Err(error @ ProviderError::Unavailable(_)) => return Err(anyhow::Error::from(error).into()),
    }
    Ok(())
}

/// The payment as the core rules see it, given what of the order was given back already.
pub(crate) fn taken(holding: &Holding, given_back: i64) -> ApiResult<Taken> {
    let money = |amount| crate::services::refunds::money(amount, &holding.currency);
    let captured = holding.status != PaymentStatus::Authorised.as_str();
    Ok(Taken {
        authorised: money(holding.amount)?,
        captured: if captured {
            Some(money(holding.captured)?)
        } else {
            None
        },
        given_back: money(given_back)?,
    })
}

/// Decides and records how `amount` goes back of the order's payment `holding`, of which
/// `given_back` went back before: a void (the payment's status becomes voided), a smaller
/// capture later (nothing to send), or a refund (refunded once `settles`). Returns the
/// instruction to send after commit, if any, and how the order's history says it. Each is
/// conditional on the payment's status as read, so a capture committed meanwhile makes this
/// fail (a 409) rather than let a hold that is gone be "captured less".
pub(crate) async fn give_back(
    tx: &mut Transaction<'_, Any>,
    holding: &Holding,
    given_back: i64,
    amount: Money,
    settles: bool,
    now: i64,
) -> ApiResult<(Option<String>, String)> {
    let now_text = rfc3339(now);
    let id = &holding.id;
    let was = holding.status.as_str();
    let (status, operation, how) =
        match settlement::money_back(&taken(holding, given_back)?, amount) {
            MoneyBack::Void => {
                let held = Money {
                    amount: holding.amount - given_back,
                    currency: amount.currency,
                };
                let how = format!("payment {id}: the card hold is voided");
                (
                    PaymentStatus::Voided.as_str(),
                    Some((InstructionKind::Void, held)),
                    how,
                )
            }
            MoneyBack::CaptureLess(_) => {
                let how =
                    format!("payment {id}: held, not taken; this much less is taken when it ships");
                (was, None, how)
            }
            MoneyBack::Refund(back) => {
                let status = if settles {
                    PaymentStatus::Refunded.as_str()
                } else {
                    was
                };
                (
                    status,
                    Some((InstructionKind::Refund, back)),
                    format!("payment {id}"),
                )
            }
        };
    if !store::settle(tx, id, was, status, holding.captured, &now_text).await? {
        return Err(ApiError::Conflict {
            code: "order_changed",
            message: format!(
                "payment {id} was settled meanwhile (its parcel left, say); reload and try again"
            ),
            field: None,
        });
    }
    let operation = match operation {
        Some((kind, amount)) => Some(instruct(tx, id, kind, amount, now).await?),
        None => None,
    };
    Ok((operation, how))
}
