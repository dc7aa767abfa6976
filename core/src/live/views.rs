//! The views open on one kind of row, by handle: the board updates each
//! one in the same step as the rows, so no list ever lags its data.

use super::index::{Change, Index};
use super::record::{Indexed, RowQuery};
use super::summary::Summary;
use super::view::View;

/// A view's handle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ViewId(u32);

/// Open views, in slots reused after closing.
#[derive(Debug, Clone)]
pub(crate) struct Views<R: Indexed, Q, S> {
    slots: Vec<Option<View<R, Q, S>>>,
}

impl<R: Indexed, Q, S> Default for Views<R, Q, S> {
    fn default() -> Self {
        Self { slots: Vec::new() }
    }
}

impl<R, Q, S> Views<R, Q, S>
where
    R: Indexed,
    Q: RowQuery<R>,
    S: Summary<R::Facts>,
{
    pub(crate) fn open(&mut self, view: View<R, Q, S>) -> ViewId {
        match self.slots.iter().position(Option::is_none) {
            Some(free) => {
                self.slots[free] = Some(view);
                ViewId(free as u32)
            }
            None => {
                self.slots.push(Some(view));
                ViewId((self.slots.len() - 1) as u32)
            }
        }
    }

    pub(crate) fn get(&self, id: ViewId) -> Option<&View<R, Q, S>> {
        self.slots.get(id.0 as usize).and_then(Option::as_ref)
    }

    pub(crate) fn get_mut(&mut self, id: ViewId) -> Option<&mut View<R, Q, S>> {
        self.slots.get_mut(id.0 as usize).and_then(Option::as_mut)
    }

    pub(crate) fn close(&mut self, id: ViewId) {
        if let Some(slot) = self.slots.get_mut(id.0 as usize) {
            *slot = None;
        }
    }

    /// Every open view takes in `changes`.
    pub(crate) fn apply(&mut self, index: &mut Index<R>, changes: &[Change<R>]) {
        for view in self.slots.iter_mut().flatten() {
            view.apply(index, changes);
        }
    }

    /// The orders the open views use, so the index keeps only those.
    pub(crate) fn orders(&self) -> Vec<(R::Sort, crate::query::SortDir)> {
        self.slots
            .iter()
            .flatten()
            .map(|v| v.query().order())
            .collect()
    }
}
