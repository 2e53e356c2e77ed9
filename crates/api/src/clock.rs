//! The time, as the shop sees it. Promotions, coupons and (later) reservations and deliveries
//! depend on it, so tests must be able to set it: a shared clock they can move.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

#[derive(Debug, Clone, Default)]
pub struct Clock {
    /// `None`: the system's clock. `Some`: a fixed time in Unix seconds, moved by tests.
    fixed: Option<Arc<AtomicI64>>,
}

impl Clock {
    pub fn system() -> Clock {
        Clock::default()
    }

    pub fn fixed(unix_seconds: i64) -> Clock {
        Clock {
            fixed: Some(Arc::new(AtomicI64::new(unix_seconds))),
        }
    }

    /// Unix seconds.
    pub fn now(&self) -> i64 {
        match &self.fixed {
            Some(t) => t.load(Ordering::SeqCst),
            None => time::OffsetDateTime::now_utc().unix_timestamp(),
        }
    }

    /// Moves a fixed clock; a no-op on the system clock.
    pub fn set(&self, unix_seconds: i64) {
        if let Some(t) = &self.fixed {
            t.store(unix_seconds, Ordering::SeqCst);
        }
    }
}
