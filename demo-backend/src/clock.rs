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

/// The sequence this run's change journal starts after: the time the run
/// starts, in microseconds since the Unix epoch. A run would have to average
/// over a million changes per second to reach the next run's base, so an
/// event id from before a restart is always older than the new journal and
/// a client resuming with it gets `resync`, not replays that do not match
/// its data. It stays below 2^53 (until the year 2255), so JavaScript
/// clients can still hold sequences in a number.
pub fn sequence_base() -> u64 {
    u64::try_from(Utc::now().timestamp_micros()).unwrap_or(0)
}
