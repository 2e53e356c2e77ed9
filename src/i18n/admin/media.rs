//! The media library's words, zh-TW and English side by side.

pub struct MediaStrings {
    pub title: &'static str,
    pub upload: &'static str,
    pub upload_note: &'static str,
    pub choose: &'static str,
    pub uploading: &'static str,
    pub uploaded: &'static str,
    pub choose_first: &'static str,
    pub none: &'static str,
    pub count: fn(u32) -> String,
    pub original: &'static str,
    /// A size by its name (`listing`, `product`).
    pub size: fn(&str) -> &'static str,
    pub pixels: fn(u32, u32) -> String,
    pub kilobytes: fn(u64) -> String,
    pub copy: &'static str,
    pub copied: &'static str,
    pub copy_of: fn(&str) -> String,
}

pub const ZH_TW: MediaStrings = MediaStrings {
    title: "圖片庫",
    upload: "上傳圖片",
    upload_note: "JPEG、PNG、WebP 或 AVIF，最大 8 MB。上傳後自動產生列表用（480 px）與商品頁用（1200 px）的尺寸。",
    choose: "選擇圖片",
    uploading: "上傳中…",
    uploaded: "已上傳。",
    choose_first: "請先選擇一個檔案。",
    none: "還沒有上傳的圖片。",
    count: |n| format!("共 {n} 張"),
    original: "原圖",
    size: |name| match name {
        "listing" => "列表",
        "product" => "商品頁",
        _ => "其他尺寸",
    },
    pixels: |w, h| format!("{w}×{h} px"),
    kilobytes: |b| format!("{} KB", b.div_ceil(1024)),
    copy: "複製網址",
    copied: "已複製",
    copy_of: |what| format!("複製{what}的網址"),
};

pub const EN: MediaStrings = MediaStrings {
    title: "Media library",
    upload: "Upload an image",
    upload_note: "JPEG, PNG, WebP or AVIF, at most 8 MB. A listing size (480 px) and a product-page size (1200 px) are made of each.",
    choose: "Choose an image",
    uploading: "Uploading…",
    uploaded: "Uploaded.",
    choose_first: "Choose a file first.",
    none: "No images uploaded yet.",
    count: |n| format!("{n} images"),
    original: "Original",
    size: |name| match name {
        "listing" => "Listing",
        "product" => "Product page",
        _ => "Other size",
    },
    pixels: |w, h| format!("{w}×{h} px"),
    kilobytes: |b| format!("{} KB", b.div_ceil(1024)),
    copy: "Copy URL",
    copied: "Copied",
    copy_of: |what| format!("Copy the {what} URL"),
};
