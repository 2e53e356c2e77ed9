//! The account app: the shopper's account.

fn main() {
    fourflow_web::start(fourflow_web::apps::account::App);
}
