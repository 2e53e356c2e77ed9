//! Merchandising's calls: SKUs with price and stock, a price change, a stock adjustment, and
//! the CSV import (a dry run first).

use fourflow_core::admin::sku_csv::ImportReport;
use fourflow_core::admin::stock::{PriceChange, SkuList, SkuRecord, StockAdjustment};
use fourflow_core::catalog::encode_pairs;

use super::post_raw;
use crate::api::{get, post, send, ApiError, Verb};

/// Where the browser downloads every SKU as CSV (a plain link: the session cookie goes along).
pub const EXPORT_URL: &str = "/api/v1/admin/skus/export";

pub async fn skus(q: &str, page: u32) -> Result<SkuList, ApiError> {
    let page = page.to_string();
    let pairs = [("q", q), ("page", page.as_str())];
    let query = encode_pairs(pairs.into_iter().filter(|(_, v)| !v.is_empty()));
    get(&format!("/admin/skus?{query}")).await
}

pub async fn change_price(sku: &str, change: &PriceChange) -> Result<SkuRecord, ApiError> {
    send(Verb::Put, &format!("/admin/skus/{sku}/price"), change).await
}

pub async fn adjust_stock(sku: &str, adjustment: &StockAdjustment) -> Result<SkuRecord, ApiError> {
    post(
        &format!("/admin/skus/{sku}/stock-adjustments"),
        adjustment,
        None,
    )
    .await
}

/// Reads `csv` against the catalog; changes it only when `dry_run` is false and the file is
/// clean.
pub async fn import(csv: &str, dry_run: bool) -> Result<ImportReport, ApiError> {
    post_raw(
        &format!("/admin/skus/import?dry_run={dry_run}"),
        "text/csv; charset=utf-8",
        csv.into(),
    )
    .await
}
