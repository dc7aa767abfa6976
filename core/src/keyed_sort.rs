//! Sorting a table's row indices by a key computed once per row, shared by
//! the Conversations and Agents tables.
//!
//! A comparator that derives its key (folding a name, matching on the
//! column) redoes that work in each of the ~800,000 comparisons that
//! sorting 50,000 rows takes; computing each row's key once and sorting
//! plain tuples does it 50,000 times.

use std::cmp::Ordering;
use std::ops::Range;

use crate::query::SortDir;
use crate::search::fold;
use crate::wire::{Agent, Conversation};

/// A table row: what the tie-break needs.
pub(crate) trait Row {
    fn id(&self) -> &str;
}

impl Row for Conversation {
    fn id(&self) -> &str {
        &self.id
    }
}

impl Row for Agent {
    fn id(&self) -> &str {
        &self.id
    }
}

/// `by_key` as the direction wants it.
pub(crate) fn in_direction(by_key: Ordering, dir: SortDir) -> Ordering {
    match dir {
        SortDir::Asc => by_key,
        SortDir::Desc => by_key.reverse(),
    }
}

/// Sorts `rows` (indices into `items`) by `key(position in rows, item)` in
/// direction `dir`, then by id ascending (in both directions, so equal rows
/// keep their place when the direction is toggled), then by index (equal
/// ids cannot happen in a Board, but the order stays total).
pub(crate) fn sort_keyed<'c, T: Row, K: Ord>(
    rows: &mut [usize],
    items: &'c [T],
    dir: SortDir,
    key: impl Fn(usize, &'c T) -> K,
) {
    let mut keyed: Vec<(K, &str, usize)> = rows
        .iter()
        .enumerate()
        .filter_map(|(p, &i)| items.get(i).map(|item| (key(p, item), item.id(), i)))
        .collect();
    keyed.sort_unstable_by(|(ka, ida, a), (kb, idb, b)| {
        in_direction(ka.cmp(kb), dir)
            .then_with(|| ida.cmp(idb))
            .then(a.cmp(b))
    });
    // The callers pass only valid indices, so `keyed` is as long as `rows`;
    // were one out of range, the tail of `rows` would keep its old values
    // rather than panic.
    for (slot, (_, _, i)) in rows.iter_mut().zip(keyed) {
        *slot = i;
    }
}

/// The folded text of each row of a sort, in one shared buffer: two
/// allocations in all, none per row.
pub(crate) struct FoldedTexts {
    folded: String,
    /// Per position in the rows: where its text is in `folded`, or `None`
    /// when the row has no text (such as no agent).
    ranges: Vec<Option<Range<usize>>>,
}

impl FoldedTexts {
    /// Folds `text(item)` of each row, in the order of `rows`.
    pub(crate) fn new<'c, T, I: Iterator<Item = char>>(
        rows: &[usize],
        items: &'c [T],
        text: impl Fn(&'c T) -> Option<I>,
    ) -> Self {
        let mut folded = String::with_capacity(rows.len() * 16);
        let ranges = rows
            .iter()
            .map(|&i| {
                items.get(i).and_then(&text).map(|chars| {
                    let start = folded.len();
                    folded.extend(chars.filter_map(fold));
                    start..folded.len()
                })
            })
            .collect();
        Self { folded, ranges }
    }

    /// The folded text of the row at `position` in the rows. UTF-8 byte
    /// order is char order, so these compare like the folded chars do.
    pub(crate) fn get(&self, position: usize) -> Option<&str> {
        self.ranges
            .get(position)
            .cloned()
            .flatten()
            .and_then(|r| self.folded.get(r))
    }
}

/// Text as a person reads it: case and accents ignored, then the exact
/// chars so that "Ana" and "ana" still have a fixed order.
pub(crate) fn compare_folded<I: Iterator<Item = char> + Clone>(a: I, b: I) -> Ordering {
    a.clone()
        .filter_map(fold)
        .cmp(b.clone().filter_map(fold))
        .then_with(|| a.cmp(b))
}

/// `Some` before `None`, so rows without the value sort last in `Asc`.
pub(crate) fn compare_missing_last<T>(
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
