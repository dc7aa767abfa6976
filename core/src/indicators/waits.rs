//! Wait indicators against the thresholds — longest wait, how many are
//! over their warning or critical limit, how many await a reply — for the
//! rows in view as a whole, per department and per channel.
//!
//! Built once per data or filter change, in one pass without allocating
//! per row; read every tick. Each row keeps only the two instants at which
//! it crosses its limits, so "how many have crossed by `now`" is two
//! integer comparisons per row each tick: cheaper than sorting them again
//! on every change when changes arrive twice a second.

use std::collections::HashMap;

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

/// What a group's numbers are that do not change with the clock.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct GroupBase {
    conversations: usize,
    queued: usize,
    earliest_queued: Option<Timestamp>,
    awaiting: usize,
    earliest_awaiting: Option<Timestamp>,
}

impl GroupBase {
    fn add(&mut self, c: &Conversation, awaiting_since: Option<Timestamp>) {
        self.conversations += 1;
        if c.status == ConversationStatus::Queued {
            self.queued += 1;
            self.earliest_queued = earliest(self.earliest_queued, c.status_since);
        }
        if let Some(since) = awaiting_since {
            self.awaiting += 1;
            self.earliest_awaiting = earliest(self.earliest_awaiting, since);
        }
    }

    /// The numbers at `now`, given how many have crossed each limit.
    fn at(&self, now: Timestamp, crossed: Crossed) -> WaitNumbers {
        WaitNumbers {
            conversations: self.conversations,
            queued: self.queued,
            longest_wait: self.earliest_queued.map(|t| elapsed(t, now)),
            // Every critical one has crossed its warning limit too.
            warning: crossed.warning.saturating_sub(crossed.critical),
            critical: crossed.critical,
            awaiting_reply: self.awaiting,
            longest_awaiting: self.earliest_awaiting.map(|t| elapsed(t, now)),
        }
    }
}

/// How many rows of a group have crossed each limit.
#[derive(Debug, Clone, Copy, Default)]
struct Crossed {
    warning: usize,
    critical: usize,
}

/// One row, as the clock needs it: its groups and its two crossing
/// instants (ms since the epoch; `i64::MAX` for "never").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct RowWait {
    department: u32,
    channel: u32,
    warning_at: i64,
    critical_at: i64,
}

fn earliest(current: Option<Timestamp>, t: Timestamp) -> Option<Timestamp> {
    Some(current.map_or(t, |c| c.min(t)))
}

/// `now − t`, never negative (clock skew right after a change).
fn elapsed(t: Timestamp, now: Timestamp) -> Duration {
    (now - t).max(Duration::zero())
}

/// The rows in view, summarised for [`Self::total_at`],
/// [`Self::departments_at`] and [`Self::channels_at`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WaitStats {
    rows: Vec<RowWait>,
    total: GroupBase,
    /// In order of first appearance; `RowWait::department` indexes it.
    departments: Vec<(DepartmentRef, GroupBase)>,
    channels: Vec<(Channel, GroupBase)>,
}

impl WaitStats {
    /// Summarises `conversations[i]` for each `i` in `rows` (out-of-range
    /// indices are skipped). O(rows); allocates per group, not per row.
    pub fn from_rows(
        conversations: &[Conversation],
        rows: &[usize],
        thresholds: &WaitThresholds,
    ) -> Self {
        let mut stats = Self {
            rows: Vec::with_capacity(rows.len()),
            ..Self::default()
        };
        let mut department_index: HashMap<&str, u32> = HashMap::new();
        let mut channel_index: HashMap<&Channel, u32> = HashMap::new();
        for c in rows.iter().filter_map(|&i| conversations.get(i)) {
            let awaiting_since = awaiting_reply_since(c);
            stats.total.add(c, awaiting_since);
            let department = *department_index
                .entry(c.department.id.as_str())
                .or_insert_with(|| {
                    stats
                        .departments
                        .push((c.department.clone(), GroupBase::default()));
                    index(stats.departments.len())
                });
            let channel = *channel_index.entry(&c.channel).or_insert_with(|| {
                stats
                    .channels
                    .push((c.channel.clone(), GroupBase::default()));
                index(stats.channels.len())
            });
            if let Some((_, group)) = stats.departments.get_mut(department as usize) {
                group.add(c, awaiting_since);
            }
            if let Some((_, group)) = stats.channels.get_mut(channel as usize) {
                group.add(c, awaiting_since);
            }
            let (warning_at, critical_at) =
                thresholds.crossings(c).map_or((i64::MAX, i64::MAX), |x| {
                    (
                        x.warning_at.timestamp_millis(),
                        x.critical_at.timestamp_millis(),
                    )
                });
            stats.rows.push(RowWait {
                department,
                channel,
                warning_at,
                critical_at,
            });
        }
        stats
    }

    /// All the rows together.
    pub fn total_at(&self, now: Timestamp) -> WaitNumbers {
        let now_ms = now.timestamp_millis();
        let mut crossed = Crossed::default();
        for row in &self.rows {
            crossed.warning += usize::from(row.warning_at <= now_ms);
            crossed.critical += usize::from(row.critical_at <= now_ms);
        }
        self.total.at(now, crossed)
    }

    /// One entry per department with rows in view, by department name
    /// (ignoring case), then id.
    pub fn departments_at(&self, now: Timestamp) -> Vec<(DepartmentRef, WaitNumbers)> {
        let crossed = self.crossed_by(now, self.departments.len(), |r| r.department);
        let mut rows: Vec<_> = self
            .departments
            .iter()
            .zip(crossed)
            .map(|((d, base), crossed)| (d.clone(), base.at(now, crossed)))
            .collect();
        rows.sort_by(|(a, _), (b, _)| {
            (a.name.to_lowercase(), &a.id).cmp(&(b.name.to_lowercase(), &b.id))
        });
        rows
    }

    /// One entry per channel with rows in view, in channel order (unknown
    /// channels last).
    pub fn channels_at(&self, now: Timestamp) -> Vec<(Channel, WaitNumbers)> {
        let crossed = self.crossed_by(now, self.channels.len(), |r| r.channel);
        let mut rows: Vec<_> = self
            .channels
            .iter()
            .zip(crossed)
            .map(|((c, base), crossed)| (c.clone(), base.at(now, crossed)))
            .collect();
        rows.sort_by(|(a, _), (b, _)| a.cmp(b));
        rows
    }

    /// Crossings at `now` per group, groups numbered by `group`.
    fn crossed_by(
        &self,
        now: Timestamp,
        groups: usize,
        group: fn(&RowWait) -> u32,
    ) -> Vec<Crossed> {
        let now_ms = now.timestamp_millis();
        let mut crossed = vec![Crossed::default(); groups];
        for row in &self.rows {
            if let Some(c) = crossed.get_mut(group(row) as usize) {
                c.warning += usize::from(row.warning_at <= now_ms);
                c.critical += usize::from(row.critical_at <= now_ms);
            }
        }
        crossed
    }
}

/// The index of the group just pushed (`len − 1`); groups are departments
/// and channels, far fewer than `u32::MAX`.
fn index(len: usize) -> u32 {
    u32::try_from(len.saturating_sub(1)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests;
