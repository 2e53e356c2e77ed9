//! The media library's calls: upload an image, list the ones uploaded.

use fourflow_core::admin::media::MediaRecord;
use serde::Deserialize;

use super::post_raw;
use crate::api::{get, ApiError};

#[derive(Clone, Deserialize)]
pub struct MediaList {
    pub items: Vec<MediaRecord>,
    pub total: u32,
    pub page: u32,
    pub per_page: u32,
}

pub async fn library(page: u32) -> Result<MediaList, ApiError> {
    get(&format!("/admin/media?page={page}")).await
}

/// Sends the file as it is: the server tells the kind from its bytes, not from its name.
pub async fn upload(file: web_sys::File) -> Result<MediaRecord, ApiError> {
    post_raw("/admin/media", "application/octet-stream", file.into()).await
}
