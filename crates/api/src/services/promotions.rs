//! Promotions and coupons edited by marketers: checked by the core rules (and against the
//! catalog for their scope), audited with before and after, live for shoppers at once; and the
//! preview of what a sample cart would pay with a draft.

use fourflow_core::admin::promotions::{
    check_promotion, coupon_code, preview_time, CouponEdit, CouponRecord, PreviewAnswer,
    PromotionEdit, PromotionPreview, PromotionRecord,
};
use fourflow_core::pricing::{Coupon, Pricing, Promotion, Scope};
use fourflow_core::FieldError;
use serde_json::json;

use super::staff::audit;
use crate::clock::rfc3339;
use crate::error::ApiResult;
use crate::startup::AppState;
use crate::store::catalog::bump_version;
use crate::store::pricing;

/// Every promotion with its coupons.
pub async fn list(state: &AppState) -> ApiResult<Vec<PromotionRecord>> {
    records(&mut *state.db.pool().acquire().await?).await
}

/// Creates or replaces promotion `id` for `actor`.
pub async fn save(
    state: &AppState,
    actor: i64,
    id: &str,
    edit: &PromotionEdit,
) -> ApiResult<PromotionRecord> {
    let p = &edit.promotion;
    if p.id != id {
        return Err(FieldError::said(
            "promotion.id",
            "must be the id in the path",
            "必須和網址中的 id 相同",
        )
        .into());
    }
    check_promotion(p)?;
    check_scope(state, &p.scope)?;
    let mut tx = state.db.begin_write().await?;
    let before = records(&mut tx)
        .await?
        .into_iter()
        .find(|r| r.promotion.id == id);
    pricing::upsert_promotion(&mut tx, p, edit.automatic).await?;
    bump_version(&mut tx).await?;
    let after = records(&mut tx)
        .await?
        .into_iter()
        .find(|r| r.promotion.id == id)
        .ok_or_else(|| anyhow::anyhow!("promotion {id} was just saved"))?;
    let at = rfc3339(state.clock.now());
    let subject = format!("promotion:{id}");
    let before = before.map(|b| json!(b));
    audit(
        &mut tx,
        &at,
        actor,
        "promotion.save",
        &subject,
        before.as_ref(),
        &json!(after),
    )
    .await?;
    tx.commit().await?;
    state.catalog.refresh().await?;
    Ok(after)
}

/// Points coupon `code` at a promotion with a limit, for `actor`.
pub async fn save_coupon(
    state: &AppState,
    actor: i64,
    code: &str,
    edit: &CouponEdit,
) -> ApiResult<CouponRecord> {
    let code = coupon_code(code)?;
    let mut tx = state.db.begin_write().await?;
    let promotions = records(&mut tx).await?;
    if !promotions
        .iter()
        .any(|r| r.promotion.id == edit.promotion_id)
    {
        return Err(FieldError::said(
            "promotion_id",
            "there is no promotion with this id",
            "找不到這個 id 的促銷活動",
        )
        .into());
    }
    let before = promotions
        .iter()
        .flat_map(|r| &r.coupons)
        .find(|c| c.code == code)
        .cloned();
    let times_used = before.as_ref().map_or(0, |c| c.times_used);
    if edit.usage_limit.is_some_and(|limit| limit < times_used) {
        return Err(FieldError::said(
            "usage_limit",
            format!("must be at least the {times_used} uses so far"),
            format!("不能少於目前已使用的 {times_used} 次"),
        )
        .into());
    }
    pricing::set_coupon(
        &mut tx,
        &code,
        &edit.promotion_id,
        edit.usage_limit.map(i64::from),
    )
    .await?;
    let after = CouponRecord {
        code: code.clone(),
        promotion_id: edit.promotion_id.clone(),
        usage_limit: edit.usage_limit,
        times_used,
    };
    let at = rfc3339(state.clock.now());
    let before = before.map(|b| json!(b));
    audit(
        &mut tx,
        &at,
        actor,
        "coupon.save",
        &format!("coupon:{code}"),
        before.as_ref(),
        &json!(after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// The sample cart priced by the live promotions, and with the draft.
pub async fn preview(state: &AppState, preview: &PromotionPreview) -> ApiResult<PreviewAnswer> {
    let draft = &preview.promotion;
    check_promotion(draft)?;
    check_scope(state, &draft.scope)?;
    if preview.lines.is_empty() || preview.lines.len() > 50 {
        return Err(FieldError::said(
            "lines",
            "give 1 to 50 lines of a sample cart",
            "試算的購物車需要 1 到 50 個品項",
        )
        .into());
    }
    let skus: Vec<&str> = preview.lines.iter().map(|l| l.sku.as_str()).collect();
    let priced = super::cart::priced_skus(state, &skus).await?;
    let snapshot = state.catalog.snapshot();
    let live: Vec<Promotion> = snapshot
        .pricing
        .promotions
        .iter()
        .filter(|p| p.id != draft.id)
        .cloned()
        .collect();
    let mut with = live.clone();
    let coupon = if preview.as_coupon {
        Some(Coupon {
            code: "PREVIEW".into(),
            promotion: draft.clone(),
        })
    } else {
        with.push(draft.clone());
        None
    };
    let pricing = |promotions| Pricing {
        skus: &priced,
        promotions,
        rates: &snapshot.pricing.shipping_rates,
        now: preview_time(draft, state.clock.now()),
        // A sample cart: what it would pay, whatever is in stock today.
        enforce_stock: false,
    };
    let method = preview.shipping_method.unwrap_or_default();
    Ok(PreviewAnswer {
        without: pricing(&live).quote(&preview.lines, None, method)?,
        with: pricing(&with).quote(&preview.lines, coupon.as_ref(), method)?,
    })
}

/// Every category or product a scope names must exist.
fn check_scope(state: &AppState, scope: &Scope) -> Result<(), FieldError> {
    let catalog = state.catalog.snapshot();
    let (slugs, known): (&[_], &dyn Fn(&str) -> bool) = match scope {
        Scope::All => return Ok(()),
        Scope::Categories(slugs) => (slugs, &|s| catalog.category(s).is_some()),
        Scope::Products(slugs) => (slugs, &|s| catalog.product(s).is_some()),
    };
    match slugs.iter().position(|slug| !known(slug.as_str())) {
        Some(i) => Err(FieldError::said(
            format!("promotion.scope.slugs[{i}]"),
            "the catalog has nothing by this slug",
            "商品目錄中找不到這個代稱（slug）",
        )),
        None => Ok(()),
    }
}

async fn records(conn: &mut sqlx::AnyConnection) -> ApiResult<Vec<PromotionRecord>> {
    let coupons = pricing::all_coupons(&mut *conn).await?;
    let count = |n: i64| u32::try_from(n).unwrap_or(u32::MAX);
    Ok(pricing::all_promotions(&mut *conn)
        .await?
        .into_iter()
        .filter_map(|(row, automatic)| {
            let promotion = row.into_promotion()?;
            let coupons = coupons
                .iter()
                .filter(|(_, id, _, _)| *id == promotion.id)
                .map(|(code, id, limit, used)| CouponRecord {
                    code: code.clone(),
                    promotion_id: id.clone(),
                    usage_limit: limit.map(count),
                    times_used: count(*used),
                })
                .collect();
            Some(PromotionRecord {
                promotion,
                automatic,
                coupons,
            })
        })
        .collect())
}
