//! A board kept out of the reactive graph, with a signal that says when it
//! changed: the live board and the finished conversations' board both live
//! in one, and a tab's rows ([`super::views`]) read either the same way.

use leptos::prelude::*;
use monitor_core::board::Board;

/// A board and its change counter.
#[derive(Clone, Copy)]
pub struct BoardCell {
    /// Not a signal: read through [`Self::with`], which tracks `revision`.
    board: StoredValue<Board>,
    /// Bumped by every change that readers must see.
    revision: RwSignal<u64>,
}

impl BoardCell {
    pub fn new(board: Board) -> Self {
        Self {
            board: StoredValue::new(board),
            revision: RwSignal::new(0),
        }
    }

    /// Reads the board, re-running the caller when it changes. Read
    /// signals before, not inside, `f`: the board is borrowed meanwhile.
    pub fn with<T>(&self, f: impl FnOnce(&Board) -> T) -> T {
        self.revision.track();
        self.board.with_value(f)
    }

    /// Reads the board without subscribing to its changes.
    pub fn with_untracked<T>(&self, f: impl FnOnce(&Board) -> T) -> T {
        self.board.with_value(f)
    }

    /// Changes the board without telling readers (the caller bumps when
    /// what it changed should show). `None` once the board is gone.
    pub fn update_quietly<T>(&self, f: impl FnOnce(&mut Board) -> T) -> Option<T> {
        self.board.try_update_value(f)
    }

    /// Tells readers the board changed.
    pub fn bump(&self) {
        self.revision.update(|r| *r += 1);
    }

    pub fn revision(&self) -> ReadSignal<u64> {
        self.revision.read_only()
    }
}
