//! Uploaded images: told apart by their bytes (`fourflow_core::admin::media`), kept under the
//! media directory by the SHA-256 of their contents, with a listing and a product-page size
//! made of each (JPEG, or PNG where the picture has transparency). An AVIF is kept as sent:
//! no decoder of it ships in pure Rust, so its sizes are the original (browsers that show
//! AVIF decode it well; it is already small).

use std::io::Cursor;
use std::path::Path;

use fourflow_core::admin::media::{
    avif_dimensions, fit, ImageKind, MediaRecord, MediaSize, MAX_BYTES, MAX_SIDE, SIZES,
};
use fourflow_core::FieldError;
use image::{DynamicImage, ImageFormat, ImageReader};

use crate::clock::rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::secrets;
use crate::startup::AppState;
use crate::store::media::{self as store, MediaRow};

/// Keeps an uploaded image for `actor`; the same bytes uploaded again answer the first record.
pub async fn upload(state: &AppState, actor: i64, bytes: Vec<u8>) -> ApiResult<MediaRecord> {
    if bytes.is_empty() {
        return Err(FieldError::said(
            "file",
            "is empty: choose an image to upload",
            "是空的，請選擇要上傳的圖片",
        )
        .into());
    }
    if bytes.len() > MAX_BYTES {
        return Err(FieldError::said(
            "file",
            "is larger than 8 MB: make it smaller first",
            "超過 8 MB，請先縮小",
        )
        .into());
    }
    let kind = ImageKind::sniff(&bytes)
        .ok_or_else(|| FieldError::said("file", ImageKind::REFUSED, ImageKind::REFUSED_ZH_TW))?;
    let sha256 = secrets::sha256_hex(&bytes);
    if let Some(row) = store::by_hash(state.db.pool(), &sha256).await? {
        return record(row);
    }
    let size = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
    let dir = state.media_dir.as_ref().clone();
    let name = sha256.clone();
    // Decoding and resizing take real CPU time: off the request threads.
    let (width, height, sizes) =
        tokio::task::spawn_blocking(move || keep(&dir, &name, kind, &bytes))
            .await
            .map_err(|e| anyhow::anyhow!("resizing an upload: {e}"))??;
    let row = MediaRow {
        sha256: sha256.clone(),
        kind: kind.extension().to_owned(),
        width: i64::from(width),
        height: i64::from(height),
        bytes: size,
        sizes: serde_json::to_string(&sizes).expect("sizes serialise"),
        uploaded_at: rfc3339(state.clock.now()),
    };
    store::insert(state.db.pool(), &row, actor).await?;
    let stored = store::by_hash(state.db.pool(), &sha256)
        .await?
        .ok_or_else(|| anyhow::anyhow!("media {sha256} was just recorded"))?;
    record(stored)
}

/// A page of images, newest first, and how many there are.
pub async fn list(
    state: &AppState,
    page: u32,
    per_page: u32,
) -> ApiResult<(Vec<MediaRecord>, u32)> {
    let offset = i64::from(page - 1) * i64::from(per_page);
    let (rows, total) = store::page(state.db.pool(), i64::from(per_page), offset).await?;
    let items = rows
        .into_iter()
        .map(record)
        .collect::<ApiResult<Vec<_>>>()?;
    Ok((items, u32::try_from(total).unwrap_or(u32::MAX)))
}

/// Writes the original and its sizes; returns the picture's width, height and sizes.
fn keep(
    dir: &Path,
    sha256: &str,
    kind: ImageKind,
    bytes: &[u8],
) -> ApiResult<(u32, u32, Vec<MediaSize>)> {
    std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("creating {}: {e}", dir.display()))?;
    let original = format!("{sha256}.{}", kind.extension());
    let unreadable = || {
        FieldError::said(
            "file",
            "could not be read as an image: it may be damaged",
            "無法讀取為圖片，檔案可能已損壞",
        )
    };
    let too_big = || {
        FieldError::said(
            "file",
            format!("is over {MAX_SIDE} pixels across or down"),
            format!("寬或高超過 {MAX_SIDE} 像素"),
        )
    };
    let format = match kind {
        ImageKind::Jpeg => ImageFormat::Jpeg,
        ImageKind::Png => ImageFormat::Png,
        ImageKind::Webp => ImageFormat::WebP,
        ImageKind::Avif => {
            let (width, height) = avif_dimensions(bytes).ok_or_else(unreadable)?;
            if width > MAX_SIDE || height > MAX_SIDE {
                return Err(too_big().into());
            }
            write(dir, &original, bytes)?;
            let sizes = SIZES
                .iter()
                .map(|(name, _)| MediaSize {
                    name: (*name).to_owned(),
                    url: format!("/media/{original}"),
                    width,
                    height,
                })
                .collect();
            return Ok((width, height, sizes));
        }
    };
    // The declared size first, so that a small file claiming a huge picture is refused
    // before anything is decoded.
    let (width, height) = ImageReader::with_format(Cursor::new(bytes), format)
        .into_dimensions()
        .map_err(|_| unreadable())?;
    if width > MAX_SIDE || height > MAX_SIDE {
        return Err(too_big().into());
    }
    let picture = image::load_from_memory_with_format(bytes, format).map_err(|_| unreadable())?;
    write(dir, &original, bytes)?;
    let mut sizes = Vec::with_capacity(SIZES.len());
    for (name, max) in SIZES {
        let (w, h) = fit(width, height, max);
        let url = if w == width {
            format!("/media/{original}")
        } else {
            let file = resized(dir, sha256, name, &picture, w, h)?;
            format!("/media/{file}")
        };
        sizes.push(MediaSize {
            name: name.to_owned(),
            url,
            width: w,
            height: h,
        });
    }
    Ok((width, height, sizes))
}

/// One smaller size, as JPEG (PNG if the picture has transparency); its file name.
fn resized(
    dir: &Path,
    sha256: &str,
    name: &str,
    picture: &DynamicImage,
    w: u32,
    h: u32,
) -> ApiResult<String> {
    let small = picture.resize_exact(w, h, image::imageops::FilterType::Lanczos3);
    let mut out = Cursor::new(Vec::new());
    let file = if picture.color().has_alpha() {
        small
            .write_to(&mut out, ImageFormat::Png)
            .map_err(anyhow::Error::from)?;
        format!("{sha256}-{name}.png")
    } else {
        let rgb = DynamicImage::ImageRgb8(small.to_rgb8());
        let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 82);
        rgb.write_with_encoder(encoder)
            .map_err(anyhow::Error::from)?;
        format!("{sha256}-{name}.jpg")
    };
    write(dir, &file, &out.into_inner())?;
    Ok(file)
}

/// Writes a file whole or not at all: to a temporary name, then renamed.
fn write(dir: &Path, name: &str, bytes: &[u8]) -> ApiResult<()> {
    let path = dir.join(name);
    if path.exists() {
        return Ok(()); // content-addressed: the same name is the same bytes
    }
    let partial = dir.join(format!(".{name}.{}", secrets::random_hex::<6>()));
    std::fs::write(&partial, bytes)
        .and_then(|()| std::fs::rename(&partial, &path))
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("writing {}: {e}", path.display())))
}

fn record(row: MediaRow) -> ApiResult<MediaRecord> {
    let kind = [
        ImageKind::Jpeg,
        ImageKind::Png,
        ImageKind::Webp,
        ImageKind::Avif,
    ]
    .into_iter()
    .find(|k| k.extension() == row.kind)
    .ok_or_else(|| anyhow::anyhow!("media {}: kind {}", row.sha256, row.kind))?;
    let count = |n: i64| u32::try_from(n).unwrap_or(0);
    Ok(MediaRecord {
        url: format!("/media/{}.{}", row.sha256, kind.extension()),
        kind,
        width: count(row.width),
        height: count(row.height),
        bytes: u64::try_from(row.bytes).unwrap_or(0),
        sizes: serde_json::from_str(&row.sizes)
            .map_err(|e| anyhow::anyhow!("media {}: sizes: {e}", row.sha256))?,
        uploaded_at: row.uploaded_at,
    })
}
