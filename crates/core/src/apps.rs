//! The shopper's side is several apps, each its own small download: the storefront for
//! browsing; the cart with the shopper's other lists (wishlist, compare); checkout for paying; an order's page (a guest's by their link too); the
//! shopper's account. A shopper buying never downloads the account pages, one browsing never
//! the pricing engine. The cart, checkout and the order page are apart as in Shopify (whose
//! checkout and order status page are apps of their own): each alone fits the shopper's
//! budget (≤ 200 KB brotli), the pairs did not.
//! The back office is one more app (`admin`), which no shopper downloads at all.
//! This says which app serves a shopper URL; the server, every app and the service worker
//! follow it (`cargo xtask` writes the worker's list from this one as it builds), and
//! `tests/apps.rs` checks that each app has its page (`{name}.html`) and its binary.

/// An app besides the storefront: built from `{name}.html` (`src/bin/{name}.rs`) into
/// `dist/apps/{name}/`, its files served from `/apps/{name}/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct App {
    pub name: &'static str,
    /// The URL prefixes it serves.
    pub paths: &'static [&'static str],
    /// Downloaded by shoppers, so bound by the bundle budget (the back office is not).
    pub shopper: bool,
}

/// The shopper's lists: the cart (and what is saved for later), the wishlist, and products
/// side by side. Kept out of the storefront, the download every visit starts with.
pub const CART: App = App {
    name: "cart",
    paths: &["/cart", "/wishlist", "/compare"],
    shopper: true,
};

pub const CHECKOUT: App = App {
    name: "checkout",
    paths: &["/checkout"],
    shopper: true,
};

pub const ORDERS: App = App {
    name: "orders",
    paths: &["/orders"],
    shopper: true,
};

pub const ACCOUNT: App = App {
    name: "account",
    paths: &["/account"],
    shopper: true,
};

/// The back office: orders console, content, merchandising.
pub const ADMIN: App = App {
    name: "admin",
    paths: &["/admin"],
    shopper: false,
};

/// Every app but the storefront, which serves every URL they do not.
pub const APPS: [App; 5] = [CART, CHECKOUT, ORDERS, ACCOUNT, ADMIN];

impl App {
    /// Whether `path` (without query) is this app's.
    pub fn serves(&self, path: &str) -> bool {
        self.paths.iter().any(|prefix| under(path, prefix))
    }
}

/// The app that serves `path`; `None` for the storefront.
pub fn app_for(path: &str) -> Option<App> {
    APPS.into_iter().find(|app| app.serves(path))
}

/// The storefront's own URL prefixes, besides `/` (the home page) itself.
pub const STOREFRONT_PATHS: &[&str] = &["/categories", "/search", "/products", "/pages", "/help"];

/// Whether some app has a page at `path`. Any other path (`/metrics`, `/wp-login.php`) is
/// answered 404, with the storefront's not-found page for a person who mistyped.
pub fn is_shopper_url(path: &str) -> bool {
    path == "/" || app_for(path).is_some() || STOREFRONT_PATHS.iter().any(|p| under(path, p))
}

fn under(path: &str, prefix: &str) -> bool {
    path.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_app_owns_its_prefixes_only() {
        assert_eq!(app_for("/cart"), Some(CART));
        assert_eq!(app_for("/cart/"), Some(CART));
        assert_eq!(app_for("/wishlist"), Some(CART));
        assert_eq!(app_for("/compare"), Some(CART));
        assert_eq!(app_for("/checkout"), Some(CHECKOUT));
        assert_eq!(app_for("/orders/FF20261125-ABCDEF"), Some(ORDERS));
        assert_eq!(app_for("/account/login"), Some(ACCOUNT));
        assert_eq!(app_for("/admin/orders/FF20261125-ABCDEF"), Some(ADMIN));
        assert_eq!(app_for("/administration"), None);
        assert_eq!(app_for("/cartoons"), None);
        assert_eq!(app_for("/products/cart"), None);
        assert_eq!(app_for("/"), None);
    }

    #[test]
    fn only_pages_some_app_has_are_shopper_urls() {
        for url in [
            "/",
            "/products/tee",
            "/search",
            "/categories/women",
            "/cart",
            "/admin",
        ] {
            assert!(is_shopper_url(url), "{url}");
        }
        for url in [
            "/metrics",
            "/wp-login.php",
            "/productsx",
            "/api",
            "/.env",
            "/dev",
        ] {
            assert!(!is_shopper_url(url), "{url}");
        }
    }
}
