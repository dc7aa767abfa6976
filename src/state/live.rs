//! The live board and what is known about its freshness.
//!
//! The board is filled by the feed (`state::feed`). While the user pauses
//! updates, or while the tab is hidden, changes keep being applied but the
//! lists are not re-rendered; on resume (or return) the current state shows
//! at once. Timers keep ticking either way.

use leptos::prelude::*;
use monitor_core::board::Board;
use monitor_core::indicators::waits::WaitStats;

use super::clock::use_clock;
use super::config::use_config;
use super::feed::start_feed;
use crate::api::{ApiClient, ApiError};

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

/// The board and what is known about its freshness.
#[derive(Clone, Copy)]
pub struct LiveBoard {
    pub board: RwSignal<Board>,
    pub phase: RwSignal<FeedPhase>,
    /// The last failure, shown until the feed is healthy again.
    pub error: RwSignal<Option<ApiError>>,
    /// Local time (ms) the board last matched the server; `None` before the first snapshot.
    pub synced_at: RwSignal<Option<f64>>,
    /// The user's "Pause updates".
    pub paused: RwSignal<bool>,
    /// The document is hidden (another tab is in front).
    pub hidden: RwSignal<bool>,
    /// Changes applied but not yet shown (while paused or hidden).
    pub waiting: RwSignal<u32>,
    pub(super) retry: RwSignal<u32>,
    /// A coalesced re-render is already on its way.
    render_scheduled: StoredValue<bool>,
}

/// The longest a change waits before it shows. Each render re-filters,
/// re-sorts and recounts the whole board (tens of ms at 50,000
/// conversations), so bursts are coalesced: half a second keeps the lists
/// visibly live while capping that work at two passes a second (measured in
/// BENCHMARKS.md).
pub const RENDER_INTERVAL_MS: u64 = 500;

impl LiveBoard {
    /// The wait indicators of the conversations at `rows` (indices into the
    /// board's conversations), against the configured thresholds; recomputed
    /// when the board or the rows change, read per tick.
    pub fn wait_stats(&self, rows: Signal<Vec<usize>>) -> Memo<WaitStats> {
        let board = self.board;
        let thresholds = StoredValue::new(use_config().wait_thresholds);
        Memo::new(move |_| {
            board.with(|b| {
                rows.with(|r| {
                    thresholds.with_value(|t| WaitStats::from_rows(b.conversations(), r, t))
                })
            })
        })
    }

    /// Cuts the current backoff short (the "Retry" button).
    pub fn retry_now(&self) {
        self.retry.update(|n| *n = n.wrapping_add(1));
    }

    pub fn has_data(&self) -> bool {
        self.synced_at.with(Option::is_some)
    }

    fn frozen_untracked(&self) -> bool {
        self.paused.get_untracked() || self.hidden.get_untracked()
    }

    /// Replaces the board's content (a snapshot): shown at once unless frozen.
    pub(super) fn replace(&self, f: impl FnOnce(&mut Board)) {
        if self.frozen_untracked() {
            self.board.update_untracked(f);
            self.waiting.update(|n| *n = n.saturating_add(1));
        } else {
            self.board.update(f);
        }
    }

    /// Changes the board. The change is applied at once, but the lists
    /// re-render at most every [`RENDER_INTERVAL_MS`]: at 200 events a second
    /// a render per event would redo the full filter, sort and indicators
    /// 200 times for no visible gain. While frozen, nothing re-renders.
    pub(super) fn change(&self, f: impl FnOnce(&mut Board)) {
        self.board.update_untracked(f);
        if self.frozen_untracked() {
            self.waiting.update(|n| *n = n.saturating_add(1));
        } else if !self.render_scheduled.get_value() {
            self.render_scheduled.set_value(true);
            let live = *self;
            set_timeout(
                move || {
                    live.render_scheduled.set_value(false);
                    if live.frozen_untracked() {
                        // Frozen meanwhile: the thaw shows it (it must not be lost).
                        live.waiting.update(|n| *n = n.saturating_add(1));
                    } else {
                        live.board.notify();
                    }
                },
                std::time::Duration::from_millis(RENDER_INTERVAL_MS),
            );
        }
    }
}

/// Creates the board for this session and starts its feed; both stop when
/// the calling owner is disposed (sign-out, profile switch). `with_agents`:
/// the profile may see agents (others get 403 on that snapshot, by design).
pub fn provide_live_board(api: ApiClient, with_agents: bool) -> LiveBoard {
    let live = LiveBoard {
        board: RwSignal::new(Board::new()),
        phase: RwSignal::new(FeedPhase::Connecting),
        error: RwSignal::new(None),
        synced_at: RwSignal::new(None),
        paused: RwSignal::new(false),
        hidden: RwSignal::new(document().hidden()),
        waiting: RwSignal::new(0),
        retry: RwSignal::new(0),
        render_scheduled: StoredValue::new(false),
    };
    provide_context(live);

    let visibility = window_event_listener_untyped("visibilitychange", move |_| {
        live.hidden.set(document().hidden());
    });
    on_cleanup(move || visibility.remove());
    // Thawing shows everything that happened meanwhile, in one render.
    Effect::new(move |_| {
        let frozen = live.paused.get() || live.hidden.get();
        if !frozen && live.waiting.get_untracked() > 0 {
            live.waiting.set(0);
            live.board.notify();
        }
    });
    start_feed(api, live, with_agents);
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
