//! Merchandising of SKUs: prices and stock changed by staff — one at a time or by CSV import —
//! each change audited with before and after, and shown to shoppers at once (the catalog is
//! refreshed after every change, other replicas follow on their next tick).

use fourflow_core::admin::sku_csv::{self, ImportReport};
use fourflow_core::admin::stock::{
    adjusted_on_hand, PriceChange, SkuList, SkuRecord, StockAdjustment,
};
use fourflow_core::{FieldError, Localized};
use serde_json::json;

use super::refunds::money;
use crate::clock::rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::startup::AppState;
use crate::store::catalog::bump_version;
use crate::store::skus::{self, SkuRow};

/// A page of SKUs whose SKU, product or title holds `q`.
pub async fn list(
    state: &AppState,
    q: Option<&str>,
    page: u32,
    per_page: u32,
) -> ApiResult<SkuList> {
    let text = q.map(str::to_lowercase);
    let offset = i64::from(page - 1) * i64::from(per_page);
    let (rows, total) = skus::page(
        state.db.pool(),
        text.as_deref(),
        i64::from(per_page),
        offset,
    )
    .await?;
    Ok(SkuList {
        items: records(state, rows)?,
        total: u32::try_from(total).unwrap_or(u32::MAX),
        page,
        per_page,
    })
}

/// Sets a SKU's price, was-price and weight for `actor`.
pub async fn change_price(
    state: &AppState,
    actor: i64,
    sku: &str,
    change: &PriceChange,
) -> ApiResult<SkuRecord> {
    change.check()?;
    let now_text = rfc3339(state.clock.now());
    let mut tx = state.db.begin_write().await?;
    let before = record_of(state, skus::one(&mut tx, sku).await?)?;
    skus::set_price(
        &mut tx,
        sku,
        change.price.amount,
        change.compare_at.map(|m| m.amount),
        i64::from(change.weight_grams),
    )
    .await?;
    bump_version(&mut tx).await?;
    let after = SkuRecord {
        price: change.price,
        compare_at: change.compare_at,
        weight_grams: change.weight_grams,
        ..before.clone()
    };
    audit_change(
        &mut tx,
        &now_text,
        actor,
        "sku.price",
        sku,
        &price_of(&before),
        &price_of(&after),
    )
    .await?;
    tx.commit().await?;
    state.catalog.refresh().await?;
    Ok(after)
}

/// Moves a SKU's stock for `actor`, with the reason.
pub async fn adjust_stock(
    state: &AppState,
    actor: i64,
    sku: &str,
    adjustment: &StockAdjustment,
) -> ApiResult<SkuRecord> {
    adjustment.check()?;
    let now_text = rfc3339(state.clock.now());
    let mut tx = state.db.begin_write().await?;
    let before = record_of(state, skus::one(&mut tx, sku).await?)?;
    let on_hand = adjusted_on_hand(before.on_hand, before.reserved, adjustment.delta, "delta")?;
    if !skus::move_on_hand(&mut tx, sku, adjustment.delta, None).await? {
        // Orders took units between the read and the move: say what stands now.
        return Err(FieldError::said(
            "delta",
            "orders now hold more units: reload and try again",
            "訂單剛保留了更多件數，請重新整理後再試",
        )
        .into());
    }
    let after = SkuRecord {
        on_hand,
        ..before.clone()
    };
    audit_change(
        &mut tx,
        &now_text,
        actor,
        "sku.stock",
        sku,
        &json!({ "on_hand": before.on_hand }),
        &json!({ "on_hand": on_hand, "delta": adjustment.delta,
                 "reason": adjustment.reason.as_str(), "note": adjustment.note.trim() }),
    )
    .await?;
    tx.commit().await?;
    state.catalog.refresh().await?;
    Ok(after)
}

/// Every SKU as CSV.
pub async fn export(state: &AppState) -> ApiResult<String> {
    let rows = skus::all(state.db.pool()).await?;
    Ok(sku_csv::export(&records(state, rows)?))
}

/// Reads a CSV of SKUs and reports what it would change and what is wrong, by line and
/// column. Unless `dry_run`, and only when nothing is wrong, applies every change in one
/// transaction, each audited (a changed `on_hand` as a recount).
pub async fn import(
    state: &AppState,
    actor: i64,
    csv: &str,
    dry_run: bool,
) -> ApiResult<ImportReport> {
    let sku_csv::Parsed {
        rows,
        mut errors,
        lines,
    } = sku_csv::parse(csv);
    let now_text = rfc3339(state.clock.now());
    let mut tx = state.db.begin_write().await?;
    let mut updates = Vec::with_capacity(rows.len());
    for row in &rows {
        let Some(current) = skus::one(&mut tx, &row.sku).await? else {
            errors.push(sku_csv::CellError::said(
                row.line,
                "sku",
                format!("there is no SKU {}", row.sku),
                format!("找不到 SKU {}", row.sku),
            ));
            continue;
        };
        match sku_csv::update(row, &record_of(state, Some(current))?) {
            Ok(update) => updates.push((row, update)),
            Err(mut cells) => errors.append(&mut cells),
        }
    }
    errors.sort_by_key(|e| e.line);
    let mut report = ImportReport {
        dry_run,
        applied: false,
        rows: lines,
        changes: updates
            .iter()
            .flat_map(|(_, u)| u.changes.clone())
            .collect(),
        errors,
    };
    if dry_run || !report.errors.is_empty() || report.changes.is_empty() {
        return Ok(report);
    }
    for (row, update) in &updates {
        if update.changes.is_empty() {
            continue;
        }
        let before = record_of(state, skus::one(&mut tx, &row.sku).await?)?;
        let p = &update.price;
        skus::set_price(
            &mut tx,
            &row.sku,
            p.price.amount,
            p.compare_at.map(|m| m.amount),
            i64::from(p.weight_grams),
        )
        .await?;
        let delta = update.on_hand - before.on_hand;
        if delta != 0 && !skus::move_on_hand(&mut tx, &row.sku, delta, Some(before.on_hand)).await?
        {
            return Err(ApiError::Conflict {
                code: "stock_changed",
                message: format!(
                    "line {}: {} sold or moved meanwhile; check the file again",
                    row.line, row.sku
                ),
                field: Some("on_hand"),
            });
        }
        let after = SkuRecord {
            price: p.price,
            compare_at: p.compare_at,
            weight_grams: p.weight_grams,
            on_hand: update.on_hand,
            ..before.clone()
        };
        let mut before_json = price_of(&before);
        before_json["on_hand"] = json!(before.on_hand);
        let mut after_json = price_of(&after);
        after_json["on_hand"] = json!(after.on_hand);
        after_json["reason"] = json!("csv_import");
        audit_change(
            &mut tx,
            &now_text,
            actor,
            "sku.import",
            &row.sku,
            &before_json,
            &after_json,
        )
        .await?;
    }
    bump_version(&mut tx).await?;
    tx.commit().await?;
    state.catalog.refresh().await?;
    report.applied = true;
    Ok(report)
}

fn price_of(r: &SkuRecord) -> serde_json::Value {
    json!({
        "price": r.price.amount,
        "compare_at": r.compare_at.map(|m| m.amount),
        "weight_grams": r.weight_grams,
    })
}

async fn audit_change(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    now_text: &str,
    actor: i64,
    action: &str,
    sku: &str,
    before: &serde_json::Value,
    after: &serde_json::Value,
) -> ApiResult<()> {
    super::staff::audit(
        tx,
        now_text,
        actor,
        action,
        &format!("sku:{sku}"),
        Some(before),
        after,
    )
    .await
}

fn record_of(state: &AppState, row: Option<SkuRow>) -> ApiResult<SkuRecord> {
    let row = row.ok_or(ApiError::not_found("SKU"))?;
    Ok(records(state, vec![row])?.remove(0))
}

/// Rows as records; size and colour names come from the catalog.
fn records(state: &AppState, rows: Vec<SkuRow>) -> ApiResult<Vec<SkuRecord>> {
    let catalog = state.catalog.snapshot();
    rows.into_iter()
        .map(|r| {
            let options = catalog
                .priced_sku(&r.sku, None)
                .map(|p| p.options)
                .unwrap_or_default();
            Ok(SkuRecord {
                price: money(r.price, &r.currency)?,
                compare_at: r.compare_at.map(|c| money(c, &r.currency)).transpose()?,
                weight_grams: u32::try_from(r.weight_grams).unwrap_or(0),
                title: Localized {
                    zh_tw: r.title_zh_tw,
                    en: r.title_en,
                },
                options,
                on_hand: r.on_hand,
                reserved: r.reserved,
                product: r.product,
                sku: r.sku,
            })
        })
        .collect()
}
