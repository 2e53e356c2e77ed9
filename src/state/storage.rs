//! `localStorage`, tolerant of browsers that refuse it (private modes, full quotas): reads
//! then find nothing and writes are dropped, and the shop keeps working for this visit.
//!
//! Values are kept as `{"version": N, "data": …}`, so that a later release can recognise data
//! written by an earlier one and carry it over instead of misreading it.

use crate::json::{FromJson, Object, ToJson};

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn read_string(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

pub fn write_string(key: &str, value: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(key, value);
    }
}

/// The value under `key` if it was written with schema `version`.
pub fn read_versioned<T: FromJson>(key: &str, version: u32) -> Option<T> {
    let text = read_string(key)?;
    let envelope = crate::json::parse(&text)?;
    // The version is read without the data, which another schema may not fit.
    let found = crate::json::member(&envelope, "version", u32::absent)?;
    if found != version {
        // Another schema: keep it aside rather than lose it, and start afresh.
        write_string(&format!("{key}.v{found}"), &text);
        return None;
    }
    T::from_json(envelope.member("data")?)
}

pub fn write_versioned<T: ToJson>(key: &str, version: u32, data: &T) {
    let mut text = String::new();
    let mut envelope = Object::open(&mut text);
    envelope.member("version", &version);
    envelope.member("data", data);
    envelope.close();
    write_string(key, &text);
}
