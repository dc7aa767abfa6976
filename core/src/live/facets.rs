//! Facet filters as precomputed sets: for each facet (status, channel,
//! department…) and each value, the slots of the rows that have it. A
//! filter is then a union of a few sets per facet, intersected across
//! facets: no row is looked at.

use std::collections::HashMap;

use super::bitset::Bitset;

/// For each facet, value → rows with that value.
#[derive(Debug, Clone, Default)]
pub struct Facets {
    by_facet: Vec<HashMap<Box<str>, Bitset>>,
}

impl Facets {
    pub fn new(facets: usize) -> Self {
        Self {
            by_facet: vec![HashMap::new(); facets],
        }
    }

    /// Records that the row in `slot` has (`on`) or no longer has `value`
    /// for `facet`.
    pub fn set(&mut self, facet: usize, value: &str, slot: u32, on: bool) {
        let Some(values) = self.by_facet.get_mut(facet) else {
            return;
        };
        if on {
            values.entry(value.into()).or_default().set(slot, true);
        } else if let Some(rows) = values.get_mut(value) {
            rows.set(slot, false);
            if rows.is_empty() {
                values.remove(value);
            }
        }
    }

    /// The rows having any of `values` for `facet`.
    pub fn any_of<'a>(&self, facet: usize, values: impl IntoIterator<Item = &'a str>) -> Bitset {
        let mut rows = Bitset::default();
        if let Some(by_value) = self.by_facet.get(facet) {
            for value in values {
                if let Some(set) = by_value.get(value) {
                    rows.union_with(set);
                }
            }
        }
        rows
    }
}
