//! The order of the Conversations table.
//!
//! [`compare_conversations`] defines it for one pair of rows. Sorting 50,000
//! rows with it would redo the key work (folding names, matching on the
//! column) in each of the ~800,000 comparisons, so [`sort_rows`] computes
//! each row's key once and sorts plain tuples. A property test checks that
//! both give the same order.

use std::cmp::{Ordering, Reverse};
use std::ops::Range;

use crate::query::{ConversationSort, SortDir};
use crate::search::fold;
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
        ConversationSort::Customer | ConversationSort::Agent | ConversationSort::Department => {
            match name_of(sort) {
                Some(name) => compare_missing_last(name(a), name(b), compare_names),
                None => Ordering::Equal,
            }
        }
        ConversationSort::Created => a.created_at.cmp(&b.created_at),
        ConversationSort::Updated => {
            compare_missing_last(a.updated_at, b.updated_at, |x, y| x.cmp(&y))
        }
        // Longer in status (or older) = earlier timestamp, hence reversed.
        ConversationSort::TimeInStatus => b.status_since.cmp(&a.status_since),
        ConversationSort::Duration => b.created_at.cmp(&a.created_at),
        ConversationSort::Transfers => a.transfers.cmp(&b.transfers),
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
        ConversationSort::Duration => {
            sort_keyed(rows, conversations, dir, |_, c| Reverse(c.created_at))
        }
        ConversationSort::Transfers => sort_keyed(rows, conversations, dir, |_, c| c.transfers),
        ConversationSort::Customer | ConversationSort::Agent | ConversationSort::Department => {
            if let Some(name) = name_of(sort) {
                sort_by_name(rows, conversations, dir, name);
            }
        }
    }
}

/// Folds each name once into one shared buffer (two allocations in all,
/// none per row), then sorts by (missing, folded, exact) name.
fn sort_by_name(rows: &mut [usize], conversations: &[Conversation], dir: SortDir, name: NameOf) {
    let mut folded = String::with_capacity(rows.len() * 16);
    let ranges: Vec<Option<Range<usize>>> = rows
        .iter()
        .map(|&i| {
            conversations.get(i).and_then(name).map(|n| {
                let start = folded.len();
                folded.extend(n.chars().filter_map(fold));
                start..folded.len()
            })
        })
        .collect();
    sort_keyed(rows, conversations, dir, |position, c| {
        let key = ranges
            .get(position)
            .cloned()
            .flatten()
            .and_then(|r| folded.get(r));
        // UTF-8 byte order is char order, so folded strings compare like
        // the folded chars `compare_names` compares.
        (key.is_none(), key, name(c))
    });
}

/// Sorts `rows` by `key(position in rows, conversation)` in direction
/// `dir`, then by id, then by index.
fn sort_keyed<'c, K: Ord>(
    rows: &mut [usize],
    conversations: &'c [Conversation],
    dir: SortDir,
    key: impl Fn(usize, &'c Conversation) -> K,
) {
    let mut keyed: Vec<(K, &str, usize)> = rows
        .iter()
        .enumerate()
        .filter_map(|(p, &i)| conversations.get(i).map(|c| (key(p, c), c.id.as_str(), i)))
        .collect();
    keyed.sort_unstable_by(|(ka, ida, a), (kb, idb, b)| {
        in_direction(ka.cmp(kb), dir)
            .then_with(|| ida.cmp(idb))
            .then(a.cmp(b))
    });
    // Same length unless an index was out of range, which `enumerate` rules out.
    for (slot, (_, _, i)) in rows.iter_mut().zip(keyed) {
        *slot = i;
    }
}

fn in_direction(by_key: Ordering, dir: SortDir) -> Ordering {
    match dir {
        SortDir::Asc => by_key,
        SortDir::Desc => by_key.reverse(),
    }
}

/// The name a sort column orders by; `None` (no agent) sorts last in `Asc`.
type NameOf = fn(&Conversation) -> Option<&str>;

fn name_of(sort: ConversationSort) -> Option<NameOf> {
    match sort {
        ConversationSort::Customer => Some(|c| Some(c.customer.name.as_str())),
        ConversationSort::Agent => Some(|c| c.agent.as_ref().map(|a| a.name.as_str())),
        ConversationSort::Department => Some(|c| Some(c.department.name.as_str())),
        _ => None,
    }
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
