//! The order of the Conversations table.
//!
//! [`compare_conversations`] defines it for one pair of rows; [`sort_rows`]
//! computes each row's key once instead (see [`crate::keyed_sort`]). A
//! property test checks that both give the same order.

use std::cmp::{Ordering, Reverse};

use crate::keyed_sort::{
    compare_folded, compare_missing_last, in_direction, sort_keyed, FoldedTexts,
};
use crate::query::{ConversationSort, SortDir};
use crate::wire::Conversation;

/// The table order of two conversations under `sort`/`dir`, ties broken by
/// id ascending (in both directions, so equal rows keep their place when
/// the direction is toggled).
pub fn compare_conversations(
    a: &Conversation,
    b: &Conversation,
    sort: ConversationSort,
    dir: SortDir,
) -> Ordering {
    let by_key = match sort {
        ConversationSort::Channel => a.channel.cmp(&b.channel),
        ConversationSort::Status => a.status.cmp(&b.status),
        ConversationSort::Ticket
        | ConversationSort::Customer
        | ConversationSort::Agent
        | ConversationSort::Department => match name_of(sort) {
            Some(name) => compare_missing_last(name(a), name(b), compare_names),
            None => Ordering::Equal,
        },
        ConversationSort::Created => a.created_at.cmp(&b.created_at),
        ConversationSort::Updated => {
            compare_missing_last(a.updated_at, b.updated_at, |x, y| x.cmp(&y))
        }
        // Longer in status (or older) = earlier timestamp, hence reversed.
        ConversationSort::TimeInStatus => b.status_since.cmp(&a.status_since),
        ConversationSort::Duration => duration_key(a).cmp(&duration_key(b)),
        ConversationSort::Transfers => a.transfers.cmp(&b.transfers),
        ConversationSort::Finished => {
            compare_missing_last(a.finished_at, b.finished_at, |x, y| x.cmp(&y))
        }
    };
    in_direction(by_key, dir).then_with(|| a.id.cmp(&b.id))
}

/// Sorts row indices into `conversations` in table order; rows with equal
/// ids (impossible on a Board) keep their index order.
pub(super) fn sort_rows(
    rows: &mut [usize],
    conversations: &[Conversation],
    sort: ConversationSort,
    dir: SortDir,
) {
    match sort {
        ConversationSort::Channel => sort_keyed(rows, conversations, dir, |_, c| &c.channel),
        ConversationSort::Status => sort_keyed(rows, conversations, dir, |_, c| &c.status),
        ConversationSort::Created => sort_keyed(rows, conversations, dir, |_, c| c.created_at),
        ConversationSort::Updated => sort_keyed(rows, conversations, dir, |_, c| {
            (c.updated_at.is_none(), c.updated_at)
        }),
        ConversationSort::TimeInStatus => {
            sort_keyed(rows, conversations, dir, |_, c| Reverse(c.status_since))
        }
        ConversationSort::Duration => sort_keyed(rows, conversations, dir, |_, c| duration_key(c)),
        ConversationSort::Finished => sort_keyed(rows, conversations, dir, |_, c| {
            (c.finished_at.is_none(), c.finished_at)
        }),
        ConversationSort::Transfers => sort_keyed(rows, conversations, dir, |_, c| c.transfers),
        ConversationSort::Ticket
        | ConversationSort::Customer
        | ConversationSort::Agent
        | ConversationSort::Department => {
            if let Some(name) = name_of(sort) {
                sort_by_name(rows, conversations, dir, name);
            }
        }
    }
}

/// Folds each name once (see [`FoldedTexts`]), then sorts by (missing,
/// folded, exact) name.
fn sort_by_name(rows: &mut [usize], conversations: &[Conversation], dir: SortDir, name: NameOf) {
    let folded = FoldedTexts::new(rows, conversations, |c| name(c).map(str::chars));
    sort_keyed(rows, conversations, dir, |position, c| {
        let key = folded.get(position);
        (key.is_none(), key, name(c))
    });
}

/// How long a conversation lasts, as the Duration column orders it: a
/// finished one by its length; one going on by its start (it has lasted
/// since then, so the earlier the longer). Lists hold one kind or the
/// other; between kinds, those going on come first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DurationKey {
    Ongoing(Reverse<crate::wire::Timestamp>),
    Ended(chrono::Duration),
}

pub fn duration_key(c: &Conversation) -> DurationKey {
    match c.finished_at {
        Some(end) => DurationKey::Ended(end - c.created_at),
        None => DurationKey::Ongoing(Reverse(c.created_at)),
    }
}

/// The name a sort column orders by; `None` (no agent) sorts last in `Asc`.
type NameOf = fn(&Conversation) -> Option<&str>;

fn name_of(sort: ConversationSort) -> Option<NameOf> {
    match sort {
        ConversationSort::Ticket => Some(|c| c.ticket.as_deref()),
        ConversationSort::Customer => Some(|c| Some(c.customer.name.as_str())),
        ConversationSort::Agent => Some(|c| c.agent.as_ref().map(|a| a.name.as_str())),
        ConversationSort::Department => Some(|c| Some(c.department.name.as_str())),
        _ => None,
    }
}

/// Names as a person reads them: case and accents ignored, then the exact
/// text so that "Ana" and "ana" still have a fixed order.
fn compare_names(a: &str, b: &str) -> Ordering {
    compare_folded(a.chars(), b.chars())
}
