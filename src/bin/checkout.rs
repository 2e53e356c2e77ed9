//! The checkout app: from contact details to the placed order.

fn main() {
    fourflow_web::start(fourflow_web::apps::checkout::App);
}
