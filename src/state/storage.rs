//! `localStorage`, tolerant of browsers that refuse it (private modes, full quotas): reads
//! then find nothing and writes are dropped, and the shop keeps working for this visit.

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
