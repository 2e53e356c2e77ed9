//! Data fetched from the API: a signal that holds the latest answer and fetches again when
//! what it depends on changes.
//!
//! Leptos's `LocalResource` does this too, but each one brings its own copy of Leptos's async
//! machinery into the bundle (measured: ~10 KB of wasm per resource), and the shopper's bundle
//! has a budget (ARCHITECTURE.md: ≤ 200 KB brotli). This is the part of it the storefront uses: a
//! source, a fetch, the latest value (kept while a newer one loads, so pages transition
//! instead of flashing), and answers that arrive out of order are dropped.

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;

pub struct Remote<T: Send + Sync + 'static> {
    value: RwSignal<Option<T>>,
    reload: Trigger,
}

impl<T: Send + Sync + 'static> Clone for Remote<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for Remote<T> {}

impl<T: Clone + Send + Sync + 'static> Remote<T> {
    /// Fetches `fetch(source())` now and whenever a signal read by `source` changes.
    pub fn new<S, F>(source: impl Fn() -> S + 'static, fetch: impl Fn(S) -> F + 'static) -> Self
    where
        S: 'static,
        F: Future<Output = T> + 'static,
    {
        let value = RwSignal::new(None);
        let reload = Trigger::new();
        let latest = StoredValue::new(0u64);
        Effect::new(move |_| {
            reload.track();
            let request = fetch(source());
            let ticket = latest.try_update_value(|n| {
                *n += 1;
                *n
            });
            spawn_local(async move {
                let answer = request.await;
                // Only the newest request may answer; the page may also be gone by now.
                if ticket.is_some() && latest.try_get_value() == ticket {
                    value.try_set(Some(answer));
                }
            });
        });
        Remote { value, reload }
    }

    /// The latest answer; `None` until the first one arrives.
    pub fn get(&self) -> Option<T> {
        self.value.get()
    }

    pub fn refetch(&self) {
        self.reload.notify();
    }
}
