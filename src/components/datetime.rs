//! Wall-clock times in the user's locale (the browser's Intl does the work).

use crate::i18n::intl::{format, Kind};
use crate::i18n::use_locale;
use crate::state::clock::{start_of_local_day, use_clock};
use leptos::prelude::*;
use monitor_core::wire::Timestamp;

/// "14:05" for a moment of the day that starts at `today`, "21/11 14:05"
/// (locale order) for another day.
pub fn short_datetime(at: Timestamp, locale: &str, today: Timestamp) -> String {
    let kind = if start_of_local_day(at) == today {
        Kind::Time
    } else {
        Kind::DayAndTime
    };
    format(locale, kind, at.timestamp_millis() as f64).unwrap_or_else(|| at.to_rfc3339())
}

/// A timestamp shown as a short local date/time (the time alone for today,
/// with the date for another day), the full local date and time as a
/// tooltip, and the exact instant in `datetime`. It gains its date when the
/// day it belongs to is over.
#[component]
pub fn DateTimeText(
    /// The moment to show.
    at: Timestamp,
) -> impl IntoView {
    let locale = use_locale();
    let today = use_clock().today();
    let iso = at.to_rfc3339();
    let full = move || {
        format(
            locale.get().as_str(),
            Kind::Full,
            at.timestamp_millis() as f64,
        )
    };
    view! {
        <time datetime=iso title=full>
            {move || short_datetime(at, locale.get().as_str(), today.get())}
        </time>
    }
}
