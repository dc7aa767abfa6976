//! A dense list of items with an id → position index.
//!
//! The table reads the dense `Vec` (fast to filter and sort); live events
//! find their item through the index. Removal is `swap_remove`, so order is
//! not kept: the table sorts anyway.

use std::collections::HashMap;

use crate::wire::{Agent, Conversation};

/// Something with a unique id.
pub(crate) trait HasId {
    fn id(&self) -> &str;
}

impl HasId for Conversation {
    fn id(&self) -> &str {
        &self.id
    }
}

impl HasId for Agent {
    fn id(&self) -> &str {
        &self.id
    }
}

/// Items by id, stored densely.
#[derive(Debug, Clone)]
pub(crate) struct Collection<T> {
    items: Vec<T>,
    /// Invariant: `index[id] == i` exactly when `items[i].id() == id`.
    index: HashMap<String, usize>,
}

impl<T> Default for Collection<T> {
    fn default() -> Self {
        Self {
            items: Vec::new(),
            index: HashMap::new(),
        }
    }
}

impl<T: HasId> Collection<T> {
    pub(crate) fn items(&self) -> &[T] {
        &self.items
    }

    pub(crate) fn get(&self, id: &str) -> Option<&T> {
        self.index.get(id).and_then(|&i| self.items.get(i))
    }

    /// Replaces everything; a repeated id keeps its last occurrence.
    pub(crate) fn replace_all(&mut self, items: impl IntoIterator<Item = T>) {
        self.items.clear();
        self.index.clear();
        for item in items {
            self.upsert(item);
        }
    }

    /// Inserts `item`, or replaces the one with its id in place.
    pub(crate) fn upsert(&mut self, item: T) {
        if let Some(slot) = self
            .index
            .get(item.id())
            .and_then(|&i| self.items.get_mut(i))
        {
            *slot = item;
            return;
        }
        self.index.insert(item.id().to_owned(), self.items.len());
        self.items.push(item);
    }

    /// Removes the item with `id`, if any.
    pub(crate) fn remove(&mut self, id: &str) {
        let Some(i) = self.index.remove(id) else {
            return;
        };
        if i >= self.items.len() {
            return;
        }
        self.items.swap_remove(i);
        // The former last item now sits at `i`: point its id there.
        if let Some(moved) = self.items.get(i) {
            if let Some(slot) = self.index.get_mut(moved.id()) {
                *slot = i;
            }
        }
    }

    /// Whether the index invariant holds (for tests).
    #[cfg(test)]
    pub(crate) fn is_consistent(&self) -> bool {
        self.index.len() == self.items.len()
            && self
                .index
                .iter()
                .all(|(id, &i)| self.items.get(i).is_some_and(|item| item.id() == id))
    }
}
