//! A signal kept in `localStorage`: loaded at start, saved on every change, and updated when
//! another tab of the shop changes it, so that every tab shows the same cart.

use leptos::prelude::*;

use super::storage;

pub struct Persisted<T: Send + Sync + 'static> {
    value: RwSignal<T>,
}

impl<T: Send + Sync + 'static> Clone for Persisted<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for Persisted<T> {}

impl<T> Persisted<T>
where
    T: Clone
        + PartialEq
        + Default
        + crate::json::FromJson
        + crate::json::ToJson
        + Send
        + Sync
        + 'static,
{
    pub fn new(key: &'static str, version: u32) -> Self {
        let value = RwSignal::new(storage::read_versioned(key, version).unwrap_or_default());
        Effect::new(move |_| value.with(|v| storage::write_versioned(key, version, v)));
        // `storage` fires in the other tabs only, and only when the stored text changed.
        let handle = window_event_listener(leptos::ev::storage, move |event| {
            if event.key().as_deref() == Some(key) {
                let theirs: T = storage::read_versioned(key, version).unwrap_or_default();
                if value.with_untracked(|ours| *ours != theirs) {
                    value.set(theirs);
                }
            }
        });
        on_cleanup(move || handle.remove());
        Persisted { value }
    }

    pub fn get(&self) -> T {
        self.value.get()
    }

    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        self.value.with(f)
    }

    pub fn update(&self, f: impl FnOnce(&mut T)) {
        self.value.update(f)
    }
}
