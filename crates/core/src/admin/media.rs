//! Images marketers upload (`/api/v1/admin/media`): which kinds are accepted — told from the
//! file's first bytes, never from its name or the browser's word — how large they may be, and
//! the sizes made of each for listings and product pages.

use serde::{Deserialize, Serialize};

/// The largest upload accepted: a product photo straight from a phone fits.
pub const MAX_BYTES: usize = 8 * 1024 * 1024;

/// The largest picture accepted, in pixels across or down (decoding a bigger one costs too
/// much memory for what a shop page shows).
pub const MAX_SIDE: u32 = 8_000;

/// The sizes made of every upload: name and width in pixels (never enlarged).
pub const SIZES: [(&str, u32); 2] = [("listing", 480), ("product", 1200)];

/// An image kind the shop accepts. SVG is not among them: it can carry scripts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImageKind {
    Jpeg,
    Png,
    Webp,
    Avif,
}

impl ImageKind {
    /// The kind the bytes are, by their signature; `None` for anything else.
    pub fn sniff(bytes: &[u8]) -> Option<ImageKind> {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(ImageKind::Jpeg)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(ImageKind::Png)
        } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
            Some(ImageKind::Webp)
        } else if bytes.len() >= 12
            && &bytes[4..8] == b"ftyp"
            && matches!(&bytes[8..12], b"avif" | b"avis")
        {
            Some(ImageKind::Avif)
        } else {
            None
        }
    }

    pub const fn content_type(self) -> &'static str {
        match self {
            ImageKind::Jpeg => "image/jpeg",
            ImageKind::Png => "image/png",
            ImageKind::Webp => "image/webp",
            ImageKind::Avif => "image/avif",
        }
    }

    pub const fn extension(self) -> &'static str {
        match self {
            ImageKind::Jpeg => "jpg",
            ImageKind::Png => "png",
            ImageKind::Webp => "webp",
            ImageKind::Avif => "avif",
        }
    }

    /// What a refused upload is told.
    pub const REFUSED: &'static str =
        "must be a JPEG, PNG, WebP or AVIF image (the file's contents say it is none of these)";
    /// The same, in zh-TW.
    pub const REFUSED_ZH_TW: &'static str =
        "必須是 JPEG、PNG、WebP 或 AVIF 圖片（從檔案內容看不是這幾種）";
}

/// An uploaded image and its sizes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MediaRecord {
    /// `/media/{sha256}.{ext}`: the same file always has the same address.
    pub url: String,
    pub kind: ImageKind,
    pub width: u32,
    pub height: u32,
    pub bytes: u64,
    pub sizes: Vec<MediaSize>,
    pub uploaded_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MediaSize {
    /// `listing` or `product`.
    pub name: String,
    pub url: String,
    pub width: u32,
    pub height: u32,
}

/// The width and height of a size of `width`×`height` no wider than `max`, ratio kept.
pub fn fit(width: u32, height: u32, max: u32) -> (u32, u32) {
    if width <= max {
        return (width, height);
    }
    let scaled = (u64::from(height) * u64::from(max) + u64::from(width) / 2) / u64::from(width);
    (max, u32::try_from(scaled).unwrap_or(u32::MAX).max(1))
}

/// The width and height an AVIF file declares (its `ispe` property), read without decoding.
pub fn avif_dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    let at = bytes.windows(4).position(|w| w == b"ispe")?;
    let field = |offset: usize| -> Option<u32> {
        let b = bytes.get(at + offset..at + offset + 4)?;
        Some(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    };
    // "ispe", then 4 bytes of version and flags, then width and height.
    Some((field(8)?, field(12)?)).filter(|(w, h)| *w > 0 && *h > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_told_by_their_bytes() {
        assert_eq!(
            ImageKind::sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]),
            Some(ImageKind::Jpeg)
        );
        assert_eq!(
            ImageKind::sniff(b"\x89PNG\r\n\x1a\n\0\0"),
            Some(ImageKind::Png)
        );
        assert_eq!(
            ImageKind::sniff(b"RIFF\x10\0\0\0WEBPVP8 "),
            Some(ImageKind::Webp)
        );
        assert_eq!(
            ImageKind::sniff(b"\0\0\0\x1cftypavif\0\0\0\0"),
            Some(ImageKind::Avif)
        );
        for refused in [
            &b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\">"[..],
            b"GIF89a\x01\0\x01\0",
            b"<html><script>alert(1)</script>",
            b"%PDF-1.7",
            b"\xFF\xD8",
            b"",
        ] {
            assert_eq!(ImageKind::sniff(refused), None);
        }
    }

    #[test]
    fn sizes_keep_the_ratio_and_never_enlarge() {
        assert_eq!(fit(2400, 1600, 1200), (1200, 800));
        assert_eq!(fit(1001, 333, 480), (480, 160));
        assert_eq!(fit(300, 200, 480), (300, 200));
        assert_eq!(fit(8000, 1, 480), (480, 1));
    }

    #[test]
    fn an_avif_says_its_size_in_ispe() {
        let mut file = b"\0\0\0\x1cftypavif\0\0\0\0mif1miaf".to_vec();
        file.extend_from_slice(b"\0\0\0\x14ispe\0\0\0\0");
        file.extend_from_slice(&1920u32.to_be_bytes());
        file.extend_from_slice(&1080u32.to_be_bytes());
        assert_eq!(avif_dimensions(&file), Some((1920, 1080)));
        assert_eq!(avif_dimensions(b"\0\0\0\x1cftypavif"), None);
    }
}
