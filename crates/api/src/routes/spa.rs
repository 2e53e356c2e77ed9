//! The storefront itself: Trunk's `dist/` served with precompressed brotli/gzip, hashed assets
//! cached for a year, and every other path answered with `index.html` so that shopper URLs
//! (`/products/…`, `/search?q=…`) load the app, which routes in the browser. The other apps'
//! URLs (`/cart`, `/orders/…`: `fourflow_core::apps`) get their own shell, built into
//! `dist/apps/{name}/`. A path no app has a page for is the storefront's not-found page, with
//! a 404. A product URL's shell carries that product's title and OpenGraph tags, for link
//! previews.

use std::convert::Infallible;
use std::path::Path;

use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, HOST};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use tower::service_fn;
use tower::util::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

use fourflow_core::apps::{is_shopper_url, App, APPS};

use crate::services::catalog::CatalogService;
use crate::services::link_preview;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Always revalidate: the shell and the service worker must pick up a new release at once.
const REVALIDATE: &str = "no-cache";
const A_DAY: &str = "public, max-age=86400";

pub fn service(
    dist: &Path,
    catalog: CatalogService,
) -> impl tower::Service<Request, Response = Response, Error = Infallible, Future: Send> + Clone + Send
{
    let index = dist.join("index.html");
    let files = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false);
    let storefront = ServeFile::new(&index)
        .precompressed_br()
        .precompressed_gzip();
    let shells: Vec<(App, ServeFile)> = APPS
        .iter()
        .map(|app| {
            let shell = ServeFile::new(dist.join("apps").join(app.name).join("index.html"))
                .precompressed_br()
                .precompressed_gzip();
            (*app, shell)
        })
        .collect();
    service_fn(move |req: Request| {
        let files = files.clone();
        let path = req.uri().path();
        let shell = shells
            .iter()
            .find(|(app, _)| app.serves(path))
            .map_or_else(|| storefront.clone(), |(_, shell)| shell.clone());
        let catalog = catalog.clone();
        let index = index.clone();
        async move {
            let path = req.uri().path().to_owned();
            let is_file = path
                .rsplit('/')
                .next()
                .is_some_and(|name| name.contains('.'));
            if let Some(page) = product_preview(origin(&req), &path, &index, &catalog).await {
                return Ok(page);
            }
            let mut response = if is_file {
                files.oneshot(req).await.map(IntoResponse::into_response)
            } else {
                shell.oneshot(req).await.map(IntoResponse::into_response)
            }
            .unwrap_or_else(|e| match e {});
            if response.status() == StatusCode::NOT_FOUND {
                response = not_found(is_file);
            } else if !is_file && !is_shopper_url(&path) {
                // No app has this page: the storefront says so to a person, and the status
                // says so to a crawler or a probe (`/metrics`, `/wp-login.php`).
                *response.status_mut() = StatusCode::NOT_FOUND;
                response
                    .headers_mut()
                    .insert(CACHE_CONTROL, HeaderValue::from_static(REVALIDATE));
            } else {
                let policy = cache_policy(&path, is_file);
                response
                    .headers_mut()
                    .insert(CACHE_CONTROL, HeaderValue::from_static(policy));
            }
            Ok(response)
        }
    })
}

/// The shell with the product's head, for `/products/{slug}` of a product that exists.
async fn product_preview(
    origin: Option<String>,
    path: &str,
    index: &Path,
    catalog: &CatalogService,
) -> Option<Response> {
    let slug = path.strip_prefix("/products/")?;
    let origin = origin?;
    let html = tokio::fs::read_to_string(index).await.ok()?;
    let snapshot = catalog.snapshot();
    let product = snapshot.product(slug)?;
    let page = link_preview::product_page(&html, &product.detail, &origin);
    Some(
        (
            [
                (CONTENT_TYPE, "text/html; charset=utf-8"),
                (CACHE_CONTROL, REVALIDATE),
            ],
            page,
        )
            .into_response(),
    )
}

/// `scheme://host` as the shopper reached us (through a proxy that says so, or directly).
fn origin(req: &Request) -> Option<String> {
    let host = req.headers().get(HOST)?.to_str().ok()?;
    let scheme = req
        .headers()
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("http");
    Some(format!("{scheme}://{host}"))
}

fn not_found(is_file: bool) -> Response {
    let message = if is_file {
        "no such file"
    } else {
        // Only when dist/ is missing: say how to build it.
        "the storefront is not built: run `cargo xtask run` (or `trunk build --release`)"
    };
    (
        StatusCode::NOT_FOUND,
        [(CONTENT_TYPE, "text/plain; charset=utf-8")],
        Body::from(message),
    )
        .into_response()
}

fn cache_policy(path: &str, is_file: bool) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or_default();
    if !is_file || name == "index.html" || name == "sw.js" || name.ends_with(".webmanifest") {
        REVALIDATE
    } else if is_hashed(name) {
        IMMUTABLE
    } else {
        A_DAY
    }
}

/// Trunk names built assets `name-<hash>[_bg].ext`, the hash a 64-bit number in hex without
/// leading zeros (so usually 16 digits, sometimes fewer): their content never changes.
fn is_hashed(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or_default();
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (12..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_hashed_assets_are_immutable() {
        assert_eq!(
            cache_policy("/fourflow-web-0123456789abcdef_bg.wasm", true),
            IMMUTABLE
        );
        assert_eq!(cache_policy("/style-0123456789abcdef.css", true), IMMUTABLE);
        assert_eq!(cache_policy("/home-cc56c8282db3c47.css", true), IMMUTABLE);
        assert_eq!(cache_policy("/icon-192.png", true), A_DAY);
        assert_eq!(cache_policy("/index.html", true), REVALIDATE);
        assert_eq!(cache_policy("/sw.js", true), REVALIDATE);
        assert_eq!(cache_policy("/products/floral-dress", false), REVALIDATE);
        assert_eq!(cache_policy("/demo/products/tee-navy.svg", true), A_DAY);
    }
}
