//! Properties of the server clock offset.

use chrono::DateTime;
use monitor_core::ClockOffset;
use proptest::prelude::*;

/// Milliseconds since the epoch within a few centuries of now.
const SPAN: i64 = 10_000_000_000_000;

proptest! {
    #[test]
    fn server_now_never_panics_for_any_local_time_or_offset(local in any::<f64>(), offset in any::<i64>()) {
        let now = ClockOffset::from_millis(offset).server_now(local);
        if !local.is_finite() {
            prop_assert_eq!(now, DateTime::UNIX_EPOCH);
        }
    }

    #[test]
    fn server_now_adds_the_offset_to_a_plausible_local_time(
        local in 0..SPAN,
        offset in -SPAN..SPAN,
    ) {
        let now = ClockOffset::from_millis(offset).server_now(local as f64);
        prop_assert_eq!(now.timestamp_millis(), local + offset);
    }

    #[test]
    fn at_the_round_trip_midpoint_the_server_time_is_recovered(
        server in 0..SPAN,
        sent in 0..SPAN,
        round_trip in 0..60_000i64,
    ) {
        let server_time = DateTime::from_timestamp_millis(server).unwrap_or_default();
        let received = sent + round_trip;
        let offset = ClockOffset::from_sample(server_time, sent as f64, received as f64);
        let midpoint = (sent as f64 + received as f64) / 2.0;
        let recovered = offset.server_now(midpoint).timestamp_millis();
        // The midpoint of an odd round trip falls on half a millisecond.
        prop_assert!((recovered - server).abs() <= 1, "{} vs {}", recovered, server);
    }

    #[test]
    fn from_sample_never_panics_for_any_local_times(sent in any::<f64>(), received in any::<f64>()) {
        let offset = ClockOffset::from_sample(DateTime::UNIX_EPOCH, sent, received);
        if !(sent.is_finite() && received.is_finite()) {
            prop_assert_eq!(offset.millis(), 0);
        }
    }
}
