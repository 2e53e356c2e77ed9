//! The cart app: the cart page.

fn main() {
    fourflow_web::start(fourflow_web::apps::cart::App);
}
