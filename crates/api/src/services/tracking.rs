//! The parcel with the carrier: handing it over (job `carrier.hand_over`, which is also when
//! a card payment held so far is captured), following its steps (job `carrier.track`, queued
//! at each time the carrier said to check), and the shipment as the order page shows it.
//!
//! A step is kept once (unique per parcel and step), and only a newly kept step moves the
//! order, by the rule in fourflow-core ([`TrackingCode::order_status`]), recorded as an order
//! event by the carrier. So a step seen twice, or a job run twice, has no second effect.

use fourflow_core::checkout::{Delivery, PaymentMethod};
use fourflow_core::delivery::ParcelStatus;
use fourflow_core::delivery::{
    estimate, DeliveryEstimate, ShipmentView, TrackingCode, TrackingEventView,
};
use fourflow_core::order::{Actor, OrderStatus};
use fourflow_core::payment::PaymentStatus;
use fourflow_core::pricing::ShippingMethod;
use fourflow_core::settlement::{capture_at_hand_over, Capture};

use super::fulfilment::{order_row, status_in};
use crate::carriers::{Parcel, Tracked};
use crate::clock::rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::fulfilment::stores;
use crate::jobs::{self, Job};
use crate::services::notifications::OrderUpdate;
use crate::services::payments::settlement;
use crate::startup::AppState;
use crate::store::fulfilment::{self as shipments, ShipmentRow};
use crate::store::orders::{self, OrderRow};
use crate::store::settlement as settlement_store;
use crate::store::{parsed, parsed_word};
use fourflow_core::settlement::InstructionKind;

fn parcel_of(order: &OrderRow, shipment: &ShipmentRow) -> ApiResult<Parcel> {
    let number = order.number.as_str();
    Ok(Parcel {
        order_number: order.number.clone(),
        method: parsed_word(&order.shipping_method, number)?,
        delivery: parsed(&order.delivery, number, "delivery")?,
        weight_grams: u32::try_from(shipment.weight_grams).unwrap_or(u32::MAX),
    })
}

/// The job `carrier.hand_over`: the carrier takes the parcel and answers with a tracking
/// number; the order becomes shipped, and the carrier's check times are queued.
pub async fn hand_over(state: &AppState, number: &str) -> ApiResult<()> {
    let order = order_row(state, number).await?;
    let Some(shipment) = shipments::by_order(state.db.pool(), order.id).await? else {
        return Err(ApiError::not_found("shipment"));
    };
    if shipment.parcel()? != ParcelStatus::HandingOver {
        return Ok(()); // handed over already
    }
    let parcel = parcel_of(&order, &shipment)?;
    let now = state.clock.now();
    let now_text = rfc3339(now);
    // Outside the transaction: a call to someone else. The carrier keys it on the order
    // number, so a retry after a failed commit gets the same tracking number.
    let accepted = state
        .carrier
        .hand_over(&parcel, now)
        .map_err(|e| anyhow::anyhow!("carrier {}: {e}", state.carrier.name()))?;
    let eta = estimate(parcel.method, now);
    let mut tx = state.db.begin_write().await?;
    let (id, from) = status_in(&mut tx, number).await?;
    let handed = shipments::HandedOver {
        carrier: state.carrier.name(),
        tracking_number: &accepted.tracking_number,
        at: now,
        estimated_earliest: &eta.earliest,
        estimated_latest: &eta.latest,
        now: &now_text,
    };
    if from != OrderStatus::Processing
        || !shipments::handed_over(&mut tx, shipment.id, &handed).await?
    {
        return Ok(()); // cancelled meanwhile, or another runner did it
    }
    let to = from
        .transition(OrderStatus::Shipped, false)
        .expect("an order in processing can ship");
    orders::set_status(&mut tx, id, from, to, &now_text).await?;
    let cod = order.payment_method == PaymentMethod::CashOnDelivery.as_str();
    if from.ships_held_units(to, cod) {
        crate::store::payments::sell_held(&mut tx, id).await?;
    }
    orders::record(
        &mut tx,
        &orders::NewEvent {
            order_id: id,
            at: &now_text,
            actor: &Actor::Carrier,
            kind: "status_changed",
            from: Some(from),
            to: Some(to),
            note: Some(&format!(
                "{} tracking number {}",
                state.carrier.name(),
                accepted.tracking_number
            )),
        },
    )
    .await?;
    for at in accepted.check_at {
        let job = Job::Track {
            order: number.to_owned(),
        };
        jobs::enqueue(&mut tx, &job, at).await?;
    }
    let email = Job::OrderUpdateEmail {
        order: number.to_owned(),
        update: OrderUpdate::Shipped,
    };
    jobs::enqueue(&mut tx, &email, now).await?;
    let capture = capture(&mut tx, id, now).await?;
    tx.commit().await?;
    settlement::send_all(state, capture.as_slice()).await;
    Ok(())
}

/// The parcel is the carrier's: a card held until now is captured, less what was given back
/// before it shipped (`fourflow_core::settlement::capture_at_hand_over`). Returns the
/// instruction to send once the transaction has committed.
async fn capture(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    order_id: i64,
    now: i64,
) -> ApiResult<Option<String>> {
    let Some(holding) = settlement_store::holding(&mut **tx, order_id).await? else {
        return Ok(None); // cash on delivery
    };
    let given_back = crate::store::refunds::of_order(tx, order_id)
        .await?
        .refunded;
    let now_text = rfc3339(now);
    let (status, captured, kind, amount) =
        match capture_at_hand_over(&settlement::taken(&holding, given_back)?) {
            Capture::Nothing => return Ok(None),
            Capture::Take(amount) => (
                PaymentStatus::Succeeded,
                amount.amount,
                InstructionKind::Capture,
                amount,
            ),
            Capture::Void => {
                let nothing = super::refunds::money(0, &holding.currency)?;
                (PaymentStatus::Voided, 0, InstructionKind::Void, nothing)
            }
        };
    if !settlement_store::settle(
        tx,
        &holding.id,
        &holding.status,
        status.as_str(),
        captured,
        &now_text,
    )
    .await?
    {
        return Err(anyhow::anyhow!("payment {} was settled meanwhile", holding.id).into());
    }
    Ok(Some(
        settlement::instruct(tx, &holding.id, kind, amount, now).await?,
    ))
}

/// The job `carrier.track`: keeps the steps the carrier reports up to now, each once, and
/// moves the order along with them.
pub async fn follow(state: &AppState, number: &str) -> ApiResult<()> {
    let order = order_row(state, number).await?;
    let Some(shipment) = shipments::by_order(state.db.pool(), order.id).await? else {
        return Ok(());
    };
    let (Some(tracking_number), Some(handed_over_at)) =
        (shipment.tracking_number.as_deref(), shipment.handed_over_at)
    else {
        return Ok(()); // not with the carrier yet
    };
    let parcel = parcel_of(&order, &shipment)?;
    let now = state.clock.now();
    let steps = state
        .carrier
        .track(
            &Tracked {
                tracking_number,
                parcel: &parcel,
                handed_over_at,
            },
            now,
        )
        .map_err(|e| anyhow::anyhow!("carrier {}: {e}", state.carrier.name()))?;
    let mut tx = state.db.begin_write().await?;
    for step in steps {
        let at = rfc3339(step.at);
        let (zh, en) = step.code.describe(&step.location);
        let kept = shipments::add_event(
            &mut tx,
            &shipments::NewTrackingEvent {
                shipment_id: shipment.id,
                at: &at,
                code: step.code.as_str(),
                description_zh: &zh,
                description_en: &en,
                location: &step.location,
            },
        )
        .await?;
        let Some(next) = step.code.order_status().filter(|_| kept) else {
            continue;
        };
        let (id, from) = status_in(&mut tx, number).await?;
        // A step the order cannot take (it was refunded, say) is kept as news only.
        if from.can_become(next, false) && orders::set_status(&mut tx, id, from, next, &at).await? {
            orders::record(
                &mut tx,
                &orders::NewEvent {
                    order_id: id,
                    at: &at,
                    actor: &Actor::Carrier,
                    kind: "status_changed",
                    from: Some(from),
                    to: Some(next),
                    note: Some(&en),
                },
            )
            .await?;
            let update = match (step.code, next) {
                (TrackingCode::ArrivedAtStore, _) => {
                    Some(OrderUpdate::ArrivedAtStore { at: step.at })
                }
                (_, OrderStatus::Delivered) => {
                    // Cash on delivery is paid at the door: its invoice is due now.
                    let invoice = Job::SettleInvoice {
                        order: number.to_owned(),
                    };
                    jobs::enqueue(&mut tx, &invoice, now).await?;
                    Some(OrderUpdate::Delivered { at: step.at })
                }
                _ => None,
            };
            if let Some(update) = update {
                let email = Job::OrderUpdateEmail {
                    order: number.to_owned(),
                    update,
                };
                jobs::enqueue(&mut tx, &email, now).await?;
            }
        }
        if next == OrderStatus::Delivered {
            shipments::set_status(
                &mut tx,
                shipment.id,
                ParcelStatus::HandedOver,
                ParcelStatus::Delivered,
                &at,
            )
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// The estimate stored at hand-over.
pub fn stored_estimate(shipment: &ShipmentRow) -> Option<DeliveryEstimate> {
    Some(DeliveryEstimate {
        earliest: shipment.estimated_earliest.clone()?,
        latest: shipment.estimated_latest.clone()?,
    })
}

/// The order page's shipment (once the carrier has the parcel) and its estimated delivery:
/// from now while the order is still with the shop, as estimated at hand-over once it ships,
/// none once delivered or cancelled.
pub async fn for_order(
    state: &AppState,
    order: &OrderRow,
    order_status: OrderStatus,
) -> ApiResult<(Option<ShipmentView>, Option<DeliveryEstimate>)> {
    use OrderStatus::*;
    let method: ShippingMethod = parsed_word(&order.shipping_method, &order.number)?;
    let shipment = shipments::by_order(state.db.pool(), order.id).await?;
    let view = match &shipment {
        Some(s) => match (&s.carrier, &s.tracking_number, s.handed_over_at) {
            (Some(carrier), Some(tracking_number), Some(at)) => {
                let delivery: Delivery = parsed(&order.delivery, &order.number, "delivery")?;
                let pickup_store = match &delivery {
                    Delivery::Store { store_id, .. } => stores::find(store_id).cloned(),
                    Delivery::Address { .. } => None,
                };
                let events = shipments::events(state.db.pool(), s.id)
                    .await?
                    .into_iter()
                    .filter_map(|e| {
                        Some(TrackingEventView {
                            code: TrackingCode::parse(&e.code)?,
                            at: e.at,
                            description_zh: e.description_zh,
                            description_en: e.description_en,
                            location: e.location,
                        })
                    })
                    .collect();
                Some(ShipmentView {
                    carrier: carrier.clone(),
                    tracking_number: tracking_number.clone(),
                    handed_over_at: rfc3339(at),
                    estimated_delivery: stored_estimate(s),
                    events,
                    pickup_store,
                })
            }
            _ => None,
        },
        None => None,
    };
    let eta = match order_status {
        PendingPayment | Paid | Processing => Some(estimate(method, state.clock.now())),
        Shipped | InTransit | OutForDelivery => shipment.as_ref().and_then(stored_estimate),
        Delivered | Cancelled | RefundRequested | Refunded => None,
    };
    Ok((view, eta))
}
