//! The live board: a snapshot, then the change stream applied on top of it.
//!
//! The feed never shows a guess. A lost event (a gap in `after`), a `resync`
//! or an undecodable event reloads the snapshot; a broken connection keeps
//! the last good rows on screen, says since when they are old, and retries
//! with capped exponential backoff. A 401 at any point ends the session.

use std::cell::Cell;
use std::rc::Rc;

use futures::StreamExt;
use leptos::prelude::*;
use leptos::task::spawn_local;
use monitor_core::board::{Applied, Board};
use monitor_core::clock::ClockOffset;
use monitor_core::event::StreamEvent;
use monitor_core::wire::{AgentsSnapshot, ConversationsSnapshot};
use send_wrapper::SendWrapper;
use web_sys::AbortController;

use super::clock::{use_clock, Clock};
use super::session::{use_session, Session, SignInNotice};
use super::timing::{backoff_ms, now_ms, sleep};
use crate::api::{open_stream, ApiClient, ApiError, StreamItem};

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
    retry: RwSignal<u32>,
}

impl LiveBoard {
    /// Cuts the current backoff short (the "Retry" button).
    pub fn retry_now(&self) {
        self.retry.update(|n| *n = n.wrapping_add(1));
    }

    pub fn has_data(&self) -> bool {
        self.synced_at.with(Option::is_some)
    }
}

/// Starts the feed for this session; it stops when the calling owner is
/// disposed (sign-out, profile switch). `with_agents`: the profile may see
/// agents (others get 403 on that snapshot, by design).
pub fn provide_live_board(api: ApiClient, with_agents: bool) -> LiveBoard {
    let live = LiveBoard {
        board: RwSignal::new(Board::new()),
        phase: RwSignal::new(FeedPhase::Connecting),
        error: RwSignal::new(None),
        synced_at: RwSignal::new(None),
        retry: RwSignal::new(0),
    };
    provide_context(live);

    let controller = AbortController::new().ok();
    let cancelled = Rc::new(Cell::new(false));
    let feed = Feed {
        api,
        live,
        with_agents,
        clock: use_clock(),
        session: use_session(),
        abort: controller.clone(),
        cancelled: cancelled.clone(),
    };
    let cleanup = SendWrapper::new((controller, cancelled));
    on_cleanup(move || {
        let (controller, cancelled) = cleanup.take();
        cancelled.set(true);
        if let Some(c) = controller {
            c.abort();
        }
    });
    spawn_local(feed.run());
    live
}

pub fn use_live_board() -> LiveBoard {
    expect_context::<LiveBoard>()
}

struct Feed {
    api: ApiClient,
    live: LiveBoard,
    with_agents: bool,
    // Captured up front: contexts are not reachable from a spawned task.
    clock: Clock,
    session: Session,
    abort: Option<AbortController>,
    cancelled: Rc<Cell<bool>>,
}

/// Why the stream loop handed control back.
enum StreamEnd {
    /// Reload the snapshot, then stream again.
    Resync,
    /// The session is over.
    Stop,
}

impl Feed {
    async fn run(self) {
        let mut failures = 0u32;
        loop {
            if self.cancelled.get() {
                return;
            }
            match self.load_snapshot().await {
                Ok(()) => failures = 0,
                Err(ApiError::Unauthorized) => return self.end_session(),
                Err(e) => {
                    self.fail(e);
                    self.wait(failures).await;
                    failures = failures.saturating_add(1);
                    continue;
                }
            }
            match self.stream().await {
                StreamEnd::Resync => continue,
                StreamEnd::Stop => return,
            }
        }
    }

    async fn load_snapshot(&self) -> Result<(), ApiError> {
        let signal = self.abort.as_ref().map(|c| c.signal());
        let sent = now_ms();
        let snapshot: ConversationsSnapshot = self
            .api
            .get_json("/monitor/conversations", "conversations", signal.as_ref())
            .await?;
        let received = now_ms();
        let agents = if self.with_agents {
            let agents: AgentsSnapshot = self
                .api
                .get_json("/monitor/agents", "agents", signal.as_ref())
                .await?;
            Some(agents)
        } else {
            None
        };
        if self.cancelled.get() {
            return Ok(());
        }
        self.clock.set_offset(ClockOffset::from_sample(
            snapshot.server_time,
            sent,
            received,
        ));
        // One update: the table never shows new conversations with old agents.
        self.live.board.update(|b| {
            b.load_conversations(snapshot);
            if let Some(agents) = agents {
                b.load_agents(agents);
            }
        });
        self.mark_synced();
        Ok(())
    }

    /// Streams from the board's sequence, reconnecting (with resume) on drops.
    async fn stream(&self) -> StreamEnd {
        let mut failures = 0u32;
        let Some(signal) = self.abort.as_ref().map(|c| c.signal()) else {
            return StreamEnd::Stop;
        };
        loop {
            if self.cancelled.get() {
                return StreamEnd::Stop;
            }
            let from = self.live.board.with_untracked(Board::sequence);
            match open_stream(&self.api, from, &signal).await {
                Ok(stream) => {
                    failures = 0;
                    self.live.phase.set(FeedPhase::Live);
                    self.live.error.set(None);
                    self.mark_synced();
                    let mut stream = std::pin::pin!(stream);
                    while let Some(item) = stream.next().await {
                        if self.cancelled.get() {
                            return StreamEnd::Stop;
                        }
                        if let Some(end) = self.handle(item) {
                            return end;
                        }
                    }
                    if self.cancelled.get() {
                        return StreamEnd::Stop;
                    }
                    self.live.phase.set(FeedPhase::Reconnecting);
                }
                Err(ApiError::Unauthorized) => {
                    self.end_session();
                    return StreamEnd::Stop;
                }
                Err(e) => self.fail(e),
            }
            self.wait(failures).await;
            failures = failures.saturating_add(1);
        }
    }

    /// Applies one stream item; `Some` ends the stream.
    fn handle(&self, item: StreamItem) -> Option<StreamEnd> {
        match item {
            StreamItem::Event(StreamEvent::Change {
                sequence,
                after,
                change,
            }) => {
                let applied = self
                    .live
                    .board
                    .try_update(|b| b.apply(sequence, after, change))
                    .unwrap_or(Applied::Ignored);
                match applied {
                    Applied::Gap => Some(StreamEnd::Resync),
                    Applied::Changed | Applied::Ignored => {
                        self.mark_synced();
                        None
                    }
                }
            }
            StreamItem::Event(StreamEvent::Resync) => Some(StreamEnd::Resync),
            StreamItem::Event(StreamEvent::Heartbeat { .. }) => {
                self.mark_synced();
                None
            }
            StreamItem::Event(StreamEvent::Unknown { .. }) => None,
            StreamItem::Malformed(e) => {
                // The event is lost; only a fresh snapshot is the truth again.
                self.live.error.set(Some(ApiError::Malformed {
                    what: "live event".to_owned(),
                    detail: e.to_string(),
                }));
                Some(StreamEnd::Resync)
            }
            StreamItem::Broken(reason) => {
                leptos::logging::warn!("live stream broke: {reason}");
                None
            }
        }
    }

    fn mark_synced(&self) {
        self.live.synced_at.set(Some(now_ms()));
    }

    fn fail(&self, error: ApiError) {
        if self.cancelled.get() {
            return;
        }
        let offline_since = match self.live.phase.get_untracked() {
            FeedPhase::Offline { since_ms } => since_ms,
            _ => now_ms(),
        };
        self.live.phase.set(FeedPhase::Offline {
            since_ms: offline_since,
        });
        self.live.error.set(Some(error));
    }

    fn end_session(&self) {
        if !self.cancelled.get() {
            self.session.expire(SignInNotice::SessionExpired);
        }
    }

    /// Backoff before the next attempt, cut short by the Retry button.
    async fn wait(&self, failures: u32) {
        let retry_seen = self.live.retry.get_untracked();
        let mut remaining = backoff_ms(failures);
        while remaining > 0 && !self.cancelled.get() {
            let step = remaining.min(100);
            sleep(step).await;
            remaining -= step;
            if self.live.retry.try_get_untracked() != Some(retry_seen) {
                return;
            }
        }
    }
}
