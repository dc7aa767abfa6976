//! The backend's notion of "now".

use chrono::{DurationRound, TimeDelta, Utc};
use monitor_core::wire::Timestamp;

/// The current time to the millisecond: what browsers' clocks resolve, and
/// it keeps the wire times short.
pub fn now() -> Timestamp {
    let now = Utc::now();
    now.duration_trunc(TimeDelta::milliseconds(1))
        .unwrap_or(now)
}
