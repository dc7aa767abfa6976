//! Wait indicators against the thresholds — longest wait, how many are
//! over their warning or critical limit, how many await a reply — for the
//! rows in view as a whole, per department and per channel.
//!
//! Like [`super::ConversationStats`], built once per data or filter change
//! and read every tick: each group keeps its crossing instants sorted, so
//! "how many have crossed by `now`" is a binary search, not a pass over
//! 50,000 rows.

use std::collections::BTreeMap;

use chrono::Duration;

use crate::awaiting::awaiting_reply_since;
use crate::enums::{Channel, ConversationStatus};
use crate::thresholds::WaitThresholds;
use crate::wire::{Conversation, DepartmentRef, Timestamp};

/// The wait indicators of one group at one instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WaitNumbers {
    /// Conversations in the group.
    pub conversations: usize,
    pub queued: usize,
    /// Largest time in queue; `None` when none is queued.
    pub longest_wait: Option<Duration>,
    /// Past the warning limit but not the critical one.
    pub warning: usize,
    /// Past the critical limit ("over limit").
    pub critical: usize,
    /// Whose newest message is the customer's.
    pub awaiting_reply: usize,
    /// Longest of those waits for an answer.
    pub longest_awaiting: Option<Duration>,
}

/// One group's summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct GroupWaits {
    conversations: usize,
    queued: usize,
    earliest_queued: Option<Timestamp>,
    /// Sorted after building, milliseconds since the epoch.
    warning_at: Vec<i64>,
    critical_at: Vec<i64>,
    awaiting: usize,
    earliest_awaiting: Option<Timestamp>,
}

impl GroupWaits {
    fn push(&mut self, c: &Conversation, thresholds: &WaitThresholds) {
        self.conversations += 1;
        if c.status == ConversationStatus::Queued {
            self.queued += 1;
            self.earliest_queued = earliest(self.earliest_queued, c.status_since);
        }
        if let Some(crossings) = thresholds.crossings(c) {
            self.warning_at
                .push(crossings.warning_at.timestamp_millis());
            self.critical_at
                .push(crossings.critical_at.timestamp_millis());
        }
        if let Some(since) = awaiting_reply_since(c) {
            self.awaiting += 1;
            self.earliest_awaiting = earliest(self.earliest_awaiting, since);
        }
    }

    fn seal(&mut self) {
        self.warning_at.sort_unstable();
        self.critical_at.sort_unstable();
    }

    fn at(&self, now: Timestamp) -> WaitNumbers {
        let now_ms = now.timestamp_millis();
        let crossed = |sorted: &[i64]| sorted.partition_point(|&t| t <= now_ms);
        let critical = crossed(&self.critical_at);
        WaitNumbers {
            conversations: self.conversations,
            queued: self.queued,
            longest_wait: self.earliest_queued.map(|t| elapsed(t, now)),
            // Every critical one has crossed its warning limit too.
            warning: crossed(&self.warning_at).saturating_sub(critical),
            critical,
            awaiting_reply: self.awaiting,
            longest_awaiting: self.earliest_awaiting.map(|t| elapsed(t, now)),
        }
    }
}

fn earliest(current: Option<Timestamp>, t: Timestamp) -> Option<Timestamp> {
    Some(current.map_or(t, |c| c.min(t)))
}

/// `now − t`, never negative (clock skew right after a change).
fn elapsed(t: Timestamp, now: Timestamp) -> Duration {
    (now - t).max(Duration::zero())
}

/// The rows in view, summarised per group for [`Self::total_at`],
/// [`Self::departments_at`] and [`Self::channels_at`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WaitStats {
    total: GroupWaits,
    /// By department id, with the department's name for display.
    departments: BTreeMap<String, (DepartmentRef, GroupWaits)>,
    channels: BTreeMap<Channel, GroupWaits>,
}

impl WaitStats {
    /// Summarises `conversations[i]` for each `i` in `rows` (out-of-range
    /// indices are skipped). O(rows · log rows).
    pub fn from_rows(
        conversations: &[Conversation],
        rows: &[usize],
        thresholds: &WaitThresholds,
    ) -> Self {
        let mut stats = Self::default();
        for c in rows.iter().filter_map(|&i| conversations.get(i)) {
            stats.total.push(c, thresholds);
            stats
                .departments
                .entry(c.department.id.clone())
                .or_insert_with(|| (c.department.clone(), GroupWaits::default()))
                .1
                .push(c, thresholds);
            stats
                .channels
                .entry(c.channel.clone())
                .or_default()
                .push(c, thresholds);
        }
        stats.total.seal();
        stats.departments.values_mut().for_each(|(_, g)| g.seal());
        stats.channels.values_mut().for_each(GroupWaits::seal);
        stats
    }

    /// All the rows together.
    pub fn total_at(&self, now: Timestamp) -> WaitNumbers {
        self.total.at(now)
    }

    /// One entry per department with rows in view, by department name
    /// (ignoring case), then id.
    pub fn departments_at(&self, now: Timestamp) -> Vec<(DepartmentRef, WaitNumbers)> {
        let mut rows: Vec<_> = self
            .departments
            .values()
            .map(|(d, g)| (d.clone(), g.at(now)))
            .collect();
        rows.sort_by(|(a, _), (b, _)| {
            (a.name.to_lowercase(), &a.id).cmp(&(b.name.to_lowercase(), &b.id))
        });
        rows
    }

    /// One entry per channel with rows in view, in channel order (unknown
    /// channels last).
    pub fn channels_at(&self, now: Timestamp) -> Vec<(Channel, WaitNumbers)> {
        self.channels
            .iter()
            .map(|(c, g)| (c.clone(), g.at(now)))
            .collect()
    }
}

#[cfg(test)]
mod tests;
