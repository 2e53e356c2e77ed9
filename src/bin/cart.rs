//! The cart app: the cart, the wishlist and compare.

fn main() {
    fourflow_web::start(fourflow_web::apps::cart::App);
}
