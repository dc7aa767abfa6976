//! The server's clock as seen from the browser.
//!
//! Every timer counts from a server timestamp (`status_since`, `created_at`).
//! A browser clock a few minutes off would make every timer wrong by as much,
//! or negative, so the SPA measures the offset from each response's
//! `server_time` and shifts its local "now" by it.

use chrono::{DateTime, Utc};

use crate::wire::Timestamp;

/// Difference between the server's clock and the browser's, so every timer
/// counts from the server's timestamps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ClockOffset {
    millis: i64,
}

impl ClockOffset {
    /// An offset of `millis` milliseconds: server time = local time + `millis`.
    pub fn from_millis(millis: i64) -> Self {
        Self { millis }
    }

    /// From a response's `server_time` and the local time (ms since epoch,
    /// as `f64` from JS `Date.now()`) when the request was sent and when the
    /// response arrived: offset = `server_time` − midpoint.
    ///
    /// The midpoint assumes the server stamped the response halfway through
    /// the round trip, which halves the error a slow network adds. A sample
    /// with a non-finite local time carries no information and gives a zero
    /// offset rather than a nonsense one.
    pub fn from_sample(server_time: Timestamp, sent_ms: f64, received_ms: f64) -> Self {
        // Halving first keeps the sum of two huge values from overflowing to inf.
        let midpoint = sent_ms / 2.0 + received_ms / 2.0;
        if !midpoint.is_finite() {
            return Self::default();
        }
        // `as` saturates for out-of-range floats, which is what we want here.
        let midpoint = midpoint.round() as i64;
        Self {
            millis: server_time.timestamp_millis().saturating_sub(midpoint),
        }
    }

    /// The offset in milliseconds: positive when the server's clock is ahead.
    pub fn millis(&self) -> i64 {
        self.millis
    }

    /// The server's "now" for a local time in ms since epoch.
    ///
    /// Never panics: a non-finite local time (NaN, ±inf) gives the Unix
    /// epoch, so timers show "0:00" rather than garbage, and a time beyond
    /// what a timestamp can hold is clamped to the earliest or latest one.
    pub fn server_now(&self, local_ms: f64) -> Timestamp {
        if !local_ms.is_finite() {
            return DateTime::UNIX_EPOCH;
        }
        let ms = (local_ms as i64).saturating_add(self.millis);
        DateTime::from_timestamp_millis(ms).unwrap_or(if ms < 0 {
            DateTime::<Utc>::MIN_UTC
        } else {
            DateTime::<Utc>::MAX_UTC
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(ms: i64) -> Timestamp {
        DateTime::from_timestamp_millis(ms).unwrap()
    }

    #[test]
    fn offset_is_server_time_minus_the_round_trip_midpoint() {
        // Sent at 1_000, received at 1_200: the server answered around 1_100.
        let offset = ClockOffset::from_sample(at(61_100), 1_000.0, 1_200.0);
        assert_eq!(offset.millis(), 60_000);
    }

    #[test]
    fn a_browser_clock_ahead_of_the_server_gives_a_negative_offset() {
        let offset = ClockOffset::from_sample(at(10_000), 14_900.0, 15_100.0);
        assert_eq!(offset.millis(), -5_000);
    }

    #[test]
    fn server_now_shifts_local_time_by_the_offset() {
        let offset = ClockOffset::from_millis(60_000);
        assert_eq!(offset.server_now(1_000.0), at(61_000));
        assert_eq!(ClockOffset::default().server_now(1_500.9), at(1_500));
    }

    #[test]
    fn a_non_finite_sample_gives_no_offset() {
        let server = at(5_000_000);
        assert_eq!(ClockOffset::from_sample(server, f64::NAN, 1.0).millis(), 0);
        assert_eq!(
            ClockOffset::from_sample(server, 1.0, f64::INFINITY).millis(),
            0
        );
    }

    #[test]
    fn huge_sample_times_saturate_instead_of_overflowing() {
        let offset = ClockOffset::from_sample(at(0), f64::MAX / 4.0, f64::MAX / 4.0);
        assert_eq!(offset.millis(), -i64::MAX);
    }

    #[test]
    fn a_non_finite_local_time_gives_the_epoch() {
        let offset = ClockOffset::from_millis(42);
        for local in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(offset.server_now(local), DateTime::UNIX_EPOCH);
        }
    }

    #[test]
    fn a_local_time_beyond_the_timestamp_range_is_clamped() {
        let offset = ClockOffset::from_millis(i64::MAX);
        assert_eq!(offset.server_now(1e300), DateTime::<Utc>::MAX_UTC);
        assert_eq!(
            ClockOffset::from_millis(i64::MIN).server_now(-1e300),
            DateTime::<Utc>::MIN_UTC
        );
    }
}
