//! Which conversations the table shows, and in what order: filters, search
//! and sort over the full set, yielding indices. The table then renders only
//! the visible slice of them.

mod sort;

pub use sort::{compare_conversations, duration_key, DurationKey};

use crate::awaiting::is_awaiting_reply;
use crate::query::{ConversationQuery, UNASSIGNED};
use crate::search::SearchNeedle;
use crate::wire::Conversation;
use sort::sort_rows;

/// Ids to show, in order: the indices into `conversations` of those that
/// pass the filters and search, sorted by `query.sort`/`query.dir` with a
/// stable tie-break by id (ascending in both directions, so equal rows do
/// not jump around when the direction is toggled).
///
/// Search looks in customer name, phone, e-mail, agent name and ticket
/// number; for phones
/// it also matches ignoring spaces, dashes, parentheses and `+` in both
/// needle and phone ("11 9876" finds "+55 11 98765-4321").
///
/// Sort keys: channel and status in their declared order (status in
/// workflow order), unknown values last; customer, agent and department by
/// name, ignoring case and accents, unassigned last in `Asc`; `TimeInStatus`
/// by `status_since` (longer time in status = earlier `status_since`),
/// `Duration` by `created_at` (a finished one by its length, see
/// [`duration_key`]), so no `now` is needed; `Updated` and `Finished`:
/// conversations without that time sort last in `Asc`.
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
    sort_rows(&mut selected, conversations, query.sort, query.dir);
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
        && (!query.awaiting || is_awaiting_reply(c))
}

/// Whether `c` matches the search: customer name, e-mail, agent name,
/// ticket number and phone (the phone also ignoring separators).
pub fn matches_search(c: &Conversation, needle: &SearchNeedle) -> bool {
    if needle.is_empty() {
        return true;
    }
    let texts = [
        c.customer.name.as_str(),
        c.customer.email.as_deref().unwrap_or(""),
        c.agent.as_ref().map_or("", |a| a.name.as_str()),
        c.ticket.as_deref().unwrap_or(""),
    ];
    let phone = c.customer.phone.as_deref();
    let phones: &[&str] = match &phone {
        Some(p) => std::slice::from_ref(p),
        None => &[],
    };
    needle.matches_with_phones(&texts, phones)
}
