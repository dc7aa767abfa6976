//! Which agents the Agents table shows, and in what order: filters, search
//! and sort over the full set, yielding indices. The table then renders only
//! the visible slice of them.

pub(crate) mod sort;

pub use sort::{compare_agents, GROUPS_SEPARATOR};

use crate::agent_query::AgentQuery;
use crate::search::SearchNeedle;
use crate::wire::Agent;
use sort::sort_rows;

/// Ids to show, in order: the indices into `agents` of those that pass the
/// filters and search, sorted by `query.sort`/`query.dir` with a stable
/// tie-break by id (ascending in both directions, so equal rows do not jump
/// around when the direction is toggled).
///
/// Search looks in name and e-mail, ignoring case and accents; every word
/// must occur in one of them. The department filter keeps an agent in any
/// of the chosen departments.
///
/// Sort keys: name ignoring case and accents; status in its declared order
/// (online, connected, offline), unknown values last; `TimeInStatus` by
/// `status_since` (longer time in status = earlier `status_since`), so no
/// `now` is needed; `Load` by active conversations over capacity, where a
/// capacity of 0 counts as full if the agent has any active conversation
/// and as empty otherwise; `Groups` by the department names joined with
/// [`GROUPS_SEPARATOR`], ignoring case and accents, agents without a
/// department last in `Asc`.
pub fn select_agents(agents: &[Agent], query: &AgentQuery) -> Vec<usize> {
    let needle = SearchNeedle::new(&query.search);
    let mut selected: Vec<usize> = agents
        .iter()
        .enumerate()
        .filter(|(_, a)| passes_filters(a, query) && matches_search(a, &needle))
        .map(|(i, _)| i)
        .collect();
    sort_rows(&mut selected, agents, query.sort, query.dir);
    selected
}

/// Whether `a` passes every filter of `query` (an empty filter passes all).
/// The search is separate: see [`matches_search`].
pub fn passes_filters(a: &Agent, query: &AgentQuery) -> bool {
    (query.statuses.is_empty() || query.statuses.contains(&a.status))
        && (query.departments.is_empty()
            || a.departments
                .iter()
                .any(|d| query.departments.contains(d.id.as_str())))
}

/// Whether `a` matches the search: name and e-mail.
pub fn matches_search(a: &Agent, needle: &SearchNeedle) -> bool {
    needle.is_empty() || needle.matches(&[a.name.as_str(), a.email.as_deref().unwrap_or("")])
}
