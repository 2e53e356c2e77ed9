//! Promotions' calls: the list, saving one, pointing a coupon code at one, and the preview of
//! a sample cart with and without a draft.

use fourflow_core::admin::promotions::{
    CouponEdit, CouponRecord, PreviewAnswer, PromotionEdit, PromotionPreview, PromotionRecord,
};

use crate::api::{get, post, send, ApiError, Verb};

pub async fn promotions() -> Result<Vec<PromotionRecord>, ApiError> {
    get("/admin/promotions").await
}

pub async fn save(id: &str, edit: &PromotionEdit) -> Result<PromotionRecord, ApiError> {
    send(Verb::Put, &format!("/admin/promotions/{id}"), edit).await
}

pub async fn save_coupon(code: &str, edit: &CouponEdit) -> Result<CouponRecord, ApiError> {
    send(Verb::Put, &format!("/admin/coupons/{code}"), edit).await
}

pub async fn preview(preview: &PromotionPreview) -> Result<PreviewAnswer, ApiError> {
    post("/admin/promotions/preview", preview, None).await
}
