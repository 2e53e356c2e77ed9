//! The checkout app: the cart page (and later checkout, account and orders).

fn main() {
    fourflow_web::start(fourflow_web::apps::checkout::App);
}
