//! The task that keeps the board true: a snapshot, then the change stream
//! on top of it (or, in polling mode, a snapshot every interval), all
//! handed to the live board, which applies them at its next flush.
//!
//! It never shows a guess. A lost event (a gap in `after`), a `resync` or an
//! undecodable event reloads the snapshot; a broken or silent connection
//! keeps the last good rows on screen, says since when they are old, and
//! retries with capped exponential backoff and jitter. A 401 at any point
//! ends the session.

use std::cell::Cell;
use std::rc::Rc;

use futures::future::{select, Either};
use futures::StreamExt;
use leptos::prelude::*;
use leptos::task::spawn_local;
use monitor_core::board::{Input, Staged};
use monitor_core::clock::ClockOffset;
use monitor_core::config::{Config, LiveMode};
use monitor_core::event::StreamEvent;
use monitor_core::wire::{AgentsSnapshot, ConversationsSnapshot};
use send_wrapper::SendWrapper;
use web_sys::AbortController;

use super::clock::{use_clock, Clock};
use super::live::{FeedPhase, LiveBoard};
use super::session::{use_session, Session, SignInNotice};
use super::timing::{backoff_ms, now_ms, sleep};
use crate::api::{open_stream, ApiClient, ApiError, StreamItem};

/// No event and no heartbeat for this long: the stream is dead even if the
/// connection looks open (a proxy holding it, a server that hung).
const SILENCE_LIMIT_MS: u32 = 30_000;

/// Starts the feed into `live`; it stops when the calling owner is
/// disposed. `with_agents`: the profile may see agents (others get 403 on
/// that snapshot, by design).
pub fn start_feed(api: ApiClient, live: LiveBoard, with_agents: bool) {
    let config = use_context::<Config>();
    let controller = AbortController::new().ok();
    let cancelled = Rc::new(Cell::new(false));
    let feed = Feed {
        api,
        live,
        with_agents,
        mode: config.as_ref().map(|c| c.live_mode).unwrap_or_default(),
        poll_interval_ms: config.as_ref().map(|c| c.poll_interval_ms).unwrap_or(5_000),
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
}

struct Feed {
    api: ApiClient,
    live: LiveBoard,
    with_agents: bool,
    mode: LiveMode,
    poll_interval_ms: u32,
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
                    self.wait(backoff_ms(failures)).await;
                    failures = failures.saturating_add(1);
                    continue;
                }
            }
            match self.mode {
                LiveMode::Poll => {
                    self.live.phase.set(FeedPhase::Live);
                    self.live.error.set(None);
                    self.wait(self.poll_interval_ms).await;
                }
                LiveMode::Sse => match self.stream().await {
                    StreamEnd::Resync => continue,
                    StreamEnd::Stop => return,
                },
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
        // One flush: the table never shows new conversations with old agents.
        self.live.stage(Input::Conversations(snapshot));
        if let Some(agents) = agents {
            self.live.stage(Input::Agents(agents));
        }
        self.live.flush_now();
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
            let from = self.live.resume_from();
            match open_stream(&self.api, from, &signal).await {
                Ok(stream) => {
                    failures = 0;
                    self.live.phase.set(FeedPhase::Live);
                    self.live.error.set(None);
                    self.mark_synced();
                    let mut stream = std::pin::pin!(stream);
                    loop {
                        let next = stream.next();
                        let silence = std::pin::pin!(sleep(SILENCE_LIMIT_MS));
                        let item = match select(next, silence).await {
                            Either::Left((Some(item), _)) => item,
                            // Ended by the server, or silent too long.
                            Either::Left((None, _)) | Either::Right(_) => break,
                        };
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
            self.wait(backoff_ms(failures)).await;
            failures = failures.saturating_add(1);
        }
    }

    /// Applies one stream item; `Some` ends the stream.
    fn handle(&self, item: StreamItem) -> Option<StreamEnd> {
        match item {
            StreamItem::Event(event) => self.handle_event(*event),
            StreamItem::Malformed(e) => {
                // The event is lost; only a fresh snapshot is the truth again.
                // The error shows until the stream is healthy again.
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

    /// Applies one decoded event; `Some` ends the stream.
    fn handle_event(&self, event: StreamEvent) -> Option<StreamEnd> {
        match event {
            StreamEvent::Change {
                sequence,
                after,
                change,
            } => match self.live.stage(Input::Change {
                sequence,
                after,
                change,
            }) {
                Staged::Gap => Some(StreamEnd::Resync),
                Staged::Ignored => None,
                Staged::Accepted => {
                    self.mark_synced();
                    None
                }
            },
            StreamEvent::Resync => Some(StreamEnd::Resync),
            StreamEvent::Heartbeat { .. } => {
                self.mark_synced();
                None
            }
            StreamEvent::Unknown { .. } => None,
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

    /// Waits `ms`, cut short by the Retry button or the end of the session.
    async fn wait(&self, ms: u32) {
        let retries = self.live.retries();
        let retry_seen = retries.get_untracked();
        let mut remaining = ms;
        while remaining > 0 && !self.cancelled.get() {
            let step = remaining.min(100);
            sleep(step).await;
            remaining -= step;
            if retries.try_get_untracked() != Some(retry_seen) {
                return;
            }
        }
    }
}
