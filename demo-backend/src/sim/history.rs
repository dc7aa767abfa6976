//! The simulation's records of the day: every wait and every service that
//! ended, oldest first, as the key performance indicators are computed
//! from (`monitor_core::kpi`). Records of an earlier (UTC) day are dropped
//! as the next one is added; a cap bounds a very large operation's day.

use std::collections::VecDeque;

use monitor_core::kpi::{day_start, HandleRecord, WaitRecord};
use monitor_core::wire::Timestamp;

/// Records kept of each kind at most: a day of the default operation is
/// about ten thousand.
pub const HISTORY_CAPACITY: usize = 400_000;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    waits: VecDeque<WaitRecord>,
    handles: VecDeque<HandleRecord>,
}

fn push<T>(records: &mut VecDeque<T>, record: T, at: Timestamp, time: impl Fn(&T) -> Timestamp) {
    let start = day_start(at);
    while records
        .front()
        .is_some_and(|r| time(r) < start || records.len() >= HISTORY_CAPACITY)
    {
        records.pop_front();
    }
    records.push_back(record);
}

impl History {
    pub fn record_wait(&mut self, record: WaitRecord) {
        let at = record.left_at;
        push(&mut self.waits, record, at, |r| r.left_at);
    }

    pub fn record_handle(&mut self, record: HandleRecord) {
        let at = record.ended_at;
        push(&mut self.handles, record, at, |r| r.ended_at);
    }

    /// The waits that ended, oldest first.
    pub fn waits(&self) -> impl Iterator<Item = &WaitRecord> + Clone {
        self.waits.iter()
    }

    /// The services that ended, oldest first.
    pub fn handles(&self) -> impl Iterator<Item = &HandleRecord> + Clone {
        self.handles.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeDelta;
    use monitor_core::kpi::WaitOutcome;
    use monitor_core::Channel;

    fn wait(at: &str) -> WaitRecord {
        let at: Timestamp = at.parse().unwrap();
        WaitRecord {
            department_id: "d".into(),
            channel: Channel::Webchat,
            queued_at: at - TimeDelta::seconds(30),
            left_at: at,
            outcome: WaitOutcome::Answered,
        }
    }

    #[test]
    fn a_new_day_drops_the_records_of_the_day_before() {
        let mut history = History::default();
        history.record_wait(wait("2026-03-01T23:59:00Z"));
        history.record_wait(wait("2026-03-01T23:59:59Z"));
        assert_eq!(history.waits().count(), 2);
        history.record_wait(wait("2026-03-02T00:00:01Z"));
        let left: Vec<_> = history.waits().map(|w| w.left_at.to_rfc3339()).collect();
        assert_eq!(left, ["2026-03-02T00:00:01+00:00"]);
    }
}
