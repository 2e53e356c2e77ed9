//! Shipments and their tracking steps. Every change is conditional on the state it expects
//! (`WHERE status = …`, `ON CONFLICT DO NOTHING`), so a job that runs twice changes nothing
//! the second time.

use fourflow_core::delivery::ParcelStatus;
use sqlx::{Any, FromRow, Transaction};

#[derive(Debug, Clone, FromRow)]
pub struct ShipmentRow {
    pub id: i64,
    pub order_id: i64,
    pub status: String,
    pub weight_grams: i64,
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
    pub handed_over_at: Option<i64>,
    pub estimated_earliest: Option<String>,
    pub estimated_latest: Option<String>,
}

impl ShipmentRow {
    /// Where the parcel stands (`fourflow_core::delivery::ParcelStatus`).
    pub fn parcel(&self) -> sqlx::Result<ParcelStatus> {
        ParcelStatus::parse(&self.status).ok_or_else(|| {
            sqlx::Error::Decode(format!("shipment {}: status {:?}", self.id, self.status).into())
        })
    }
}

#[derive(Debug, Clone, FromRow)]
pub struct TrackingEventRow {
    pub at: String,
    pub code: String,
    pub description_zh: String,
    pub description_en: String,
    pub location: String,
}

const COLUMNS: &str = "id, order_id, status, weight_grams, carrier, tracking_number, \
     handed_over_at, estimated_earliest, estimated_latest";

/// Opens the order's shipment (a pick list to work through); false if it has one already.
pub async fn open(
    tx: &mut Transaction<'_, Any>,
    order_id: i64,
    weight_grams: i64,
    now: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO shipments (order_id, status, weight_grams, opened_at, updated_at) \
         VALUES ($1, $2, $3, $4, $4) ON CONFLICT (order_id) DO NOTHING",
    )
    .bind(order_id)
    .bind(ParcelStatus::Picking.as_str())
    .bind(weight_grams)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn by_order<'c, E>(db: E, order_id: i64) -> sqlx::Result<Option<ShipmentRow>>
where
    E: sqlx::Executor<'c, Database = Any>,
{
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM shipments WHERE order_id = $1"
    ))
    .bind(order_id)
    .fetch_optional(db)
    .await
}

/// Moves the shipment from `from` to `to` if it is still in `from`.
pub async fn set_status(
    tx: &mut Transaction<'_, Any>,
    shipment_id: i64,
    from: ParcelStatus,
    to: ParcelStatus,
    now: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE shipments SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4",
    )
    .bind(to.as_str())
    .bind(now)
    .bind(shipment_id)
    .bind(from.as_str())
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// What the carrier gave back when it took the parcel.
pub struct HandedOver<'a> {
    pub carrier: &'a str,
    pub tracking_number: &'a str,
    pub at: i64,
    pub estimated_earliest: &'a str,
    pub estimated_latest: &'a str,
    pub now: &'a str,
}

/// Records the hand-over, once: false if the shipment was not waiting for it.
pub async fn handed_over(
    tx: &mut Transaction<'_, Any>,
    shipment_id: i64,
    h: &HandedOver<'_>,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE shipments SET status = $1, carrier = $2, tracking_number = $3, \
         handed_over_at = $4, estimated_earliest = $5, estimated_latest = $6, updated_at = $7 \
         WHERE id = $8 AND status = $9",
    )
    .bind(ParcelStatus::HandedOver.as_str())
    .bind(h.carrier)
    .bind(h.tracking_number)
    .bind(h.at)
    .bind(h.estimated_earliest)
    .bind(h.estimated_latest)
    .bind(h.now)
    .bind(shipment_id)
    .bind(ParcelStatus::HandingOver.as_str())
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub struct NewTrackingEvent<'a> {
    pub shipment_id: i64,
    pub at: &'a str,
    pub code: &'a str,
    pub description_zh: &'a str,
    pub description_en: &'a str,
    pub location: &'a str,
}

/// Keeps a tracking step; false when the parcel already has it (a replay).
pub async fn add_event(
    tx: &mut Transaction<'_, Any>,
    e: &NewTrackingEvent<'_>,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO tracking_events \
         (shipment_id, at, code, description_zh, description_en, location) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (shipment_id, code) DO NOTHING",
    )
    .bind(e.shipment_id)
    .bind(e.at)
    .bind(e.code)
    .bind(e.description_zh)
    .bind(e.description_en)
    .bind(e.location)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The parcel's steps, oldest first.
pub async fn events<'c, E>(db: E, shipment_id: i64) -> sqlx::Result<Vec<TrackingEventRow>>
where
    E: sqlx::Executor<'c, Database = Any>,
{
    sqlx::query_as(
        "SELECT at, code, description_zh, description_en, location FROM tracking_events \
         WHERE shipment_id = $1 ORDER BY at, id",
    )
    .bind(shipment_id)
    .fetch_all(db)
    .await
}
