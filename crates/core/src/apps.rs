//! The shopper's side is two apps, each its own small download (the storefront for browsing,
//! checkout for the cart and what follows it); this says which serves a shopper URL. The
//! server, both apps and the service worker (`public/sw.js`, which repeats the list) follow it.

/// URL prefixes served by the checkout app; every other shopper URL is the storefront's.
pub const CHECKOUT_PATHS: [&str; 4] = ["/cart", "/checkout", "/orders", "/account"];

/// Where the checkout app's own files are served from.
pub const CHECKOUT_ASSETS: &str = "/apps/checkout/";

/// Whether `path` (without query) is one of the checkout app's.
pub fn is_checkout_path(path: &str) -> bool {
    CHECKOUT_PATHS.iter().any(|prefix| {
        path.strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checkout_owns_its_prefixes_only() {
        assert!(is_checkout_path("/cart"));
        assert!(is_checkout_path("/cart/"));
        assert!(!is_checkout_path("/cartoons"));
        assert!(!is_checkout_path("/products/cart"));
        assert!(!is_checkout_path("/"));
    }
}
