//! Rows addressed by identity: each id lives in a slot for as long as it
//! is on the board, and a [`RowKey`] names the slot *and* its generation,
//! so a key kept across a change can never read another conversation: once
//! its row is gone it reads nothing.

use std::collections::HashMap;
use std::sync::Arc;

/// A row of a table, as a list holds it: cheap to copy, never reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RowKey {
    slot: u32,
    generation: u32,
}

impl RowKey {
    /// The slot, for indexes over slots (bitsets).
    pub fn slot(self) -> u32 {
        self.slot
    }
}

/// Something with a unique id.
pub trait HasId {
    fn id(&self) -> &str;
}

/// One row as stored.
#[derive(Debug, Clone)]
pub struct Row<T> {
    pub record: Arc<T>,
    /// Changes whenever the record does (every upsert), so a rendered row
    /// can be keyed by (id, version) and rebuilt only when it changed.
    pub version: u64,
}

#[derive(Debug, Clone)]
struct Slot<T> {
    generation: u32,
    row: Option<Row<T>>,
}

/// What one upsert or removal did to a slot: the record before and after.
#[derive(Debug, Clone)]
pub struct SlotChange<T> {
    pub slot: u32,
    pub before: Option<Arc<T>>,
    pub after: Option<Arc<T>>,
}

/// Rows by id, in slots that are reused only under a new generation.
#[derive(Debug, Clone)]
pub struct Table<T> {
    slots: Vec<Slot<T>>,
    free: Vec<u32>,
    by_id: HashMap<Arc<str>, u32>,
    /// The last version given to a row.
    versions: u64,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Self {
            slots: Vec::new(),
            free: Vec::new(),
            by_id: HashMap::new(),
            versions: 0,
        }
    }
}

impl<T: HasId> Table<T> {
    /// How many rows there are.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// One past the highest slot ever used: the size of slot-indexed data.
    pub fn slot_count(&self) -> usize {
        self.slots.len()
    }

    /// The row `key` names, unless it has left the table since.
    pub fn get(&self, key: RowKey) -> Option<&Row<T>> {
        self.slots
            .get(key.slot as usize)
            .filter(|s| s.generation == key.generation)
            .and_then(|s| s.row.as_ref())
    }

    /// The row in `slot` now, with its key.
    pub fn at_slot(&self, slot: u32) -> Option<(RowKey, &Row<T>)> {
        let s = self.slots.get(slot as usize)?;
        let row = s.row.as_ref()?;
        Some((
            RowKey {
                slot,
                generation: s.generation,
            },
            row,
        ))
    }

    /// The key of the row with `id`.
    pub fn key_of(&self, id: &str) -> Option<RowKey> {
        let &slot = self.by_id.get(id)?;
        self.at_slot(slot).map(|(key, _)| key)
    }

    /// The row with `id`.
    pub fn by_id(&self, id: &str) -> Option<&Row<T>> {
        self.key_of(id).and_then(|key| self.get(key))
    }

    /// The id as the table shares it (sort orders hold it for tie-breaks).
    pub fn shared_id(&self, slot: u32) -> Option<Arc<str>> {
        let row = self.slots.get(slot as usize)?.row.as_ref()?;
        self.by_id
            .get_key_value(row.record.id())
            .map(|(id, _)| id.clone())
    }

    /// Every row with its key, in slot order.
    pub fn rows(&self) -> impl Iterator<Item = (RowKey, &Row<T>)> {
        (0..self.slots.len() as u32).filter_map(|slot| self.at_slot(slot))
    }

    /// Inserts `record`, or replaces the row with its id in place.
    pub fn upsert(&mut self, record: Arc<T>) -> SlotChange<T> {
        self.versions += 1;
        let version = self.versions;
        if let Some(&slot) = self.by_id.get(record.id()) {
            let row = &mut self.slots[slot as usize].row;
            let before = row.take().map(|r| r.record);
            *row = Some(Row {
                record: record.clone(),
                version,
            });
            return SlotChange {
                slot,
                before,
                after: Some(record),
            };
        }
        let slot = match self.free.pop() {
            Some(slot) => slot,
            None => {
                self.slots.push(Slot {
                    generation: 0,
                    row: None,
                });
                (self.slots.len() - 1) as u32
            }
        };
        self.by_id.insert(Arc::from(record.id()), slot);
        self.slots[slot as usize].row = Some(Row {
            record: record.clone(),
            version,
        });
        SlotChange {
            slot,
            before: None,
            after: Some(record),
        }
    }

    /// Removes the row with `id`, if any; its slot comes back under a new
    /// generation, so keys to it read nothing.
    pub fn remove(&mut self, id: &str) -> Option<SlotChange<T>> {
        let slot = self.by_id.remove(id)?;
        let s = &mut self.slots[slot as usize];
        let before = s.row.take().map(|r| r.record);
        s.generation = s.generation.wrapping_add(1);
        self.free.push(slot);
        Some(SlotChange {
            slot,
            before,
            after: None,
        })
    }

    /// Removes every row; returns what each slot held.
    pub fn clear(&mut self) -> Vec<SlotChange<T>> {
        let ids: Vec<Arc<str>> = self.by_id.keys().cloned().collect();
        ids.iter().filter_map(|id| self.remove(id)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Item(&'static str, u32);

    impl HasId for Item {
        fn id(&self) -> &str {
            self.0
        }
    }

    #[test]
    fn a_key_never_reads_the_row_that_took_its_slot() {
        let mut table = Table::default();
        table.upsert(Arc::new(Item("a", 1)));
        let a = table.key_of("a").unwrap();
        table.remove("a");
        table.upsert(Arc::new(Item("b", 2)));
        let b = table.key_of("b").unwrap();
        assert_eq!(a.slot(), b.slot(), "the slot is reused");
        assert!(table.get(a).is_none(), "but the old key reads nothing");
        assert_eq!(table.get(b).map(|r| r.record.1), Some(2));
    }

    #[test]
    fn an_upsert_keeps_the_key_and_changes_the_version() {
        let mut table = Table::default();
        let first = table.upsert(Arc::new(Item("a", 1)));
        assert!(first.before.is_none());
        let key = table.key_of("a").unwrap();
        let v1 = table.get(key).unwrap().version;
        let second = table.upsert(Arc::new(Item("a", 2)));
        assert_eq!(second.before.as_deref(), Some(&Item("a", 1)));
        assert_eq!(table.key_of("a"), Some(key));
        let row = table.get(key).unwrap();
        assert_eq!(row.record.1, 2);
        assert!(row.version > v1);
        assert_eq!(table.len(), 1);
        assert_eq!(table.shared_id(key.slot()).as_deref(), Some("a"));
    }

    #[test]
    fn clearing_empties_and_reports_every_row() {
        let mut table = Table::default();
        for (id, n) in [("a", 1), ("b", 2), ("c", 3)] {
            table.upsert(Arc::new(Item(id, n)));
        }
        assert!(table.remove("zz").is_none());
        let gone = table.clear();
        assert_eq!(gone.len(), 3);
        assert!(table.is_empty());
        assert_eq!(table.rows().count(), 0);
    }
}
