//! The orders app: an order's page, and the orders placed in this browser.

fn main() {
    fourflow_web::start(fourflow_web::apps::orders::App);
}
