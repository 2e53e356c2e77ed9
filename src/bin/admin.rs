//! The back office app: orders console, content.

fn main() {
    fourflow_web::start(fourflow_web::apps::admin::App);
}
