//! `localStorage`, tolerant of browsers that refuse it (private modes, full quotas): reads
//! then find nothing and writes are dropped, and the shop keeps working for this visit.
//!
//! Values are kept as `{"version": N, "data": …}`, so that a later release can recognise data
//! written by an earlier one and carry it over instead of misreading it.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

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

#[derive(Serialize, Deserialize)]
struct Envelope<T> {
    version: u32,
    data: T,
}

/// Just the version, read without the data (which another schema may not fit).
#[derive(Deserialize)]
struct Version {
    version: u32,
}

/// The value under `key` if it was written with schema `version`.
pub fn read_versioned<T: DeserializeOwned>(key: &str, version: u32) -> Option<T> {
    let text = read_string(key)?;
    let found = crate::json::decode::<Version>(&text)?.version;
    if found != version {
        // Another schema: keep it aside rather than lose it, and start afresh.
        write_string(&format!("{key}.v{found}"), &text);
        return None;
    }
    crate::json::decode::<Envelope<T>>(&text).map(|e| e.data)
}

pub fn write_versioned<T: Serialize>(key: &str, version: u32, data: &T) {
    if let Ok(text) = serde_json::to_string(&Envelope { version, data }) {
        write_string(key, &text);
    }
}
