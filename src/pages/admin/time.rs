//! Times as the back office's forms take them: a `datetime-local` field is the browser's
//! local time (staff work in Taipei), the API's times are Unix seconds or RFC 3339 UTC.

use wasm_bindgen::JsValue;

fn date(unix: i64) -> js_sys::Date {
    js_sys::Date::new(&JsValue::from_f64(unix as f64 * 1000.0))
}

/// Unix seconds as RFC 3339 UTC, as the API writes times.
pub fn rfc3339(unix: i64) -> String {
    date(unix).to_iso_string().into()
}

/// What a `datetime-local` field says, as Unix seconds; `None` when empty or unreadable.
pub fn from_local_input(text: &str) -> Option<i64> {
    Some(js_sys::Date::parse(text.trim()))
        .filter(|millis| !millis.is_nan())
        .map(|millis| (millis / 1000.0) as i64)
}

/// Unix seconds as a `datetime-local` field shows them (`2026-12-24T18:00`).
pub fn local_input(unix: i64) -> String {
    let d = date(unix);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}
