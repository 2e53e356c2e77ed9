//! Image uploads: accepted by what their bytes are (never their name), kept once by content
//! hash, made into a listing and a product-page size, served for good with `nosniff`; every
//! refusal says why.

use std::io::Cursor;

use image::{DynamicImage, ImageFormat, Rgb, RgbImage, Rgba, RgbaImage};
use serde_json::Value;

use crate::support::{marketer, Browser, TestApp};

fn encoded(picture: DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    picture.write_to(&mut out, format).unwrap();
    out.into_inner()
}

fn photo(width: u32, height: u32, format: ImageFormat) -> Vec<u8> {
    let picture = RgbImage::from_fn(width, height, |x, y| {
        Rgb([(x % 251) as u8, (y % 241) as u8, 90])
    });
    encoded(DynamicImage::ImageRgb8(picture), format)
}

async fn upload(m: &Browser<'_>, bytes: Vec<u8>) -> (u16, Value) {
    let response = m
        .request(reqwest::Method::POST, "/api/v1/admin/media")
        // What the browser claims is not what decides.
        .header("content-type", "image/png")
        .body(bytes)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

async fn fetch(app: &TestApp, url: &str) -> (u16, reqwest::header::HeaderMap, Vec<u8>) {
    let response = app.request(reqwest::Method::GET, url).send().await.unwrap();
    let (status, headers) = (response.status().as_u16(), response.headers().clone());
    (status, headers, response.bytes().await.unwrap().to_vec())
}

#[tokio::test]
async fn an_upload_is_kept_once_with_its_sizes() {
    let app = TestApp::spawn().await;
    let m = marketer(&app).await;
    let bytes = photo(2400, 1600, ImageFormat::Png);
    let (status, record) = upload(&m, bytes.clone()).await;
    assert_eq!(status, 201, "{record}");
    assert_eq!(
        (&record["kind"], &record["width"], &record["height"]),
        (&"png".into(), &2400.into(), &1600.into())
    );
    let url = record["url"].as_str().unwrap();
    assert!(
        url.starts_with("/media/")
            && url.ends_with(".png")
            && url.len() == "/media/.png".len() + 64
    );
    let sizes = record["sizes"].as_array().unwrap();
    assert_eq!(
        (&sizes[0]["name"], &sizes[0]["width"], &sizes[0]["height"]),
        (&"listing".into(), &480.into(), &320.into())
    );
    assert_eq!(
        (&sizes[1]["name"], &sizes[1]["width"]),
        (&"product".into(), &1200.into())
    );

    let (status, headers, served) = fetch(&app, url).await;
    assert_eq!((status, served.len()), (200, bytes.len()));
    assert_eq!(headers["content-type"], "image/png");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert!(headers["cache-control"]
        .to_str()
        .unwrap()
        .contains("immutable"));
    let (status, headers, listing) = fetch(&app, sizes[0]["url"].as_str().unwrap()).await;
    assert_eq!(
        (status, &headers["content-type"]),
        (
            200,
            &"image/jpeg"
                .parse::<reqwest::header::HeaderValue>()
                .unwrap()
        )
    );
    let small = image::load_from_memory(&listing).unwrap();
    assert_eq!((small.width(), small.height()), (480, 320));

    let (status, again) = upload(&m, bytes).await;
    assert_eq!(
        (status, &again),
        (201, &record),
        "the same file is the same record"
    );
    let library = m.get("/api/v1/admin/media").await;
    assert_eq!(library.body["total"], 1);
}

#[tokio::test]
async fn small_transparent_and_avif_images_keep_what_they_are() {
    let app = TestApp::spawn().await;
    let m = marketer(&app).await;
    let (status, small) = upload(&m, photo(300, 200, ImageFormat::Jpeg)).await;
    assert_eq!(status, 201, "{small}");
    let sizes = small["sizes"].as_array().unwrap();
    assert_eq!(sizes.len(), 2, "a listing and a product-page size: {small}");
    for size in sizes {
        assert_eq!(size["url"], small["url"], "never enlarged");
    }
    let clear = RgbaImage::from_fn(1000, 1000, |x, _| Rgba([200, 40, 40, (x % 256) as u8]));
    let (status, logo) = upload(
        &m,
        encoded(DynamicImage::ImageRgba8(clear), ImageFormat::Png),
    )
    .await;
    assert_eq!(status, 201);
    assert!(
        logo["sizes"][0]["url"]
            .as_str()
            .unwrap()
            .ends_with("-listing.png"),
        "transparency kept"
    );
    let (status, webp) = upload(&m, photo(800, 600, ImageFormat::WebP)).await;
    assert_eq!((status, &webp["kind"]), (201, &"webp".into()));

    let mut avif = b"\0\0\0\x1cftypavif\0\0\0\0mif1miaf".to_vec();
    avif.extend_from_slice(b"\0\0\0\x14ispe\0\0\0\0");
    avif.extend_from_slice(&1600u32.to_be_bytes());
    avif.extend_from_slice(&900u32.to_be_bytes());
    let (status, record) = upload(&m, avif).await;
    assert_eq!(status, 201, "{record}");
    assert_eq!(
        (&record["kind"], &record["width"], &record["height"]),
        (&"avif".into(), &1600.into(), &900.into())
    );
    let (_, headers, _) = fetch(&app, record["url"].as_str().unwrap()).await;
    assert_eq!(headers["content-type"], "image/avif");
}

#[tokio::test]
async fn a_refused_upload_says_why() {
    let app = TestApp::spawn().await;
    let m = marketer(&app).await;
    let mut damaged = photo(64, 64, ImageFormat::Png);
    damaged.truncate(40);
    // A PNG header that claims a picture 10,000 pixels wide.
    let mut huge = photo(1, 1, ImageFormat::Png);
    huge[16..20].copy_from_slice(&10_000u32.to_be_bytes());
    let crc = crc32(&huge[12..29]);
    huge[29..33].copy_from_slice(&crc.to_be_bytes());
    for (bytes, says) in [
        (
            b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>".to_vec(),
            "JPEG, PNG, WebP or AVIF",
        ),
        (
            b"GIF89a\x01\x00\x01\x00\x00\x00\x00;".to_vec(),
            "JPEG, PNG, WebP or AVIF",
        ),
        (
            b"<html><script>alert(1)</script></html>".to_vec(),
            "JPEG, PNG, WebP or AVIF",
        ),
        (Vec::new(), "is empty"),
        (vec![0xFF; 8 * 1024 * 1024 + 1], "8 MB"),
        (damaged, "damaged"),
        (huge, "8000 pixels"),
    ] {
        let (status, answer) = upload(&m, bytes).await;
        assert_eq!(
            (status, answer["error"]["field"].as_str()),
            (400, Some("file")),
            "{answer}"
        );
        let message = answer["error"]["message"].as_str().unwrap();
        assert!(message.contains(says), "{message}");
    }
    assert_eq!(
        m.get("/api/v1/admin/media").await.body["total"],
        0,
        "nothing kept"
    );
}

/// PNG's chunk checksum (CRC-32, as zlib computes it), so the doctored header above is valid.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for byte in bytes {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}
