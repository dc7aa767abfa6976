//! The order of the Agents table.
//!
//! [`compare_agents`] defines it for one pair of rows; [`sort_rows`]
//! computes each row's key once instead (see [`crate::keyed_sort`]). A
//! property test checks that both give the same order.

use std::cmp::{Ordering, Reverse};

use crate::agent_query::AgentSort;
use crate::keyed_sort::{compare_folded, in_direction, sort_keyed, FoldedTexts};
use crate::query::SortDir;
use crate::wire::Agent;

/// What the Groups column puts between department names; the Groups sort
/// orders by the names so joined, as the cell reads.
pub const GROUPS_SEPARATOR: &str = ", ";

/// The table order of two agents under `sort`/`dir`, ties broken by id
/// ascending (in both directions, so equal rows keep their place when the
/// direction is toggled).
pub fn compare_agents(a: &Agent, b: &Agent, sort: AgentSort, dir: SortDir) -> Ordering {
    let by_key = match sort {
        AgentSort::Name => compare_folded(a.name.chars(), b.name.chars()),
        AgentSort::Status => a.status.cmp(&b.status),
        // Longer in status = earlier timestamp, hence reversed.
        AgentSort::TimeInStatus => b.status_since.cmp(&a.status_since),
        AgentSort::Load => Load::of(a).cmp(&Load::of(b)),
        AgentSort::Transfers => a.transfers.cmp(&b.transfers),
        AgentSort::Groups => a
            .departments
            .is_empty()
            .cmp(&b.departments.is_empty())
            .then_with(|| compare_folded(group_chars(a), group_chars(b))),
    };
    in_direction(by_key, dir).then_with(|| a.id.cmp(&b.id))
}

/// Sorts row indices into `agents` in table order; rows with equal ids
/// (impossible on a Board) keep their index order.
pub(super) fn sort_rows(rows: &mut [usize], agents: &[Agent], sort: AgentSort, dir: SortDir) {
    match sort {
        AgentSort::Name => {
            let folded = FoldedTexts::new(rows, agents, |a| Some(a.name.chars()));
            sort_keyed(rows, agents, dir, |position, a| {
                (folded.get(position), a.name.as_str())
            });
        }
        AgentSort::Status => sort_keyed(rows, agents, dir, |_, a| &a.status),
        AgentSort::TimeInStatus => sort_keyed(rows, agents, dir, |_, a| Reverse(a.status_since)),
        AgentSort::Load => sort_keyed(rows, agents, dir, |_, a| Load::of(a)),
        AgentSort::Transfers => sort_keyed(rows, agents, dir, |_, a| a.transfers),
        AgentSort::Groups => {
            let folded = FoldedTexts::new(rows, agents, |a| Some(group_chars(a)));
            sort_keyed(rows, agents, dir, |position, a| {
                (a.departments.is_empty(), folded.get(position), Groups(a))
            });
        }
    }
}

/// The Groups cell's text, char by char, without building it.
pub(crate) fn group_chars(a: &Agent) -> impl Iterator<Item = char> + Clone + '_ {
    a.departments.iter().enumerate().flat_map(|(i, d)| {
        let separator = if i == 0 { "" } else { GROUPS_SEPARATOR };
        separator.chars().chain(d.name.chars())
    })
}

/// An agent's exact Groups text, as the last tie-break before the id.
struct Groups<'a>(&'a Agent);

impl Ord for Groups<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        group_chars(self.0).cmp(group_chars(other.0))
    }
}

impl PartialOrd for Groups<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Groups<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Groups<'_> {}

/// Active conversations over capacity, compared as an exact fraction (no
/// float rounding, so 1/3 and 2/6 tie and fall to the id).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Load {
    active: u64,
    /// Never 0.
    capacity: u64,
}

impl Load {
    pub(crate) fn of(a: &Agent) -> Self {
        let (active, capacity) = match (a.active_conversations, a.capacity) {
            // No capacity: an agent who still has conversations cannot take
            // more (full); one who has none is simply idle.
            (0, 0) => (0, 1),
            (_, 0) => (1, 1),
            (active, capacity) => (active, capacity),
        };
        Self {
            active: u64::from(active),
            capacity: u64::from(capacity),
        }
    }
}

impl Ord for Load {
    fn cmp(&self, other: &Self) -> Ordering {
        // Both denominators are positive and each product is below 2^64.
        (self.active * other.capacity).cmp(&(other.active * self.capacity))
    }
}

impl PartialOrd for Load {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Load {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Load {}
