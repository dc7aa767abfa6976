//! Instants summarised for "how long since", evaluated every clock tick.

use chrono::Duration;

use crate::wire::Timestamp;

/// Instants (milliseconds since the epoch) summarised so that the sum of
/// `max(0, now − t)` over them costs O(1) for any `now` at or after the
/// latest of them, which is every tick but those right after a change
/// stamped ahead of the corrected clock.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Instants {
    /// Every instant, in row order: read only while `now` is before
    /// `latest`. One buffer for all rows, not one per row.
    millis: Vec<i64>,
    /// The sum of `millis`; i128, so no number of rows can overflow it.
    sum: i128,
    earliest: Option<i64>,
    latest: Option<i64>,
}

impl Instants {
    pub(super) fn with_capacity(capacity: usize) -> Self {
        Self {
            millis: Vec::with_capacity(capacity),
            ..Self::default()
        }
    }

    pub(super) fn push(&mut self, t: Timestamp) {
        let t = t.timestamp_millis();
        self.millis.push(t);
        self.sum += i128::from(t);
        self.earliest = Some(self.earliest.map_or(t, |e| e.min(t)));
        self.latest = Some(self.latest.map_or(t, |l| l.max(t)));
    }

    pub(super) fn len(&self) -> usize {
        self.millis.len()
    }

    /// The sum of `max(0, now − t)` in milliseconds: an instant after
    /// `now` (clock skew) has not started yet, so it adds 0, not less.
    fn total_elapsed(&self, now: i64) -> i128 {
        match self.latest {
            None => 0,
            Some(latest) if now >= latest => {
                // usize → i128 is lossless on every target.
                let count = i128::try_from(self.millis.len()).unwrap_or(i128::MAX);
                count * i128::from(now) - self.sum
            }
            // Some instants are after `now`, each counting 0: only a pass
            // over them all can tell which, until the clock passes them.
            Some(_) => self
                .millis
                .iter()
                .map(|&t| (i128::from(now) - i128::from(t)).max(0))
                .sum(),
        }
    }

    /// The mean of `max(0, now − t)`, to the millisecond (rounded down);
    /// `None` without instants.
    pub(super) fn mean_elapsed(&self, now: Timestamp) -> Option<Duration> {
        let count = i128::try_from(self.millis.len()).ok().filter(|n| *n > 0)?;
        Some(millis(self.total_elapsed(now.timestamp_millis()) / count))
    }

    /// The largest `max(0, now − t)`; `None` without instants.
    pub(super) fn longest_elapsed(&self, now: Timestamp) -> Option<Duration> {
        let earliest = self.earliest?;
        Some(millis(
            (i128::from(now.timestamp_millis()) - i128::from(earliest)).max(0),
        ))
    }
}

/// A non-negative number of milliseconds as a duration. Any two timestamps
/// are less than a duration's range apart, so the saturation never shows.
fn millis(ms: i128) -> Duration {
    i64::try_from(ms)
        .ok()
        .and_then(Duration::try_milliseconds)
        .unwrap_or(Duration::MAX)
}
