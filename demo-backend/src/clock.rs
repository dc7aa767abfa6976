//! The backend's notion of "now": the real time, or a clock started at a
//! chosen instant (`--start-at`) that then runs at real speed, so a demo or
//! a test can stand just before midnight, or on any day, at any hour.

use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use monitor_core::wire::Timestamp;

/// The simulation's and the API's clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct Clock {
    /// The chosen start, and the real instant it was taken at.
    started: Option<(Timestamp, std::time::Instant)>,
}

impl Clock {
    /// The real time.
    pub fn real() -> Self {
        Self::default()
    }

    /// A clock that reads `at` now and runs at real speed from there.
    pub fn starting_at(at: Timestamp) -> Self {
        Self {
            started: Some((to_millis(at), std::time::Instant::now())),
        }
    }

    /// The current time to the millisecond: what browsers' clocks resolve,
    /// and it keeps the wire times short.
    pub fn now(&self) -> Timestamp {
        match self.started {
            None => to_millis(Utc::now()),
            Some((at, taken)) => {
                let elapsed = TimeDelta::from_std(taken.elapsed()).unwrap_or(TimeDelta::MAX);
                to_millis(
                    at.checked_add_signed(elapsed)
                        .unwrap_or(DateTime::<Utc>::MAX_UTC),
                )
            }
        }
    }

    /// The instant the seeded state is laid out before: the chosen start to
    /// the second, or (on the real clock) `process_anchor`, shared by every
    /// simulation of the process so that equal seeds give equal states.
    pub fn seed_anchor(&self, process_anchor: impl FnOnce() -> Timestamp) -> Timestamp {
        match self.started {
            Some((at, _)) => at.duration_trunc(TimeDelta::seconds(1)).unwrap_or(at),
            None => process_anchor(),
        }
    }
}

fn to_millis(at: Timestamp) -> Timestamp {
    at.duration_trunc(TimeDelta::milliseconds(1)).unwrap_or(at)
}

/// The sequence this run's change journal starts after: the time the run
/// starts (the real time, whatever the simulation's clock says), in
/// microseconds since the Unix epoch. A run would have to average over a
/// million changes per second to reach the next run's base, so an event id
/// from before a restart is always older than the new journal and a client
/// resuming with it gets `resync`, not replays that do not match its data.
/// It stays below 2^53 (until the year 2255), so JavaScript clients can
/// still hold sequences in a number.
pub fn sequence_base() -> u64 {
    u64::try_from(Utc::now().timestamp_micros()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_started_clock_reads_its_start_then_runs_on() {
        let at: Timestamp = "2026-03-01T23:59:30.123456Z".parse().unwrap();
        let clock = Clock::starting_at(at);
        let first = clock.now();
        assert!(first >= "2026-03-01T23:59:30.123Z".parse::<Timestamp>().unwrap());
        assert!(first < "2026-03-01T23:59:31Z".parse::<Timestamp>().unwrap());
        assert_eq!(first.timestamp_subsec_micros() % 1000, 0, "whole ms");
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert!(clock.now() >= first + TimeDelta::milliseconds(20));
        assert_eq!(
            clock.seed_anchor(|| unreachable!("a started clock has its own anchor")),
            "2026-03-01T23:59:30Z".parse::<Timestamp>().unwrap()
        );
    }

    #[test]
    fn the_real_clock_reads_the_time_and_seeds_at_the_process_anchor() {
        let clock = Clock::real();
        let before = Utc::now() - TimeDelta::milliseconds(1);
        let now = clock.now();
        assert!(now >= before && now <= Utc::now());
        let anchor: Timestamp = "2020-01-01T00:00:00Z".parse().unwrap();
        assert_eq!(clock.seed_anchor(|| anchor), anchor);
    }
}
