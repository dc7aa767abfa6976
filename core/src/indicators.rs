//! The indicator cards over the rows in view: counts by status, waits,
//! durations, transfers, and agents' occupancy.
//!
//! Waits and durations grow every clock tick, over up to 50,000 rows, so
//! the conversation indicators come in two steps:
//! [`ConversationStats::from_rows`] summarises the rows once per data or
//! filter change, and [`ConversationStats::at`] reads the summary for one
//! instant without going over the rows again.

mod instants;
pub mod waits;

use chrono::Duration;

use crate::enums::{AgentStatus, ConversationStatus};
use crate::wire::{Agent, Conversation, Timestamp};
use instants::Instants;

/// The conversations in view, summarised for [`Self::at`].
///
/// Computed once per data/filter change (O(rows)); evaluated per tick in
/// O(1). (While some timestamp is after the tick's `now` — clock skew right
/// after a change — an evaluation goes over the rows once, so that those
/// count as 0 rather than as negative time.)
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConversationStats {
    in_progress: usize,
    pending: usize,
    inactive: usize,
    other: usize,
    /// `status_since` of the queued conversations (their count is queued).
    waits: Instants,
    /// `created_at` of every conversation (their count is total).
    starts: Instants,
    transfers: u64,
}

/// The conversation indicators at one instant.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ConversationIndicators {
    pub queued: usize,
    pub in_progress: usize,
    pub pending: usize,
    pub inactive: usize,
    /// Unknown statuses, and `finished` should one be in view.
    pub other: usize,
    pub total: usize,
    /// Mean of (now − status_since) over queued conversations; None when none queued.
    pub average_wait: Option<Duration>,
    /// Largest (now − status_since) over queued conversations; None when none queued.
    pub longest_wait: Option<Duration>,
    /// Mean of (now − created_at) over all rows; None when empty.
    pub average_duration: Option<Duration>,
    /// Sum of transfers / rows; None when empty.
    pub transfers_per_conversation: Option<f64>,
}

impl ConversationIndicators {
    /// No conversations: zero counts, no averages.
    pub fn empty() -> Self {
        ConversationStats::default().at(Timestamp::default())
    }
}

impl ConversationStats {
    /// Summarises `conversations[i]` for each `i` in `rows` (the indices the
    /// table shows; one that is out of range is skipped).
    pub fn from_rows(conversations: &[Conversation], rows: &[usize]) -> Self {
        let mut stats = Self {
            starts: Instants::with_capacity(rows.len()),
            ..Self::default()
        };
        for c in rows.iter().filter_map(|&i| conversations.get(i)) {
            match c.status {
                ConversationStatus::Queued => stats.waits.push(c.status_since),
                ConversationStatus::InProgress => stats.in_progress += 1,
                ConversationStatus::Pending => stats.pending += 1,
                ConversationStatus::Inactive => stats.inactive += 1,
                ConversationStatus::Finished | ConversationStatus::Other(_) => stats.other += 1,
            }
            stats.starts.push(c.created_at);
            stats.transfers = stats.transfers.saturating_add(u64::from(c.transfers));
        }
        stats
    }

    /// The indicators at `now` (the server-corrected clock), to the
    /// millisecond. A timestamp after `now` counts as no time elapsed.
    pub fn at(&self, now: Timestamp) -> ConversationIndicators {
        let total = self.starts.len();
        ConversationIndicators {
            queued: self.waits.len(),
            in_progress: self.in_progress,
            pending: self.pending,
            inactive: self.inactive,
            other: self.other,
            total,
            average_wait: self.waits.mean_elapsed(now),
            longest_wait: self.waits.longest_elapsed(now),
            average_duration: self.starts.mean_elapsed(now),
            transfers_per_conversation: (total > 0).then(|| self.transfers as f64 / total as f64),
        }
    }
}

/// The agent indicators; nothing in them depends on the clock.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct AgentIndicators {
    pub online: usize,
    pub connected: usize,
    pub offline: usize,
    /// Unknown statuses.
    pub other: usize,
    pub total: usize,
    /// Sum of active conversations / sum of capacity over agents that are
    /// not offline; None when that capacity is 0. Above 1 when agents hold
    /// more than their capacity.
    pub occupancy: Option<f64>,
}

/// The indicators of `agents[i]` for each `i` in `rows` (the indices the
/// table shows; one that is out of range is skipped). An agent of unknown
/// status counts toward occupancy: only `offline` is known to take none.
pub fn agent_indicators(agents: &[Agent], rows: &[usize]) -> AgentIndicators {
    let mut indicators = AgentIndicators::default();
    let (mut active, mut capacity) = (0u64, 0u64);
    for a in rows.iter().filter_map(|&i| agents.get(i)) {
        indicators.total += 1;
        match a.status {
            AgentStatus::Online => indicators.online += 1,
            AgentStatus::Connected => indicators.connected += 1,
            AgentStatus::Offline => {
                indicators.offline += 1;
                continue;
            }
            AgentStatus::Other(_) => indicators.other += 1,
        }
        active = active.saturating_add(u64::from(a.active_conversations));
        capacity = capacity.saturating_add(u64::from(a.capacity));
    }
    indicators.occupancy = (capacity > 0).then(|| active as f64 / capacity as f64);
    indicators
}
