//! The storefront app: browsing, search, product pages, wishlist, compare.

fn main() {
    fourflow_web::start(fourflow_web::apps::storefront::App);
}
