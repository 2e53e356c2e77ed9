//! `sqlx::migrate!` embeds the migrations at compile time; without this, an incremental build
//! does not notice a new migration file and ships the old set.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
