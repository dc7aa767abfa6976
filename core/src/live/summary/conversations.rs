//! The conversation indicators (counts by status, waits, durations,
//! transfers) and the wait indicators against the thresholds, overall and
//! per department and channel, kept by deltas over each row's facts.

use std::collections::HashMap;

use chrono::Duration;

use crate::awaiting::awaiting_reply_since;
use crate::enums::{Channel, ConversationStatus};
use crate::indicators::waits::WaitNumbers;
use crate::thresholds::WaitThresholds;
use crate::wire::{Conversation, DepartmentRef, Timestamp};

use super::extreme::{Extreme, Greatest, Least};
use super::Summary;

mod figures;
pub use figures::ConversationFigures;

/// What facts are worked out with: the thresholds, and the departments and
/// channels numbered in the order they were first seen.
#[derive(Debug, Clone, Default)]
pub struct ConversationContext {
    thresholds: WaitThresholds,
    departments: Numbered<String, DepartmentRef>,
    channels: Numbered<Channel, Channel>,
}

impl ConversationContext {
    pub fn new(thresholds: WaitThresholds) -> Self {
        Self {
            thresholds,
            ..Self::default()
        }
    }

    pub fn thresholds(&self) -> &WaitThresholds {
        &self.thresholds
    }
}

/// Keys given small numbers, with a label each (the latest seen).
#[derive(Debug, Clone)]
struct Numbered<K, L> {
    numbers: HashMap<K, u32>,
    labels: Vec<L>,
}

impl<K, L> Default for Numbered<K, L> {
    fn default() -> Self {
        Self {
            numbers: HashMap::new(),
            labels: Vec::new(),
        }
    }
}

impl<K: std::hash::Hash + Eq + Clone, L: PartialEq> Numbered<K, L> {
    fn number(&mut self, key: &K, label: impl FnOnce() -> L) -> u32 {
        match self.numbers.get(key) {
            Some(&n) => {
                let label = label();
                if let Some(slot) = self.labels.get_mut(n as usize) {
                    if *slot != label {
                        *slot = label;
                    }
                }
                n
            }
            None => {
                let n = u32::try_from(self.labels.len()).unwrap_or(u32::MAX);
                self.numbers.insert(key.clone(), n);
                self.labels.push(label());
                n
            }
        }
    }

    fn label(&self, n: usize) -> Option<&L> {
        self.labels.get(n)
    }
}

/// A status as the indicators count it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Class {
    #[default]
    Queued,
    InProgress,
    Pending,
    Inactive,
    /// Unknown statuses, and `finished` should one be in view.
    Other,
}

/// What one conversation adds to the indicators.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ConversationFacts {
    class: Class,
    transfers: u32,
    department: u32,
    channel: u32,
    /// ms since the epoch, as the averages count.
    created_ms: i64,
    status_since_ms: i64,
    /// To the nanosecond, as the longest waits are shown.
    status_since: Timestamp,
    awaiting_since: Option<Timestamp>,
    /// When it crosses its limits, ms since the epoch (`i64::MAX`: never).
    warning_ms: i64,
    critical_ms: i64,
}

impl ConversationFacts {
    pub fn of(c: &Conversation, context: &mut ConversationContext) -> Self {
        let (warning_ms, critical_ms) =
            context
                .thresholds
                .crossings(c)
                .map_or((i64::MAX, i64::MAX), |x| {
                    (
                        x.warning_at.timestamp_millis(),
                        x.critical_at.timestamp_millis(),
                    )
                });
        Self {
            class: match c.status {
                ConversationStatus::Queued => Class::Queued,
                ConversationStatus::InProgress => Class::InProgress,
                ConversationStatus::Pending => Class::Pending,
                ConversationStatus::Inactive => Class::Inactive,
                ConversationStatus::Finished | ConversationStatus::Other(_) => Class::Other,
            },
            transfers: c.transfers,
            department: context
                .departments
                .number(&c.department.id, || c.department.clone()),
            channel: context.channels.number(&c.channel, || c.channel.clone()),
            created_ms: c.created_at.timestamp_millis(),
            status_since_ms: c.status_since.timestamp_millis(),
            status_since: c.status_since,
            awaiting_since: awaiting_reply_since(c),
            warning_ms,
            critical_ms,
        }
    }
}

/// The figures of one group (everything, a department, a channel) that do
/// not move with the clock.
#[derive(Debug, Clone, Default)]
struct Group {
    conversations: usize,
    queued: usize,
    awaiting: usize,
    earliest_queued: Extreme<Timestamp, Least>,
    earliest_awaiting: Extreme<Timestamp, Least>,
}

impl Group {
    fn count(&mut self, f: &ConversationFacts, add: bool) {
        let step = |n: &mut usize| {
            *n = if add { *n + 1 } else { n.saturating_sub(1) };
        };
        step(&mut self.conversations);
        if f.class == Class::Queued {
            step(&mut self.queued);
            if add {
                self.earliest_queued.add(f.status_since);
            } else {
                self.earliest_queued.remove(f.status_since);
            }
        }
        if let Some(since) = f.awaiting_since {
            step(&mut self.awaiting);
            if add {
                self.earliest_awaiting.add(since);
            } else {
                self.earliest_awaiting.remove(since);
            }
        }
    }

    fn is_settled(&self) -> bool {
        !self.earliest_queued.is_stale() && !self.earliest_awaiting.is_stale()
    }

    fn at(&self, now: Timestamp, crossed: Crossed) -> WaitNumbers {
        let since = |t: Option<Timestamp>| t.map(|t| (now - t).max(Duration::zero()));
        WaitNumbers {
            conversations: self.conversations,
            queued: self.queued,
            longest_wait: since(self.earliest_queued.get()),
            // Every critical one has crossed its warning limit too.
            warning: crossed.warning.saturating_sub(crossed.critical),
            critical: crossed.critical,
            awaiting_reply: self.awaiting,
            longest_awaiting: since(self.earliest_awaiting.get()),
        }
    }
}

/// How many rows have crossed each limit by some instant.
#[derive(Debug, Clone, Copy, Default)]
struct Crossed {
    warning: usize,
    critical: usize,
}

impl Crossed {
    fn count(&mut self, f: &ConversationFacts, now_ms: i64) {
        self.warning += usize::from(f.warning_ms <= now_ms);
        self.critical += usize::from(f.critical_ms <= now_ms);
    }
}

/// Everything the indicator cards, the wait breakdown and the wallboard
/// show about the conversations of a view.
#[derive(Debug, Clone, Default)]
pub struct ConversationSummary {
    total: Group,
    departments: Vec<Group>,
    channels: Vec<Group>,
    in_progress: usize,
    pending: usize,
    inactive: usize,
    other: usize,
    /// Sum and latest of the queued ones' `status_since`, in ms.
    waits_sum: i128,
    latest_wait: Extreme<i64, Greatest>,
    /// Sum and latest of every `created_at`, in ms.
    created_sum: i128,
    latest_created: Extreme<i64, Greatest>,
    transfers: u64,
}

fn group(groups: &mut Vec<Group>, n: u32) -> &mut Group {
    let n = n as usize;
    if n >= groups.len() {
        groups.resize_with(n + 1, Group::default);
    }
    &mut groups[n]
}

impl ConversationSummary {
    fn count(&mut self, f: &ConversationFacts, add: bool) {
        self.total.count(f, add);
        group(&mut self.departments, f.department).count(f, add);
        group(&mut self.channels, f.channel).count(f, add);
        let step = |n: &mut usize| {
            *n = if add { *n + 1 } else { n.saturating_sub(1) };
        };
        let sign: i128 = if add { 1 } else { -1 };
        match f.class {
            Class::Queued => {
                let t = f.status_since_ms;
                self.waits_sum += sign * i128::from(t);
                if add {
                    self.latest_wait.add(t);
                } else {
                    self.latest_wait.remove(t);
                }
            }
            Class::InProgress => step(&mut self.in_progress),
            Class::Pending => step(&mut self.pending),
            Class::Inactive => step(&mut self.inactive),
            Class::Other => step(&mut self.other),
        }
        let created = f.created_ms;
        self.created_sum += sign * i128::from(created);
        if add {
            self.latest_created.add(created);
            self.transfers += u64::from(f.transfers);
        } else {
            self.latest_created.remove(created);
            self.transfers = self.transfers.saturating_sub(u64::from(f.transfers));
        }
    }

    /// How many are in progress (no clock needed).
    pub fn in_progress(&self) -> usize {
        self.in_progress
    }

    /// How many conversations are counted.
    pub fn len(&self) -> usize {
        self.total.conversations
    }

    pub fn is_empty(&self) -> bool {
        self.total.conversations == 0
    }
}

impl Summary<ConversationFacts> for ConversationSummary {
    fn add(&mut self, facts: &ConversationFacts) {
        self.count(facts, true);
    }

    fn remove(&mut self, facts: &ConversationFacts) {
        self.count(facts, false);
    }

    fn is_settled(&self) -> bool {
        self.total.is_settled()
            && !self.latest_wait.is_stale()
            && !self.latest_created.is_stale()
            && self.departments.iter().all(Group::is_settled)
            && self.channels.iter().all(Group::is_settled)
    }

    fn settle<'a>(&mut self, rows: impl Iterator<Item = &'a ConversationFacts>) {
        // Only what went stale is found again; the rest is exact.
        let stale = |g: &Group| (g.earliest_queued.is_stale(), g.earliest_awaiting.is_stale());
        let total = stale(&self.total);
        let departments: Vec<_> = self.departments.iter().map(stale).collect();
        let channels: Vec<_> = self.channels.iter().map(stale).collect();
        let (wait, created) = (self.latest_wait.is_stale(), self.latest_created.is_stale());
        let reset = |g: &mut Group, (queued, awaiting): (bool, bool)| {
            if queued {
                g.earliest_queued.reset();
            }
            if awaiting {
                g.earliest_awaiting.reset();
            }
        };
        reset(&mut self.total, total);
        self.departments
            .iter_mut()
            .zip(&departments)
            .for_each(|(g, s)| reset(g, *s));
        self.channels
            .iter_mut()
            .zip(&channels)
            .for_each(|(g, s)| reset(g, *s));
        if wait {
            self.latest_wait.reset();
        }
        if created {
            self.latest_created.reset();
        }
        let refill = |g: &mut Group, (queued, awaiting): (bool, bool), f: &ConversationFacts| {
            if queued && f.class == Class::Queued {
                g.earliest_queued.add(f.status_since);
            }
            if let (true, Some(since)) = (awaiting, f.awaiting_since) {
                g.earliest_awaiting.add(since);
            }
        };
        for f in rows {
            refill(&mut self.total, total, f);
            if let Some(s) = departments.get(f.department as usize) {
                refill(&mut self.departments[f.department as usize], *s, f);
            }
            if let Some(s) = channels.get(f.channel as usize) {
                refill(&mut self.channels[f.channel as usize], *s, f);
            }
            if wait && f.class == Class::Queued {
                self.latest_wait.add(f.status_since_ms);
            }
            if created {
                self.latest_created.add(f.created_ms);
            }
        }
    }
}
