//! A table's rows kept sorted by one column in one direction as they
//! change. The slots are kept in blocks of at most [`BLOCK`]: finding a
//! row's place is two binary searches, moving it shifts at most one block,
//! and listing the rows in order is a walk over plain integers.

use std::cmp::Reverse;
use std::sync::Arc;

use crate::query::SortDir;

use super::record::SortKey;

/// Most slots in a block; a fuller one is split in two.
const BLOCK: usize = 1024;

/// A row's place in an order: its key in the order's direction, then the
/// id ascending in both directions (equal rows keep their place when the
/// direction is toggled), then the slot.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    key: Directed,
    id: Arc<str>,
    slot: u32,
}

impl Place {
    pub fn new(key: SortKey, dir: SortDir, id: Arc<str>, slot: u32) -> Self {
        let key = match dir {
            SortDir::Asc => Directed::Asc(key),
            SortDir::Desc => Directed::Desc(Reverse(key)),
        };
        Self { key, id, slot }
    }

    pub fn slot(&self) -> u32 {
        self.slot
    }
}

/// Every place in one order has the same variant.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Directed {
    Asc(SortKey),
    Desc(Reverse<SortKey>),
}

/// Rows in the order of one column and direction.
#[derive(Debug, Clone, Default)]
pub struct Order {
    /// Slots in order, in blocks; no block is empty.
    blocks: Vec<Vec<u32>>,
    /// Each slot's place, for comparisons.
    places: Vec<Option<Place>>,
    len: usize,
}

impl Order {
    /// The order of `places` (built at once: one sort).
    pub fn from_places(mut places: Vec<Place>) -> Self {
        places.sort_unstable();
        let mut order = Order {
            len: places.len(),
            ..Order::default()
        };
        for chunk in places.chunks(BLOCK / 2) {
            order.blocks.push(chunk.iter().map(Place::slot).collect());
        }
        for place in places {
            let slot = place.slot as usize;
            if slot >= order.places.len() {
                order.places.resize(slot + 1, None);
            }
            order.places[slot] = Some(place);
        }
        order
    }

    fn place_of(&self, slot: u32) -> Option<&Place> {
        self.places.get(slot as usize).and_then(Option::as_ref)
    }

    /// The block that holds (or would hold) `place`, and the position in it.
    fn locate(&self, place: &Place) -> (usize, Result<usize, usize>) {
        // The first block whose last place is not before `place`.
        let block = self.blocks.partition_point(|b| {
            b.last()
                .and_then(|&s| self.place_of(s))
                .is_some_and(|last| last < place)
        });
        let block = block.min(self.blocks.len().saturating_sub(1));
        let Some(slots) = self.blocks.get(block) else {
            return (0, Err(0));
        };
        let at = slots.binary_search_by(|&s| match self.place_of(s) {
            Some(p) => p.cmp(place),
            None => std::cmp::Ordering::Less,
        });
        (block, at)
    }

    pub fn insert(&mut self, place: Place) {
        let slot = place.slot;
        if self.place_of(slot).is_some() {
            return;
        }
        let (block, at) = self.locate(&place);
        let index = slot as usize;
        if index >= self.places.len() {
            self.places.resize(index + 1, None);
        }
        self.places[index] = Some(place);
        let (Ok(at) | Err(at)) = at;
        match self.blocks.get_mut(block) {
            Some(slots) => {
                slots.insert(at, slot);
                if slots.len() > BLOCK {
                    let tail = slots.split_off(BLOCK / 2);
                    self.blocks.insert(block + 1, tail);
                }
            }
            None => self.blocks.push(vec![slot]),
        }
        self.len += 1;
    }

    /// Removes the row in `slot`, wherever it is.
    pub fn remove(&mut self, slot: u32) {
        let Some(place) = self.place_of(slot).cloned() else {
            return;
        };
        let (block, at) = self.locate(&place);
        if let (Some(slots), Ok(at)) = (self.blocks.get_mut(block), at) {
            slots.remove(at);
            if slots.is_empty() {
                self.blocks.remove(block);
            }
            self.len -= 1;
        }
        self.places[slot as usize] = None;
    }

    /// The slots, in order.
    pub fn slots(&self) -> impl Iterator<Item = u32> + '_ {
        self.blocks.iter().flatten().copied()
    }

    /// The slots, in order, block by block (a walk without an iterator
    /// chain per slot).
    pub fn blocks(&self) -> impl Iterator<Item = &[u32]> {
        self.blocks.iter().map(Vec::as_slice)
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use proptest::prelude::*;

    use super::*;

    fn place(key: u32, slot: u32) -> Place {
        Place::new(
            SortKey::Count(key),
            SortDir::Asc,
            Arc::from(format!("id{slot}")),
            slot,
        )
    }

    proptest! {
        #[test]
        fn stays_sorted_through_any_inserts_and_removals(
            initial in prop::collection::vec(0u32..50, 0..3000),
            ops in prop::collection::vec((any::<bool>(), 0u32..3500, 0u32..50), 0..400),
        ) {
            let places: Vec<Place> = initial.iter().enumerate().map(|(slot, &k)| place(k, slot as u32)).collect();
            let mut model: BTreeSet<Place> = places.iter().cloned().collect();
            let mut order = Order::from_places(places);
            for (insert, slot, key) in ops {
                let current = model.iter().find(|p| p.slot == slot).cloned();
                match (insert, current) {
                    (true, None) => {
                        model.insert(place(key, slot));
                        order.insert(place(key, slot));
                    }
                    (_, Some(p)) => {
                        model.remove(&p);
                        order.remove(slot);
                    }
                    (false, None) => order.remove(slot),
                }
            }
            let expected: Vec<u32> = model.iter().map(Place::slot).collect();
            prop_assert_eq!(order.slots().collect::<Vec<_>>(), expected);
            prop_assert_eq!(order.len(), model.len());
            prop_assert!(order.blocks.iter().all(|b| !b.is_empty() && b.len() <= BLOCK));
        }
    }
}
