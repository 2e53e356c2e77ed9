//! The storefront app: browsing, search, product pages.

fn main() {
    fourflow_web::start(fourflow_web::apps::storefront::App);
}
