//! A conversation view's figures read at an instant: the counts and
//! averages kept by its summary, and what the clock moves since (limits
//! crossed, instants still ahead of the clock), worked out from its rows'
//! facts.

use chrono::Duration;

use super::{Class, ConversationContext, ConversationFacts, ConversationSummary, Crossed, Group};
use crate::enums::Channel;
use crate::indicators::waits::WaitNumbers;
use crate::indicators::ConversationIndicators;
use crate::live::bitset::Bitset;
use crate::wire::{DepartmentRef, Timestamp};

/// A view's figures at any instant: its summary, and its rows' facts for
/// what the clock moves (limits crossed, instants ahead of the clock).
pub struct ConversationFigures<'a> {
    pub(crate) summary: &'a ConversationSummary,
    pub(crate) rows: &'a Bitset,
    pub(crate) facts: &'a [ConversationFacts],
    pub(crate) context: &'a ConversationContext,
}

impl ConversationFigures<'_> {
    fn facts(&self) -> impl Iterator<Item = &ConversationFacts> {
        self.rows
            .iter()
            .filter_map(|slot| self.facts.get(slot as usize))
    }

    /// How many are in progress (no clock needed).
    pub fn in_progress(&self) -> usize {
        self.summary.in_progress
    }

    /// The conversation indicators at `now` (the same as
    /// [`crate::ConversationStats`] over the same rows).
    pub fn stats_at(&self, now: Timestamp) -> ConversationIndicators {
        let s = self.summary;
        let now_ms = now.timestamp_millis();
        let total = s.total.conversations;
        let queued = s.total.queued;
        // Σ max(0, now − t): Σ(now − t), unless an instant is ahead of the
        // clock (right after a change), when only a pass can tell.
        let elapsed_sum = |count: usize,
                           sum: i128,
                           latest: Option<i64>,
                           of: fn(&ConversationFacts) -> Option<i64>| {
            if latest.is_none_or(|l| now_ms >= l) {
                i128::try_from(count).unwrap_or(i128::MAX) * i128::from(now_ms) - sum
            } else {
                self.facts()
                    .filter_map(of)
                    .map(|t| (i128::from(now_ms) - i128::from(t)).max(0))
                    .sum()
            }
        };
        let mean = |count: usize, total: i128| {
            let count = i128::try_from(count).ok().filter(|n| *n > 0)?;
            Some(millis(total / count))
        };
        let waits = elapsed_sum(queued, s.waits_sum, s.latest_wait.get(), |f| {
            (f.class == Class::Queued).then_some(f.status_since_ms)
        });
        let durations = elapsed_sum(total, s.created_sum, s.latest_created.get(), |f| {
            Some(f.created_ms)
        });
        ConversationIndicators {
            queued,
            in_progress: s.in_progress,
            pending: s.pending,
            inactive: s.inactive,
            other: s.other,
            total,
            average_wait: mean(queued, waits),
            longest_wait: s
                .total
                .earliest_queued
                .get()
                .map(|t| millis((i128::from(now_ms) - i128::from(t.timestamp_millis())).max(0))),
            average_duration: mean(total, durations),
            transfers_per_conversation: (total > 0).then(|| s.transfers as f64 / total as f64),
        }
    }

    /// The wait indicators of all the rows together.
    pub fn waits_at(&self, now: Timestamp) -> WaitNumbers {
        let now_ms = now.timestamp_millis();
        let mut crossed = Crossed::default();
        for f in self.facts() {
            crossed.count(f, now_ms);
        }
        self.summary.total.at(now, crossed)
    }

    /// One entry per department with rows in view, by department name
    /// (ignoring case), then id.
    pub fn departments_at(&self, now: Timestamp) -> Vec<(DepartmentRef, WaitNumbers)> {
        let crossed = self.crossed_by(now, self.summary.departments.len(), |f| f.department);
        let mut rows: Vec<_> = groups_at(&self.summary.departments, &crossed, now)
            .filter_map(|(n, numbers)| Some((self.context.departments.label(n)?.clone(), numbers)))
            .collect();
        rows.sort_by(|(a, _), (b, _)| {
            (a.name.to_lowercase(), &a.id).cmp(&(b.name.to_lowercase(), &b.id))
        });
        rows
    }

    /// One entry per channel with rows in view, in channel order.
    pub fn channels_at(&self, now: Timestamp) -> Vec<(Channel, WaitNumbers)> {
        let crossed = self.crossed_by(now, self.summary.channels.len(), |f| f.channel);
        let mut rows: Vec<_> = groups_at(&self.summary.channels, &crossed, now)
            .filter_map(|(n, numbers)| Some((self.context.channels.label(n)?.clone(), numbers)))
            .collect();
        rows.sort_by(|(a, _), (b, _)| a.cmp(b));
        rows
    }

    fn crossed_by(
        &self,
        now: Timestamp,
        groups: usize,
        group: fn(&ConversationFacts) -> u32,
    ) -> Vec<Crossed> {
        let now_ms = now.timestamp_millis();
        let mut crossed = vec![Crossed::default(); groups];
        for f in self.facts() {
            if let Some(c) = crossed.get_mut(group(f) as usize) {
                c.count(f, now_ms);
            }
        }
        crossed
    }
}

/// The groups with rows in view, numbered, at `now`.
fn groups_at<'a>(
    groups: &'a [Group],
    crossed: &'a [Crossed],
    now: Timestamp,
) -> impl Iterator<Item = (usize, WaitNumbers)> + 'a {
    groups
        .iter()
        .zip(crossed)
        .enumerate()
        .filter(|(_, (g, _))| g.conversations > 0)
        .map(move |(n, (g, c))| (n, g.at(now, *c)))
}

/// A non-negative number of milliseconds as a duration.
fn millis(ms: i128) -> Duration {
    i64::try_from(ms)
        .ok()
        .and_then(Duration::try_milliseconds)
        .unwrap_or(Duration::MAX)
}
