//! Promotions, coupons and shipping rates: reading them for the pricing engine, and the
//! upserts that seeding (and later the back office) writes through.

use fourflow_core::pricing::{Coupon, Offer, Promotion, Scope, ShippingMethod, ShippingRate};
use fourflow_core::{Localized, Money};
use sqlx::{Any, FromRow, Transaction};

#[derive(Debug, Clone, FromRow)]
pub struct PromotionRow {
    pub id: String,
    pub label_zh_tw: String,
    pub label_en: String,
    pub offer: String,
    pub scope: String,
    pub min_spend: Option<i64>,
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
}

impl PromotionRow {
    /// `None` (with a warning) when the stored JSON is not an offer this version understands.
    pub fn into_promotion(self) -> Option<Promotion> {
        let offer = serde_json::from_str::<Offer>(&self.offer);
        let scope = serde_json::from_str::<Scope>(&self.scope);
        match (offer, scope) {
            (Ok(offer), Ok(scope)) => Some(Promotion {
                id: self.id,
                label: Localized {
                    zh_tw: self.label_zh_tw,
                    en: self.label_en,
                },
                offer,
                scope,
                min_spend: self.min_spend.map(Money::twd),
                starts_at: self.starts_at,
                ends_at: self.ends_at,
            }),
            (offer, scope) => {
                tracing::warn!(
                    id = self.id,
                    ?offer,
                    ?scope,
                    "skipping a promotion that does not parse"
                );
                None
            }
        }
    }
}

#[derive(Debug, Clone, FromRow)]
pub struct RateRow {
    pub method: String,
    pub label_zh_tw: String,
    pub label_en: String,
    pub base_fee: i64,
    pub base_grams: i64,
    pub step_fee: i64,
    pub step_grams: i64,
    pub max_grams: Option<i64>,
}

impl RateRow {
    pub fn into_rate(self) -> Option<ShippingRate> {
        let method = ShippingMethod::ALL
            .into_iter()
            .find(|m| m.as_str() == self.method)?;
        let grams = |g: i64| u32::try_from(g).unwrap_or(u32::MAX);
        Some(ShippingRate {
            method,
            label: Localized {
                zh_tw: self.label_zh_tw,
                en: self.label_en,
            },
            base_fee: Money::twd(self.base_fee),
            base_grams: grams(self.base_grams),
            step_fee: Money::twd(self.step_fee),
            step_grams: grams(self.step_grams),
            max_grams: self.max_grams.map(grams),
        })
    }
}

const PROMOTION_COLUMNS: &str =
    "p.id, p.label_zh_tw, p.label_en, p.offer, p.scope, p.min_spend, p.starts_at, p.ends_at";

/// The promotions that apply by themselves (live or not: the engine checks the window).
pub async fn automatic_promotions(
    tx: &mut Transaction<'_, Any>,
) -> sqlx::Result<Vec<PromotionRow>> {
    sqlx::query_as(&format!(
        "SELECT {PROMOTION_COLUMNS} FROM promotions p WHERE p.automatic = 1 ORDER BY p.id"
    ))
    .fetch_all(&mut **tx)
    .await
}

pub async fn shipping_rates(tx: &mut Transaction<'_, Any>) -> sqlx::Result<Vec<RateRow>> {
    sqlx::query_as(
        "SELECT method, label_zh_tw, label_en, base_fee, base_grams, step_fee, step_grams, \
         max_grams FROM shipping_rates ORDER BY position, method",
    )
    .fetch_all(&mut **tx)
    .await
}

/// A coupon by its normalised code, and whether it has been used up; from the pool or inside
/// a transaction.
pub async fn coupon<'c, E>(db: E, code: &str) -> sqlx::Result<Option<(PromotionRow, bool)>>
where
    E: sqlx::Executor<'c, Database = Any>,
{
    #[derive(FromRow)]
    struct Row {
        #[sqlx(flatten)]
        promotion: PromotionRow,
        used_up: i64,
    }
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT {PROMOTION_COLUMNS}, \
         CASE WHEN c.usage_limit IS NOT NULL AND c.times_used >= c.usage_limit THEN 1 ELSE 0 END AS used_up \
         FROM coupons c JOIN promotions p ON p.id = c.promotion_id WHERE c.code = $1"
    ))
    .bind(code)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| (r.promotion, r.used_up != 0)))
}

pub async fn upsert_promotion(
    tx: &mut Transaction<'_, Any>,
    p: &Promotion,
    automatic: bool,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO promotions (id, label_zh_tw, label_en, offer, scope, min_spend, starts_at, \
         ends_at, automatic) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         ON CONFLICT (id) DO UPDATE SET label_zh_tw = excluded.label_zh_tw, \
         label_en = excluded.label_en, offer = excluded.offer, scope = excluded.scope, \
         min_spend = excluded.min_spend, starts_at = excluded.starts_at, \
         ends_at = excluded.ends_at, automatic = excluded.automatic",
    )
    .bind(&p.id)
    .bind(&p.label.zh_tw)
    .bind(&p.label.en)
    .bind(to_json(&p.offer))
    .bind(to_json(&p.scope))
    .bind(p.min_spend.map(|m| m.amount))
    .bind(p.starts_at)
    .bind(p.ends_at)
    .bind(i64::from(automatic))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Creates or re-points a coupon and its promotion; the count of uses so far is kept.
pub async fn upsert_coupon(
    tx: &mut Transaction<'_, Any>,
    coupon: &Coupon,
    usage_limit: Option<i64>,
) -> sqlx::Result<()> {
    upsert_promotion(tx, &coupon.promotion, false).await?;
    set_coupon(
        tx,
        &Coupon::normalize_code(&coupon.code),
        &coupon.promotion.id,
        usage_limit,
    )
    .await
}

/// Points the (normalised) `code` at a promotion, with a limit; uses so far are kept.
pub async fn set_coupon(
    tx: &mut Transaction<'_, Any>,
    code: &str,
    promotion_id: &str,
    usage_limit: Option<i64>,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO coupons (code, promotion_id, usage_limit) VALUES ($1, $2, $3) \
         ON CONFLICT (code) DO UPDATE SET promotion_id = excluded.promotion_id, \
         usage_limit = excluded.usage_limit",
    )
    .bind(code)
    .bind(promotion_id)
    .bind(usage_limit)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Every promotion, automatic or not (`1`/`0`), by id.
pub async fn all_promotions<'c, E>(db: E) -> sqlx::Result<Vec<(PromotionRow, bool)>>
where
    E: sqlx::Executor<'c, Database = Any>,
{
    #[derive(FromRow)]
    struct Row {
        #[sqlx(flatten)]
        promotion: PromotionRow,
        automatic: i64,
    }
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {PROMOTION_COLUMNS}, p.automatic FROM promotions p ORDER BY p.id"
    ))
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.promotion, r.automatic != 0))
        .collect())
}

/// Every coupon: code, promotion, limit and uses so far.
pub async fn all_coupons<'c, E>(db: E) -> sqlx::Result<Vec<(String, String, Option<i64>, i64)>>
where
    E: sqlx::Executor<'c, Database = Any>,
{
    sqlx::query_as("SELECT code, promotion_id, usage_limit, times_used FROM coupons ORDER BY code")
        .fetch_all(db)
        .await
}

pub async fn upsert_rate(
    tx: &mut Transaction<'_, Any>,
    rate: &ShippingRate,
    position: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO shipping_rates (method, position, label_zh_tw, label_en, base_fee, base_grams, \
         step_fee, step_grams, max_grams) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         ON CONFLICT (method) DO UPDATE SET position = excluded.position, \
         label_zh_tw = excluded.label_zh_tw, label_en = excluded.label_en, \
         base_fee = excluded.base_fee, base_grams = excluded.base_grams, \
         step_fee = excluded.step_fee, step_grams = excluded.step_grams, \
         max_grams = excluded.max_grams",
    )
    .bind(rate.method.as_str())
    .bind(position)
    .bind(&rate.label.zh_tw)
    .bind(&rate.label.en)
    .bind(rate.base_fee.amount)
    .bind(i64::from(rate.base_grams))
    .bind(rate.step_fee.amount)
    .bind(i64::from(rate.step_grams))
    .bind(rate.max_grams.map(i64::from))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The offer and scope columns hold the engine's own types as JSON.
fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("offers and scopes always serialise")
}
