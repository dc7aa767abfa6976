//! Computing the indicators: one pass over the day's records (oldest
//! first or in any order) adds each to every window it falls in, then the
//! current queue and the agents' loads complete them.

use std::collections::{BTreeMap, HashMap};

use chrono::{DurationRound, TimeDelta};

use super::figures::{ChannelFigures, DepartmentFigures, Sums, Window};
use super::record::{HandleRecord, WaitOutcome, WaitRecord};
use crate::enums::{AgentStatus, Channel, ConversationStatus};
use crate::thresholds::WaitThresholds;
use crate::wire::{Agent, Conversation, DepartmentRef, Timestamp};

/// The half hour of the short window.
pub const RECENT: TimeDelta = TimeDelta::minutes(30);

/// What the indicators are about: these departments (in this order), with
/// the service threshold of each (its queue warning limit). Records,
/// queued conversations and agents of other departments are left out, so
/// a caller who may see only some departments gets figures of those only.
pub struct Scope<'a> {
    pub departments: &'a [DepartmentRef],
    pub thresholds: &'a WaitThresholds,
}

/// Sums of every scope of one window.
#[derive(Clone, Default)]
struct Tally {
    overall: Sums,
    departments: Vec<Sums>,
    channels: BTreeMap<Channel, Sums>,
}

impl Tally {
    /// The overall, department and channel sums one item counts in.
    fn each(&mut self, department: usize, channel: &Channel, add: impl Fn(&mut Sums)) {
        add(&mut self.overall);
        add(&mut self.departments[department]);
        add(self.channels.entry(channel.clone()).or_default());
    }

    fn window(self, from: Timestamp, departments: &[DepartmentRef]) -> Window {
        Window {
            from,
            overall: self.overall.figures(true),
            departments: departments
                .iter()
                .zip(self.departments)
                .map(|(d, sums)| DepartmentFigures {
                    department_id: d.id.clone(),
                    figures: sums.figures(true),
                })
                .collect(),
            channels: self
                .channels
                .into_iter()
                .map(|(channel, sums)| ChannelFigures {
                    channel,
                    // Agents serve departments, not channels.
                    figures: sums.figures(false),
                })
                .collect(),
        }
    }
}

fn millis(d: TimeDelta) -> i64 {
    d.num_milliseconds().max(0)
}

/// The service threshold of a department, in milliseconds.
pub(super) fn threshold_ms(thresholds: &WaitThresholds, department_id: &str) -> i64 {
    let secs = thresholds
        .limits(department_id, &ConversationStatus::Queued)
        .map_or(0, |l| l.warning_secs);
    i64::try_from(secs.saturating_mul(1000)).unwrap_or(i64::MAX)
}

/// The indicators of `scope` for each window starting at one of `froms`
/// and ending at `now`: from the waits and services that ended (`waits`,
/// `handles`; those after `now` are not counted yet), the active
/// `conversations` (their queue) and the `agents` (their loads).
pub fn windows<'a, const N: usize>(
    scope: &Scope<'_>,
    waits: impl IntoIterator<Item = &'a WaitRecord>,
    handles: impl IntoIterator<Item = &'a HandleRecord>,
    conversations: impl IntoIterator<Item = &'a Conversation>,
    agents: impl IntoIterator<Item = &'a Agent>,
    froms: [Timestamp; N],
    now: Timestamp,
) -> [Window; N] {
    let index: HashMap<&str, usize> = scope
        .departments
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    let thresholds: Vec<i64> = scope
        .departments
        .iter()
        .map(|d| threshold_ms(scope.thresholds, &d.id))
        .collect();
    let empty = Tally {
        overall: Sums::default(),
        departments: vec![Sums::default(); scope.departments.len()],
        channels: BTreeMap::new(),
    };
    let mut tallies: [Tally; N] = std::array::from_fn(|_| empty.clone());
    let mut count =
        |at: Timestamp, department: usize, channel: &Channel, add: &dyn Fn(&mut Sums)| {
            if at > now {
                return;
            }
            for (tally, from) in tallies.iter_mut().zip(froms) {
                if at >= from {
                    tally.each(department, channel, add);
                }
            }
        };
    for w in waits {
        let Some(&d) = index.get(w.department_id.as_str()) else {
            continue;
        };
        let wait = millis(w.left_at - w.queued_at);
        let in_time = wait <= thresholds[d];
        let add = |s: &mut Sums| match w.outcome {
            WaitOutcome::Answered => {
                s.answered += 1;
                s.answered_in_time += u64::from(in_time);
                s.wait_ms += wait;
            }
            WaitOutcome::Abandoned => s.abandoned += 1,
        };
        count(w.left_at, d, &w.channel, &add);
    }
    for h in handles {
        let Some(&d) = index.get(h.department_id.as_str()) else {
            continue;
        };
        let handle = millis(h.ended_at - h.answered_at);
        let add = |s: &mut Sums| {
            s.handled += 1;
            s.handle_ms += handle;
        };
        count(h.ended_at, d, &h.channel, &add);
    }
    // The present is the same in every window.
    for c in conversations {
        let Some(&d) = index.get(c.department.id.as_str()) else {
            continue;
        };
        if c.status != ConversationStatus::Queued {
            continue;
        }
        let wait = millis(now - c.status_since);
        for tally in &mut tallies {
            tally.each(d, &c.channel, |s| {
                s.longest_wait_ms = Some(s.longest_wait_ms.map_or(wait, |l| l.max(wait)));
            });
        }
    }
    for a in agents {
        if !matches!(a.status, AgentStatus::Online | AgentStatus::Connected) {
            continue;
        }
        let mut members: Vec<usize> = a
            .departments
            .iter()
            .filter_map(|d| index.get(d.id.as_str()).copied())
            .collect();
        members.sort_unstable();
        members.dedup();
        if members.is_empty() {
            continue;
        }
        let add = |s: &mut Sums| {
            s.busy += u64::from(a.active_conversations);
            s.capacity += u64::from(a.capacity);
        };
        for tally in &mut tallies {
            add(&mut tally.overall);
            for &d in &members {
                add(&mut tally.departments[d]);
            }
        }
    }
    std::array::from_fn(|i| std::mem::take(&mut tallies[i]).window(froms[i], scope.departments))
}

/// Midnight (UTC) of `at`'s day: where "the day so far" starts.
pub fn day_start(at: Timestamp) -> Timestamp {
    at.duration_trunc(TimeDelta::days(1)).unwrap_or(at)
}

/// The starts of the two windows the monitor shows at `now`: the day so
/// far, and the last half hour (which may reach into yesterday).
pub fn day_and_recent(now: Timestamp) -> [Timestamp; 2] {
    [day_start(now), now - RECENT]
}
