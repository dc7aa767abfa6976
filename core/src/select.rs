//! Which conversations the table shows, and in what order: filters, search
//! and sort over the full set, yielding indices. The table then renders only
//! the visible slice of them.

use std::cmp::Ordering;

use crate::query::{ConversationQuery, ConversationSort, SortDir, UNASSIGNED};
use crate::search::{fold, SearchNeedle};
use crate::wire::Conversation;

/// Ids to show, in order: the indices into `conversations` of those that
/// pass the filters and search, sorted by `query.sort`/`query.dir` with a
/// stable tie-break by id (ascending in both directions, so equal rows do
/// not jump around when the direction is toggled).
///
/// Search looks in customer name, phone, e-mail and agent name; for phones
/// it also matches ignoring spaces, dashes, parentheses and `+` in both
/// needle and phone ("11 9876" finds "+55 11 98765-4321").
///
/// Sort keys: channel and status in their declared order (status in
/// workflow order), unknown values last; customer, agent and department by
/// name, ignoring case and accents, unassigned last in `Asc`; `TimeInStatus`
/// by `status_since` (longer time in status = earlier `status_since`),
/// `Duration` by `created_at`, so no `now` is needed; `Updated`:
/// conversations without `updated_at` sort last in `Asc`.
pub fn select_conversations(
    conversations: &[Conversation],
    query: &ConversationQuery,
) -> Vec<usize> {
    let needle = SearchNeedle::new(&query.search);
    let mut selected: Vec<usize> = conversations
        .iter()
        .enumerate()
        .filter(|(_, c)| passes_filters(c, query) && matches_search(c, &needle))
        .map(|(i, _)| i)
        .collect();
    selected.sort_by(
        |&a, &b| match (conversations.get(a), conversations.get(b)) {
            (Some(a), Some(b)) => compare_conversations(a, b, query.sort, query.dir),
            // Unreachable: the indices come from `enumerate` above.
            _ => a.cmp(&b),
        },
    );
    selected
}

/// Whether `c` passes every filter of `query` (an empty filter passes all).
/// The search is separate: see [`matches_search`].
pub fn passes_filters(c: &Conversation, query: &ConversationQuery) -> bool {
    (query.statuses.is_empty() || query.statuses.contains(&c.status))
        && (query.channels.is_empty() || query.channels.contains(&c.channel))
        && (query.departments.is_empty() || query.departments.contains(c.department.id.as_str()))
        && (query.agents.is_empty()
            || query
                .agents
                .contains(c.agent.as_ref().map_or(UNASSIGNED, |a| a.id.as_str())))
}

/// Whether `c` matches the search: customer name, e-mail, agent name and
/// phone (the phone also ignoring separators).
pub fn matches_search(c: &Conversation, needle: &SearchNeedle) -> bool {
    if needle.is_empty() {
        return true;
    }
    let texts = [
        c.customer.name.as_str(),
        c.customer.email.as_deref().unwrap_or(""),
        c.agent.as_ref().map_or("", |a| a.name.as_str()),
    ];
    let phone = c.customer.phone.as_deref();
    let phones: &[&str] = match &phone {
        Some(p) => std::slice::from_ref(p),
        None => &[],
    };
    needle.matches_with_phones(&texts, phones)
}

/// The table order of two conversations under `sort`/`dir`, ties broken by
/// id ascending.
pub fn compare_conversations(
    a: &Conversation,
    b: &Conversation,
    sort: ConversationSort,
    dir: SortDir,
) -> Ordering {
    let by_key = match sort {
        ConversationSort::Channel => a.channel.cmp(&b.channel),
        ConversationSort::Status => a.status.cmp(&b.status),
        ConversationSort::Customer => compare_names(&a.customer.name, &b.customer.name),
        ConversationSort::Agent => compare_missing_last(
            a.agent.as_ref().map(|x| x.name.as_str()),
            b.agent.as_ref().map(|x| x.name.as_str()),
            compare_names,
        ),
        ConversationSort::Department => compare_names(&a.department.name, &b.department.name),
        ConversationSort::Created => a.created_at.cmp(&b.created_at),
        ConversationSort::Updated => {
            compare_missing_last(a.updated_at, b.updated_at, |x, y| x.cmp(&y))
        }
        // Longer in status (or older) = earlier timestamp, hence reversed.
        ConversationSort::TimeInStatus => b.status_since.cmp(&a.status_since),
        ConversationSort::Duration => b.created_at.cmp(&a.created_at),
        ConversationSort::Transfers => a.transfers.cmp(&b.transfers),
    };
    let by_key = match dir {
        SortDir::Asc => by_key,
        SortDir::Desc => by_key.reverse(),
    };
    by_key.then_with(|| a.id.cmp(&b.id))
}

/// Names as a person reads them: case and accents ignored, then the exact
/// text so that "Ana" and "ana" still have a fixed order.
fn compare_names(a: &str, b: &str) -> Ordering {
    a.chars()
        .filter_map(fold)
        .cmp(b.chars().filter_map(fold))
        .then_with(|| a.cmp(b))
}

fn compare_missing_last<T>(
    a: Option<T>,
    b: Option<T>,
    cmp: impl FnOnce(T, T) -> Ordering,
) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => cmp(a, b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}
