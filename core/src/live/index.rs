//! One kind of row (conversations or agents) with everything a query needs
//! kept up to date as rows change: each row's search fields folded once
//! per version, the facet sets, the recent searches' answers and the sort
//! orders in use.

use std::collections::HashMap;
use std::sync::Arc;

use crate::query::SortDir;
use crate::search::{SearchKey, SearchNeedle};

use super::bitset::Bitset;
use super::facets::Facets;
use super::order::{Order, Place};
use super::record::Indexed;
use super::search_cache::SearchCache;
use super::table::SlotChange;
use super::table::{Row, RowKey, Table};

/// Past this many changes at once (and an eighth of the rows), the kept
/// searches are dropped rather than updated row by row.
const MANY_CHANGES: usize = 1_000;

/// How a view lists its matches in order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Listing {
    /// Sort the matches when they are few, else walk the kept order.
    #[default]
    Adaptive,
    /// Always walk the kept order (tests: so it is checked at any size).
    Walk,
    /// Always sort the matches (tests).
    Sort,
}

/// What one change did to a slot: the record and its facts before and after.
#[derive(Debug, Clone)]
pub struct Change<R: Indexed> {
    pub slot: u32,
    pub before: Option<(Arc<R>, R::Facts)>,
    pub after: Option<(Arc<R>, R::Facts)>,
}

/// A change to apply.
#[derive(Debug, Clone)]
pub enum Op<R> {
    Upsert(Arc<R>),
    Remove(String),
}

/// Rows of one kind and their indexes.
#[derive(Debug, Clone)]
pub struct Index<R: Indexed> {
    table: Table<R>,
    /// By slot; an empty key for a free slot.
    search_keys: Vec<SearchKey>,
    /// By slot: each row's char mask (dense, for the first test of a search).
    masks: Vec<u64>,
    /// By slot: what each row adds to its views' indicators.
    facts: Vec<R::Facts>,
    context: R::Context,
    /// The slots in use.
    all: Bitset,
    facets: Facets,
    searches: SearchCache,
    orders: HashMap<(R::Sort, SortDir), Order>,
    listing: Listing,
}

impl<R: Indexed> Default for Index<R> {
    fn default() -> Self {
        Self {
            table: Table::default(),
            search_keys: Vec::new(),
            masks: Vec::new(),
            facts: Vec::new(),
            context: R::Context::default(),
            all: Bitset::default(),
            facets: Facets::new(R::FACETS),
            searches: SearchCache::default(),
            orders: HashMap::new(),
            listing: Listing::default(),
        }
    }
}

impl<R: Indexed> Index<R> {
    /// An empty index whose facts are worked out with `context`.
    pub fn with_context(context: R::Context) -> Self {
        Self {
            context,
            ..Self::default()
        }
    }

    pub fn context(&self) -> &R::Context {
        &self.context
    }

    /// Every row's facts, by slot.
    pub fn facts(&self) -> &[R::Facts] {
        &self.facts
    }

    pub fn listing(&self) -> Listing {
        self.listing
    }

    pub fn set_listing(&mut self, listing: Listing) {
        self.listing = listing;
    }

    pub fn table(&self) -> &Table<R> {
        &self.table
    }

    pub fn len(&self) -> usize {
        self.table.len()
    }

    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    pub fn get(&self, key: RowKey) -> Option<&Row<R>> {
        self.table.get(key)
    }

    /// The record in `slot` now.
    pub fn record_at(&self, slot: u32) -> Option<&Arc<R>> {
        self.table.at_slot(slot).map(|(_, row)| &row.record)
    }

    pub fn key_at(&self, slot: u32) -> Option<RowKey> {
        self.table.at_slot(slot).map(|(key, _)| key)
    }

    pub fn search_key(&self, slot: u32) -> Option<&SearchKey> {
        self.all
            .contains(slot)
            .then(|| self.search_keys.get(slot as usize))
            .flatten()
    }

    pub fn all(&self) -> &Bitset {
        &self.all
    }

    pub fn facets(&self) -> &Facets {
        &self.facets
    }

    /// The rows matching `needle` (every row when it is empty).
    pub fn search(&mut self, needle: &SearchNeedle) -> Bitset {
        self.searches
            .matches(needle, &self.all, &self.masks, &self.search_keys)
    }

    /// The rows in the order of `sort`/`dir`, built the first time it is
    /// asked for and kept up to date from then on.
    pub fn order(&mut self, sort: R::Sort, dir: SortDir) -> &Order {
        let table = &self.table;
        self.orders.entry((sort, dir)).or_insert_with(|| {
            Order::from_places(
                table
                    .rows()
                    .map(|(key, row)| place_of(table, key.slot(), &row.record, sort, dir))
                    .collect(),
            )
        })
    }

    /// Whether the order of `sort`/`dir` is kept already.
    pub fn has_order(&self, sort: R::Sort, dir: SortDir) -> bool {
        self.orders.contains_key(&(sort, dir))
    }

    /// The place `record` in `slot` has (or had) in `sort`/`dir`.
    pub fn place(&self, slot: u32, record: &R, sort: R::Sort, dir: SortDir) -> Place {
        place_of(&self.table, slot, record, sort, dir)
    }

    /// Drops the orders no view uses any more.
    pub fn keep_orders(&mut self, in_use: &[(R::Sort, SortDir)]) {
        self.orders.retain(|k, _| in_use.contains(k));
    }

    /// Applies `ops` in order; returns what changed, one entry per change
    /// (an upsert of an identical record changes nothing).
    pub fn apply(&mut self, ops: Vec<Op<R>>) -> Vec<Change<R>>
    where
        R: PartialEq,
    {
        // Re-testing every kept search on a whole snapshot costs more than
        // searching again when asked.
        if ops.len() > MANY_CHANGES.max(self.table.len() / 8) {
            self.searches.clear();
        }
        let mut changes = Vec::new();
        for op in ops {
            let change = match op {
                Op::Upsert(record) => {
                    let same = self
                        .table
                        .by_id(record.id())
                        .is_some_and(|row| *row.record == *record);
                    if same {
                        continue;
                    }
                    self.table.upsert(record)
                }
                Op::Remove(id) => match self.table.remove(&id) {
                    Some(change) => change,
                    None => continue,
                },
            };
            let slot = change.slot;
            let before_facts = change
                .before
                .as_ref()
                .and_then(|_| self.facts.get(slot as usize).copied());
            self.reindex(&change);
            changes.push(Change {
                slot,
                before: change.before.zip(before_facts),
                after: change.after.map(|after| {
                    let facts = self.facts.get(slot as usize).copied().unwrap_or_default();
                    (after, facts)
                }),
            });
        }
        changes
    }

    /// Brings every index in line with one slot's change.
    fn reindex(&mut self, change: &SlotChange<R>) {
        let slot = change.slot;
        if let Some(before) = &change.before {
            for facet in 0..R::FACETS {
                before.facet_values(facet, &mut |v| self.facets.set(facet, v, slot, false));
            }
            for order in self.orders.values_mut() {
                order.remove(slot);
            }
        }
        match &change.after {
            Some(after) => {
                for facet in 0..R::FACETS {
                    after.facet_values(facet, &mut |v| self.facets.set(facet, v, slot, true));
                }
                let key = after.search_key();
                self.searches.row_changed(slot, Some(&key));
                let index = slot as usize;
                if index >= self.search_keys.len() {
                    self.search_keys.resize(index + 1, SearchKey::default());
                }
                if index >= self.masks.len() {
                    self.masks.resize(index + 1, 0);
                }
                self.masks[index] = key.mask();
                self.search_keys[index] = key;
                if index >= self.facts.len() {
                    self.facts.resize(index + 1, R::Facts::default());
                }
                self.facts[index] = after.facts(&mut self.context);
                self.all.set(slot, true);
                if let Some(id) = self.table.shared_id(slot) {
                    for (&(sort, dir), order) in &mut self.orders {
                        order.insert(Place::new(after.sort_key(sort), dir, id.clone(), slot));
                    }
                }
            }
            None => {
                self.searches.row_changed(slot, None);
                if let Some(key) = self.search_keys.get_mut(slot as usize) {
                    *key = SearchKey::default();
                }
                if let Some(mask) = self.masks.get_mut(slot as usize) {
                    *mask = 0;
                }
                self.all.set(slot, false);
            }
        }
    }
}

fn place_of<R: Indexed>(
    table: &Table<R>,
    slot: u32,
    record: &R,
    sort: R::Sort,
    dir: SortDir,
) -> Place {
    let id = table
        .shared_id(slot)
        .unwrap_or_else(|| Arc::from(record.id()));
    Place::new(record.sort_key(sort), dir, id, slot)
}
