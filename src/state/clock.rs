//! The one shared clock: a signal that ticks once a second, corrected by the
//! server's clock offset. Every timer cell derives `now - since` from it; no
//! row has an interval of its own.

use std::time::Duration;

use leptos::prelude::*;
use monitor_core::clock::ClockOffset;
use monitor_core::wire::Timestamp;

use super::timing::now_ms;

#[derive(Clone, Copy)]
pub struct Clock {
    local_ms: RwSignal<f64>,
    offset: RwSignal<ClockOffset>,
    today: Memo<Timestamp>,
}

impl Clock {
    fn new() -> Self {
        let local_ms = RwSignal::new(now_ms());
        let offset = RwSignal::new(ClockOffset::default());
        // Changes once a day: everything "today" reads this, not the ticks.
        let today =
            Memo::new(move |_| start_of_local_day(offset.with(|o| o.server_now(local_ms.get()))));
        Self {
            local_ms,
            offset,
            today,
        }
    }

    /// Records a new server-clock sample (from a snapshot's `server_time`).
    pub fn set_offset(&self, offset: ClockOffset) {
        if self.offset.get_untracked() != offset {
            self.offset.set(offset);
        }
    }

    /// A copy that follows this clock, for readers that come and go (the
    /// rows of a table; see `row_relays`).
    pub fn relay(&self) -> Clock {
        let today = self.today;
        Clock {
            local_ms: super::row_relays::mirror(self.local_ms),
            offset: super::row_relays::mirror(self.offset),
            today: Memo::new(move |_| today.get()),
        }
    }

    /// The browser's time in ms, ticking once a second.
    pub fn local_ms(&self) -> ReadSignal<f64> {
        self.local_ms.read_only()
    }

    /// The server's current time, ticking once a second.
    pub fn now(&self) -> Signal<Timestamp> {
        let (local_ms, offset) = (self.local_ms, self.offset);
        Signal::derive(move || offset.get().server_now(local_ms.get()))
    }

    /// The start of the user's today: local midnight (the browser's time
    /// zone) of the server-corrected now, so a browser whose clock is off
    /// still agrees with the server on which day it is.
    pub fn today(&self) -> Memo<Timestamp> {
        self.today
    }
}

/// Starts the clock for the whole app.
pub fn provide_clock() {
    let clock = Clock::new();
    let local_ms = clock.local_ms;
    match set_interval_with_handle(move || local_ms.set(now_ms()), Duration::from_secs(1)) {
        Ok(handle) => on_cleanup(move || handle.clear()),
        Err(e) => leptos::logging::error!("the clock could not start: {e:?}"),
    }
    provide_context(clock);
}

pub fn use_clock() -> Clock {
    // Without the app shell (a component test) a clock that does not tick.
    use_context::<Clock>().unwrap_or_else(Clock::new)
}

/// The local midnight (in the browser's time zone) that starts the day of
/// `at`. The one definition of a day boundary in the app: "today" is the
/// user's day.
pub fn start_of_local_day(at: Timestamp) -> Timestamp {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
        at.timestamp_millis() as f64
    ));
    date.set_hours(0);
    date.set_minutes(0);
    date.set_seconds(0);
    date.set_milliseconds(0);
    chrono::DateTime::from_timestamp_millis(date.get_time() as i64).unwrap_or(at)
}
