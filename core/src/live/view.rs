//! One query's answer over an [`Index`], kept current: which rows match,
//! in what order, and their indicator figures. A new query costs what
//! differs from the last one (a narrower search tests only the previous
//! matches; the figures change by the rows that came or went), going back
//! to one of the last few queries costs nothing (their answers are kept,
//! and kept current), and a batch of row changes costs those rows.

use std::collections::HashSet;

use crate::search::SearchNeedle;

use super::bitset::Bitset;
use super::index::{Change, Index, Listing};
use super::order::Place;
use super::record::{Indexed, RowQuery};
use super::summary::Summary;
use super::table::RowKey;

/// How many earlier queries keep their answers (a word typed and erased).
const KEPT: usize = 8;

/// One query's answer, without its ordered rows.
#[derive(Debug, Clone)]
struct Answer<Q, S> {
    query: Q,
    needle: SearchNeedle,
    /// Per facet, the chosen values (empty: any).
    chosen: Vec<HashSet<Box<str>>>,
    matches: Bitset,
    summary: S,
}

/// A query's rows, in order, and their summary.
#[derive(Debug, Clone)]
pub struct View<R: Indexed, Q, S> {
    current: Answer<Q, S>,
    /// The current answer's matches, in order.
    rows: Vec<RowKey>,
    /// Earlier queries' answers, most recent last.
    kept: Vec<Answer<Q, S>>,
    /// Bumped whenever `rows` or the summary may have changed.
    revision: u64,
    _kind: std::marker::PhantomData<fn() -> R>,
}

impl<R, Q, S> View<R, Q, S>
where
    R: Indexed,
    Q: RowQuery<R>,
    S: Summary<R::Facts>,
{
    /// The answer to `query` over `index`.
    pub fn new(index: &mut Index<R>, query: Q) -> Self {
        let mut view = Self {
            current: Answer::for_query(query),
            rows: Vec::new(),
            kept: Vec::new(),
            revision: 0,
            _kind: std::marker::PhantomData,
        };
        view.refresh(index);
        view
    }

    pub fn query(&self) -> &Q {
        &self.current.query
    }

    /// The matching rows, in table order.
    pub fn rows(&self) -> &[RowKey] {
        &self.rows
    }

    /// The matching rows' slots.
    pub fn matches(&self) -> &Bitset {
        &self.current.matches
    }

    pub fn summary(&self) -> &S {
        &self.current.summary
    }

    /// Whether the row now in `slot` is in the view.
    pub fn has_slot(&self, slot: u32) -> bool {
        self.current.matches.contains(slot)
    }

    /// Changes whenever the rows or the summary may have.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Answers `query` instead: from a kept answer if it is one of the last
    /// few, else from what the current answer already knows.
    pub fn set_query(&mut self, index: &mut Index<R>, query: Q) {
        if query == self.current.query {
            return;
        }
        let reorder = query.order() != self.current.query.order();
        if let Some(i) = self.kept.iter().position(|a| a.query == query) {
            let answer = self.kept.remove(i);
            let previous = std::mem::replace(&mut self.current, answer);
            self.keep(previous);
            self.reorder(index);
            return;
        }
        let mut next = Answer::for_query(query);
        next.matches = next.compute_matches(index);
        let same_rows = next.matches == self.current.matches;
        let previous = if same_rows {
            next.summary = self.current.summary.clone();
            std::mem::replace(&mut self.current, next)
        } else {
            // The new answer's figures: the current ones moved by the rows
            // that differ, or afresh when more differ than remain.
            let mut figures = self.current.clone();
            figures.move_to(index, &next.matches);
            next.summary = figures.summary;
            std::mem::replace(&mut self.current, next)
        };
        self.keep(previous);
        if !same_rows || reorder {
            self.reorder(index);
        }
    }

    fn keep(&mut self, answer: Answer<Q, S>) {
        if self.kept.len() >= KEPT {
            self.kept.remove(0);
        }
        self.kept.push(answer);
    }

    /// Takes in a batch of row changes the index has applied: the current
    /// answer and every kept one.
    pub fn apply(&mut self, index: &mut Index<R>, changes: &[Change<R>]) {
        if changes.is_empty() {
            return;
        }
        // A whole new snapshot: answering afresh is cheaper than deltas.
        if changes.len() > index.len().max(16) {
            self.kept.clear();
            self.refresh(index);
            return;
        }
        self.current.apply(index, changes);
        for answer in &mut self.kept {
            answer.apply(index, changes);
        }
        self.reorder(index);
    }

    /// Recomputes the current answer from the index.
    pub fn refresh(&mut self, index: &mut Index<R>) {
        self.current.matches = self.current.compute_matches(index);
        self.current.summary = sum_of(index, &self.current.matches);
        self.reorder(index);
    }

    /// Lists the matches in the query's order: a walk of the maintained
    /// order, or, for a few matches when no order is kept yet, sorting
    /// just them.
    fn reorder(&mut self, index: &mut Index<R>) {
        self.revision += 1;
        let (sort, dir) = self.current.query.order();
        let matches = &self.current.matches;
        let wanted = matches.len();
        let sort_them = match index.listing() {
            Listing::Adaptive => !index.has_order(sort, dir) && wanted < 512,
            Listing::Walk => false,
            Listing::Sort => true,
        };
        self.rows.clear();
        if sort_them {
            let mut places: Vec<Place> = matches
                .iter()
                .filter_map(|slot| Some(index.place(slot, index.record_at(slot)?, sort, dir)))
                .collect();
            places.sort_unstable();
            self.rows
                .extend(places.iter().filter_map(|p| index.key_at(p.slot())));
            return;
        }
        let order = index.order(sort, dir);
        let mut slots = Vec::with_capacity(wanted);
        for block in order.blocks() {
            slots.extend(block.iter().copied().filter(|&s| matches.contains(s)));
        }
        self.rows.reserve(slots.len());
        self.rows
            .extend(slots.into_iter().filter_map(|slot| index.key_at(slot)));
    }
}

impl<Q: Clone, S: Clone + Default> Answer<Q, S> {
    /// An answer to `query` not worked out yet (no matches).
    fn for_query<R: Indexed>(query: Q) -> Self
    where
        Q: RowQuery<R>,
    {
        Self {
            needle: SearchNeedle::new(query.search()),
            chosen: chosen(&query),
            query,
            matches: Bitset::default(),
            summary: S::default(),
        }
    }

    fn compute_matches<R: Indexed>(&self, index: &mut Index<R>) -> Bitset {
        let mut matches = index.search(&self.needle);
        for (facet, chosen) in self.chosen.iter().enumerate() {
            if !chosen.is_empty() {
                let rows = index.facets().any_of(facet, chosen.iter().map(|v| &**v));
                matches.intersect_with(&rows);
            }
        }
        matches
    }

    /// Moves matches and summary to `matches`: by the rows that differ, or
    /// afresh when more differ than remain.
    fn move_to<R: Indexed>(&mut self, index: &Index<R>, matches: &Bitset)
    where
        S: Summary<R::Facts>,
    {
        if self.matches.difference_len(matches) > matches.len() {
            self.summary = sum_of(index, matches);
            self.matches.clone_from(matches);
            return;
        }
        let facts = index.facts();
        for (slot, was_in) in self.matches.differences(matches) {
            if let Some(f) = facts.get(slot as usize) {
                if was_in {
                    self.summary.remove(f);
                } else {
                    self.summary.add(f);
                }
            }
        }
        self.matches.clone_from(matches);
        self.settle(index);
    }

    /// Takes in a batch of row changes.
    fn apply<R: Indexed>(&mut self, index: &Index<R>, changes: &[Change<R>])
    where
        S: Summary<R::Facts>,
    {
        for change in changes {
            let slot = change.slot;
            if self.matches.contains(slot) {
                if let Some((_, facts)) = &change.before {
                    self.summary.remove(facts);
                }
            }
            let now_in = change
                .after
                .as_ref()
                .is_some_and(|(record, _)| self.passes(index, slot, record));
            if now_in {
                if let Some((_, facts)) = &change.after {
                    self.summary.add(facts);
                }
            }
            self.matches.set(slot, now_in);
        }
        self.settle(index);
    }

    /// Whether `record`, in `slot`, passes the query.
    fn passes<R: Indexed>(&self, index: &Index<R>, slot: u32, record: &R) -> bool {
        let facets_pass = self.chosen.iter().enumerate().all(|(facet, chosen)| {
            if chosen.is_empty() {
                return true;
            }
            let mut any = false;
            record.facet_values(facet, &mut |v| any |= chosen.contains(v));
            any
        });
        facets_pass
            && (self.needle.is_empty()
                || index
                    .search_key(slot)
                    .is_some_and(|k| self.needle.matches_key(k)))
    }

    /// Finds again an extreme that left (one pass over the answer's facts).
    fn settle<R: Indexed>(&mut self, index: &Index<R>)
    where
        S: Summary<R::Facts>,
    {
        if !self.summary.is_settled() {
            let facts = index.facts();
            self.summary
                .settle(self.matches.iter().filter_map(|s| facts.get(s as usize)));
        }
    }
}

/// The summary of the rows in `matches`, from their facts.
fn sum_of<R: Indexed, S: Summary<R::Facts>>(index: &Index<R>, matches: &Bitset) -> S {
    let facts = index.facts();
    let mut summary = S::default();
    for slot in matches.iter() {
        if let Some(f) = facts.get(slot as usize) {
            summary.add(f);
        }
    }
    summary
}

fn chosen<R: Indexed, Q: RowQuery<R>>(query: &Q) -> Vec<HashSet<Box<str>>> {
    (0..R::FACETS)
        .map(|facet| {
            let mut values = HashSet::new();
            query.chosen(facet, &mut |v| {
                values.insert(Box::from(v));
            });
            values
        })
        .collect()
}
