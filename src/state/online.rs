//! Whether the browser is online, as it reports it, kept current by its events.

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Online(pub ReadSignal<bool>);

impl Online {
    pub fn provide() -> Online {
        let (online, set_online) = signal(window().navigator().on_line());
        let up = window_event_listener(leptos::ev::online, move |_| set_online.set(true));
        let down = window_event_listener(leptos::ev::offline, move |_| set_online.set(false));
        on_cleanup(move || {
            up.remove();
            down.remove();
        });
        let online = Online(online);
        provide_context(online);
        online
    }

    pub fn get(&self) -> bool {
        self.0.get()
    }
}

pub fn use_online() -> Online {
    expect_context::<Online>()
}
