//! Pricing a cart on the server: the catalog's prices, stock read live, the live promotions
//! and the coupon, through the same engine the browser runs. Nothing the client says about
//! money is read.

use std::collections::HashMap;

use fourflow_core::pricing::{
    Coupon, PricedSku, Pricing, Quote, QuoteError, QuoteErrorCode, QuoteRequest,
};

use fourflow_core::payment::check_method;

use crate::error::ApiResult;
use crate::startup::AppState;
use crate::store;

const MAX_COUPON_CHARS: usize = 40;

pub async fn quote(state: &AppState, request: &QuoteRequest) -> ApiResult<Quote> {
    let skus: Vec<&str> = request.lines.iter().map(|l| l.sku.as_str()).collect();
    let priced = priced_skus(state, &skus).await?;
    let coupon = match request.coupon.as_deref().map(Coupon::normalize_code) {
        Some(code) if !code.is_empty() => Some(coupon(state.db.pool(), &code).await?),
        _ => None,
    };
    let snapshot = state.catalog.snapshot();
    let pricing = Pricing {
        skus: &priced,
        promotions: &snapshot.pricing.promotions,
        rates: &snapshot.pricing.shipping_rates,
        now: state.clock.now(),
        enforce_stock: true,
    };
    let method = request.shipping_method.unwrap_or_default();
    let quote = pricing.quote(&request.lines, coupon.as_ref(), method)?;
    Ok(match request.payment_method {
        Some(payment) => {
            check_method(payment, quote.total)?;
            quote.paid_by(payment)
        }
        None => quote,
    })
}

/// What pricing needs to know of these SKUs, stock read live; unknown SKUs are left out.
pub async fn priced_skus(state: &AppState, skus: &[&str]) -> ApiResult<Vec<PricedSku>> {
    let stock: HashMap<String, i64> = store::catalog::load_skus_stock(state.db.pool(), skus)
        .await?
        .into_iter()
        .collect();
    let snapshot = state.catalog.snapshot();
    Ok(skus
        .iter()
        .filter_map(|sku| {
            let available = stock
                .get(*sku)
                .map(|n| u32::try_from((*n).max(0)).unwrap_or(u32::MAX));
            snapshot.priced_sku(sku, available)
        })
        .collect())
}

/// The coupon `code` as the shop has it now (read through `db`: the pool, or the
/// transaction placing an order), or the refusal naming the `coupon` field.
pub(crate) async fn coupon<'c, E>(db: E, code: &str) -> ApiResult<Coupon>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let reject = |code, message: String| QuoteError::new(code, "coupon", message);
    if code.chars().count() > MAX_COUPON_CHARS {
        return Err(reject(
            QuoteErrorCode::Invalid,
            format!("must be at most {MAX_COUPON_CHARS} characters"),
        )
        .into());
    }
    let Some((row, used_up)) = store::pricing::coupon(db, code).await? else {
        return Err(reject(
            QuoteErrorCode::UnknownCoupon,
            format!("{code} is not a coupon we know"),
        )
        .into());
    };
    if used_up {
        return Err(reject(
            QuoteErrorCode::CouponUsedUp,
            format!("{code} has been used up"),
        )
        .into());
    }
    let promotion = row
        .into_promotion()
        .ok_or_else(|| anyhow::anyhow!("coupon {code} does not parse"))?;
    Ok(Coupon {
        code: code.to_owned(),
        promotion,
    })
}
