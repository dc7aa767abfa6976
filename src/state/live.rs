//! The live board: the one writer of the board, and what is known about
//! its freshness.
//!
//! The feed, the action dialogs and the presence controls all hand their
//! news to [`LiveBoard::stage`]; nothing else changes the board. Staged
//! news is applied at the next flush, at most [`FLUSH_INTERVAL_MS`] later,
//! in one step that also brings every open view (a tab's rows, count and
//! figures) up to date, so what is on screen is always one consistent
//! state. While the user pauses updates, or while the tab is hidden,
//! nothing is flushed: the list, its count, scrolling, selection, export
//! and every action keep acting on exactly the rows on screen. Timers keep
//! ticking either way.

use leptos::prelude::*;
use monitor_core::board::{Board, Input, Staged};
use monitor_core::wire::{Conversation, Timestamp};

use super::board_cell::BoardCell;
use super::clock::use_clock;
use crate::api::ApiError;

/// Where the feed stands, for the connection indicator.
#[derive(Clone, Debug, PartialEq)]
pub enum FeedPhase {
    Connecting,
    Live,
    Reconnecting,
    /// Failing to reach the server since this local time (ms).
    Offline {
        since_ms: f64,
    },
}

/// The longest a change waits before it shows. A flush costs what changed
/// (see `monitor_core::live`), so this only coalesces bursts: at 200
/// events a second, one flush takes in about 20 of them.
pub const FLUSH_INTERVAL_MS: u64 = 100;

/// The board and what is known about its freshness.
#[derive(Clone, Copy)]
pub struct LiveBoard {
    /// The board, and a signal bumped by every flush that changed it.
    cell: BoardCell,
    pub phase: RwSignal<FeedPhase>,
    /// The last failure, shown until the feed is healthy again.
    pub error: RwSignal<Option<ApiError>>,
    /// Local time (ms) the board last matched the server; `None` before the first snapshot.
    pub synced_at: RwSignal<Option<f64>>,
    /// The user's "Pause updates".
    pub paused: RwSignal<bool>,
    /// The document is hidden (another tab is in front).
    pub hidden: RwSignal<bool>,
    /// Rows with news not shown yet (while paused or hidden).
    pub waiting: RwSignal<usize>,
    pub(super) retry: RwSignal<u32>,
    /// A flush is already on its way.
    flush_scheduled: StoredValue<bool>,
}

impl LiveBoard {
    /// Reads the board as of the last flush, re-running the caller when a
    /// flush changes it. Read signals before, not inside, `f`.
    pub fn with<T>(&self, f: impl FnOnce(&Board) -> T) -> T {
        self.cell.with(f)
    }

    /// Reads the board without subscribing to its changes.
    pub fn with_untracked<T>(&self, f: impl FnOnce(&Board) -> T) -> T {
        self.cell.with_untracked(f)
    }

    /// The board's cell, for views open on it (`state::views`).
    pub fn cell(&self) -> BoardCell {
        self.cell
    }

    /// Takes news for the board; it shows at the next flush. A stream
    /// change is checked against the stream position first.
    pub fn stage(&self, input: Input) -> Staged {
        let staged = self
            .cell
            .update_quietly(|b| b.stage(input))
            .unwrap_or(Staged::Ignored);
        if staged == Staged::Accepted {
            self.schedule_flush();
        }
        staged
    }

    /// Where the stream resumes: after everything staged.
    pub fn resume_from(&self) -> u64 {
        self.cell.with_untracked(Board::sequence)
    }

    /// The results of the user's own action, shown at once (unless
    /// frozen: then with everything else on resume).
    pub fn show_own_results(&self, conversations: impl IntoIterator<Item = Conversation>) {
        self.cell.update_quietly(|b| {
            for conversation in conversations {
                b.stage(Input::Own(conversation));
            }
        });
        self.flush_now();
    }

    /// Forgets presence changes from before `start` (a new day began).
    pub fn forget_presence_before(&self, start: Timestamp) {
        self.cell
            .update_quietly(|b| b.forget_presence_before(start));
        self.cell.bump();
    }

    /// Applies what is staged now, unless frozen.
    pub fn flush_now(&self) {
        if self.frozen_untracked() {
            self.waiting.set(self.cell.with_untracked(Board::waiting));
            return;
        }
        let changed = self.cell.update_quietly(Board::flush).unwrap_or(false);
        if self.waiting.get_untracked() != 0 {
            self.waiting.set(0);
        }
        if changed {
            self.cell.bump();
        }
    }

    fn schedule_flush(&self) {
        if self.frozen_untracked() {
            self.waiting.set(self.cell.with_untracked(Board::waiting));
            return;
        }
        if self.flush_scheduled.get_value() {
            return;
        }
        self.flush_scheduled.set_value(true);
        let live = *self;
        set_timeout(
            move || {
                live.flush_scheduled.set_value(false);
                live.flush_now();
            },
            std::time::Duration::from_millis(FLUSH_INTERVAL_MS),
        );
    }

    /// Cuts the current backoff short (the "Retry" button).
    pub fn retry_now(&self) {
        self.retry.update(|n| *n = n.wrapping_add(1));
    }

    /// The count behind the Retry button, for the feed's waits.
    pub fn retries(&self) -> RwSignal<u32> {
        self.retry
    }

    pub fn has_data(&self) -> bool {
        self.synced_at.with(Option::is_some)
    }

    fn frozen_untracked(&self) -> bool {
        self.paused.get_untracked() || self.hidden.get_untracked()
    }
}

/// Creates the board for this session; it is dropped when the calling
/// owner is disposed (sign-out, profile switch). Waits are judged by the
/// configured thresholds.
pub fn provide_live_board(thresholds: monitor_core::thresholds::WaitThresholds) -> LiveBoard {
    let live = LiveBoard {
        cell: BoardCell::new(Board::with_thresholds(thresholds)),
        phase: RwSignal::new(FeedPhase::Connecting),
        error: RwSignal::new(None),
        synced_at: RwSignal::new(None),
        paused: RwSignal::new(false),
        hidden: RwSignal::new(document().hidden()),
        waiting: RwSignal::new(0),
        retry: RwSignal::new(0),
        flush_scheduled: StoredValue::new(false),
    };
    provide_context(live);

    let visibility = window_event_listener_untyped("visibilitychange", move |_| {
        live.hidden.set(document().hidden());
    });
    on_cleanup(move || visibility.remove());
    // Thawing shows everything that happened meanwhile, in one flush.
    Effect::new(move |_| {
        let frozen = live.paused.get() || live.hidden.get();
        if !frozen {
            live.flush_now();
        }
    });
    live
}

pub fn use_live_board() -> LiveBoard {
    expect_context::<LiveBoard>()
}

/// Whether the data on screen is older than `stale_after_ms` (ticks with
/// the clock). While paused, old data is the user's choice, not a fault.
pub fn use_stale(stale_after_ms: u32) -> Memo<bool> {
    let live = use_live_board();
    let local = use_clock().local_ms();
    Memo::new(move |_| {
        let Some(synced) = live.synced_at.get() else {
            return false;
        };
        !live.paused.get() && local.get() - synced > f64::from(stale_after_ms)
    })
}
