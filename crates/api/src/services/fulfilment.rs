//! Fulfilment: from an order in the warehouse to a parcel with the carrier.
//!
//! An order reaches the warehouse when it is paid (or at once, cash on delivery): the job
//! `fulfilment.open` moves it to processing and opens its shipment (the pick list). Then it is
//! packed ([`pack`]) and handed over ([`hand_over`]), which queues `carrier.hand_over`; the
//! carrier's answer and its tracking steps are `services::tracking`. Operators will call
//! `pack` and `hand_over` from the back office; until then `auto_fulfil` does both, a delay
//! after the shipment opens. Every step is conditional on the state it expects, so a job run
//! twice does nothing the second time.

use fourflow_core::checkout::{Contact, Delivery, PaymentMethod};
use fourflow_core::delivery::ParcelStatus;
use fourflow_core::order::{Actor, OrderStatus};
use fourflow_core::pricing::{Quote, ShippingMethod};
use sqlx::{Any, Transaction};

use super::orders::authorised;
use crate::clock::rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::fulfilment::documents::{self, Paperwork};
use crate::jobs::{self, Job};
use crate::startup::AppState;
use crate::store::fulfilment as shipments;
use crate::store::orders::{self, OrderRow};
use crate::store::{parsed, parsed_word};

/// Queues the order's move to the warehouse, in the transaction that paid (or placed) it.
pub async fn enqueue_open(
    tx: &mut Transaction<'_, Any>,
    number: &str,
    now: i64,
) -> sqlx::Result<()> {
    let job = Job::OpenFulfilment {
        order: number.to_owned(),
    };
    jobs::enqueue(tx, &job, now).await
}

/// The job `fulfilment.open`: a paid order goes to processing and gets its shipment. An order
/// cancelled or refunded meanwhile is left alone.
pub async fn open(state: &AppState, number: &str) -> ApiResult<()> {
    let order = order_row(state, number).await?;
    let quote: Quote = parsed(&order.quote, number, "quote")?;
    let now = state.clock.now();
    let now_text = rfc3339(now);
    let mut tx = state.db.begin_write().await?;
    let (id, from) = status_in(&mut tx, number).await?;
    match from {
        OrderStatus::Paid => {
            let to = from
                .transition(OrderStatus::Processing, false)
                .expect("a paid order can be processed");
            if orders::set_status(&mut tx, id, from, to, &now_text).await? {
                orders::record(
                    &mut tx,
                    &orders::NewEvent {
                        order_id: id,
                        at: &now_text,
                        actor: &Actor::System,
                        kind: "status_changed",
                        from: Some(from),
                        to: Some(to),
                        note: Some("sent to the warehouse: pick list ready"),
                    },
                )
                .await?;
            }
        }
        OrderStatus::Processing => {} // cash on delivery: there already
        _ => return Ok(()),
    }
    let weight = i64::from(quote.shipping.weight_grams);
    if shipments::open(&mut tx, id, weight, &now_text).await? && state.auto_fulfil.is_on() {
        let job = Job::AutoFulfil {
            order: number.to_owned(),
        };
        jobs::enqueue(&mut tx, &job, now + state.auto_fulfil.delay_seconds).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The parcel is packed: its shipment moves from picking to packed. False if it was packed
/// already; a 409 if the order is not in processing (cancelled, say).
pub async fn pack(state: &AppState, number: &str, actor: &Actor) -> ApiResult<bool> {
    move_shipment(
        state,
        number,
        actor,
        ParcelStatus::Picking,
        ParcelStatus::Packed,
        "packed",
    )
    .await
}

/// The packed parcel goes to the carrier: the call is queued (`carrier.hand_over`), and the
/// order becomes shipped when the carrier answers with a tracking number.
pub async fn hand_over(state: &AppState, number: &str, actor: &Actor) -> ApiResult<bool> {
    move_shipment(
        state,
        number,
        actor,
        ParcelStatus::Packed,
        ParcelStatus::HandingOver,
        "handing_over",
    )
    .await
}

async fn move_shipment(
    state: &AppState,
    number: &str,
    actor: &Actor,
    from: ParcelStatus,
    to: ParcelStatus,
    kind: &str,
) -> ApiResult<bool> {
    let now = state.clock.now();
    let now_text = rfc3339(now);
    let mut tx = state.db.begin_write().await?;
    let (id, order_status) = status_in(&mut tx, number).await?;
    if order_status != OrderStatus::Processing {
        return Err(ApiError::Conflict {
            code: "not_in_fulfilment",
            message: format!(
                "order {number} is {}: only an order in processing is packed and shipped",
                order_status.as_str()
            ),
            field: None,
        });
    }
    let shipment = shipments::by_order(&mut *tx, id)
        .await?
        .ok_or(ApiError::not_found("shipment"))?;
    if !shipments::set_status(&mut tx, shipment.id, from, to, &now_text).await? {
        return Ok(false);
    }
    orders::record(
        &mut tx,
        &orders::NewEvent {
            order_id: id,
            at: &now_text,
            actor,
            kind,
            from: None,
            to: None,
            note: None,
        },
    )
    .await?;
    if to == ParcelStatus::HandingOver {
        let job = Job::HandOver {
            order: number.to_owned(),
        };
        jobs::enqueue(&mut tx, &job, now).await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// The job `fulfilment.auto`: packs and hands over an order, as an operator would. An order
/// no longer in processing (cancelled meanwhile) is left alone.
pub async fn auto(state: &AppState, number: &str) -> ApiResult<()> {
    let done = match pack(state, number, &Actor::System).await {
        Ok(_) => hand_over(state, number, &Actor::System).await,
        Err(e) => Err(e),
    };
    match done {
        Ok(_)
        | Err(ApiError::Conflict {
            code: "not_in_fulfilment",
            ..
        }) => Ok(()),
        Err(e) => Err(e),
    }
}

/// Which printed document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Document {
    PickList,
    ShippingSlip,
}

impl Document {
    fn title(self) -> &'static str {
        match self {
            Document::PickList => "揀貨單 Pick list",
            Document::ShippingSlip => "出貨單 Shipping slip",
        }
    }

    /// The page's class: pick lists print on A4, slips on A6.
    fn class(self) -> &'static str {
        match self {
            Document::PickList => "pick-list",
            Document::ShippingSlip => "",
        }
    }
}

/// Who may print an order's documents. For now whoever holds the order's access token (a 404
/// for anyone else, as for the order itself); staff sign-in replaces it with the back office.
pub async fn document_access(state: &AppState, number: &str, token: &str) -> ApiResult<OrderRow> {
    authorised(state, number, token)
        .await
        .map(|(order, _)| order)
}

/// The document as an HTML page.
pub async fn document(state: &AppState, order: &OrderRow, which: Document) -> ApiResult<String> {
    let part = document_part(state, order, which).await?;
    Ok(documents::page(
        &format!("{} {}", which.title(), order.number),
        which.class(),
        &[part],
    ))
}

/// The documents of several orders on one page, each on a sheet of its own, in the order
/// given (the operators' bulk print). Any unknown number is a 404 naming it.
pub async fn print(state: &AppState, numbers: &[String], which: Document) -> ApiResult<String> {
    let mut parts = Vec::with_capacity(numbers.len());
    for number in numbers {
        let order = orders::by_number(state.db.pool(), number)
            .await?
            .map(|(order, _)| order)
            .ok_or(ApiError::NotFound {
                what: "order",
                field: Some("orders"),
            })?;
        parts.push(document_part(state, &order, which).await?);
    }
    Ok(documents::page(which.title(), which.class(), &parts))
}

/// One order's document, without the page around it. Units refunded before they shipped
/// are left out: they stay on the shelf.
async fn document_part(state: &AppState, order: &OrderRow, which: Document) -> ApiResult<String> {
    let number = order.number.as_str();
    let contact: Contact = parsed(&order.contact, number, "contact")?;
    let delivery: Delivery = parsed(&order.delivery, number, "delivery")?;
    let mut quote: Quote = parsed(&order.quote, number, "quote")?;
    let refunded = crate::store::refunds::read(state.db.pool(), order.id).await?;
    for (line, charged) in quote.lines.iter_mut().zip(&refunded.lines) {
        line.qty = line
            .qty
            .saturating_sub(u32::try_from(charged.refunded_qty).unwrap_or(0));
    }
    quote.lines.retain(|l| l.qty > 0);
    let method: ShippingMethod = parsed_word(&order.shipping_method, number)?;
    let payment: PaymentMethod = parsed_word(&order.payment_method, number)?;
    let shipment = shipments::by_order(state.db.pool(), order.id).await?;
    let estimate = shipment.as_ref().and_then(super::tracking::stored_estimate);
    let paperwork = Paperwork {
        number,
        created_at: &order.created_at,
        method,
        payment,
        contact: &contact,
        delivery: &delivery,
        quote: &quote,
        tracking_number: shipment.as_ref().and_then(|s| s.tracking_number.as_deref()),
        carrier: shipment.as_ref().and_then(|s| s.carrier.as_deref()),
        estimate: estimate.as_ref(),
    };
    Ok(match which {
        Document::PickList => documents::pick_list(&paperwork),
        Document::ShippingSlip => documents::shipping_slip(&paperwork),
    })
}

pub(crate) async fn order_row(state: &AppState, number: &str) -> ApiResult<OrderRow> {
    orders::by_number(state.db.pool(), number)
        .await?
        .map(|(order, _)| order)
        .ok_or(ApiError::not_found("order"))
}

/// The order's id and status, read in the transaction that will change them.
pub(crate) async fn status_in(
    tx: &mut Transaction<'_, Any>,
    number: &str,
) -> ApiResult<(i64, OrderStatus)> {
    let (id, status, _) = orders::status_for_update(tx, number)
        .await?
        .ok_or(ApiError::not_found("order"))?;
    let status = OrderStatus::parse(&status)
        .ok_or_else(|| anyhow::anyhow!("order {number} has an unknown status {status}"))?;
    Ok((id, status))
}
