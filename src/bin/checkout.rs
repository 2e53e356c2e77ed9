//! The checkout app: the cart and checkout.

fn main() {
    fourflow_web::start(fourflow_web::apps::checkout::App);
}
