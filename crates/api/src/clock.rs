//! The time, as the shop sees it. Promotions, coupons and (later) reservations and deliveries
//! depend on it, so tests must be able to set it: a shared clock they can move.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

#[derive(Debug, Clone, Default)]
pub struct Clock {
    /// `None`: the system's clock. `Some`: a fixed time in Unix seconds, moved by tests.
    fixed: Option<Arc<AtomicI64>>,
    /// Seconds added to the system's clock: time that runs, and that a test can push ahead
    /// (end-to-end runs, where a browser waits on jobs and a parcel must travel for days).
    shift: Option<Arc<AtomicI64>>,
}

impl Clock {
    pub fn system() -> Clock {
        Clock::default()
    }

    pub fn fixed(unix_seconds: i64) -> Clock {
        Clock {
            fixed: Some(Arc::new(AtomicI64::new(unix_seconds))),
            shift: None,
        }
    }

    /// The system's clock, which [`Clock::advance`] can push ahead.
    pub fn shifted() -> Clock {
        Clock {
            fixed: None,
            shift: Some(Arc::new(AtomicI64::new(0))),
        }
    }

    /// Unix seconds.
    pub fn now(&self) -> i64 {
        match &self.fixed {
            Some(t) => t.load(Ordering::SeqCst),
            None => {
                let shift = self.shift.as_ref().map_or(0, |s| s.load(Ordering::SeqCst));
                time::OffsetDateTime::now_utc().unix_timestamp() + shift
            }
        }
    }

    /// Moves the clock `seconds` ahead (a fixed or a shifted one; the plain system clock
    /// cannot be moved).
    pub fn advance(&self, seconds: i64) {
        if let Some(t) = &self.fixed {
            t.fetch_add(seconds, Ordering::SeqCst);
        }
        if let Some(s) = &self.shift {
            s.fetch_add(seconds, Ordering::SeqCst);
        }
    }

    /// Moves a fixed clock; a no-op on the system clock.
    pub fn set(&self, unix_seconds: i64) {
        if let Some(t) = &self.fixed {
            t.store(unix_seconds, Ordering::SeqCst);
        }
    }
}

/// `unix` seconds as stored and sent: RFC 3339 in UTC.
pub fn rfc3339(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(crate::store::now_text)
}
