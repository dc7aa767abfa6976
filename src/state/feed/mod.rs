//! The task that keeps the board true: a snapshot, then the change stream
//! on top of it (or, in polling mode, a snapshot every interval), all
//! handed to the live board, which applies them at its next flush.
//!
//! It never shows a guess, and it never hammers the backend:
//! - A gap, a `resync` or an unreadable event does not drop the stream. Its
//!   events are kept while a fresh snapshot loads, and only those newer than
//!   the snapshot apply after it (`monitor_core::feed::CatchUp`). A gap may
//!   close by itself (a late event) within [`GAP_GRACE_MS`]; resyncs that
//!   keep coming are answered ever later (`ResyncPacer`).
//! - "Live" is earned: only an event or a heartbeat on the new connection
//!   shows it, and a connection that dies before one counts as a failure,
//!   so reconnects back off (`Reconnects`).
//! - One silence watchdog per connection, re-armed as events come: no event
//!   and no heartbeat for as long as data counts as stale and the
//!   connection is dropped and reopened.
//! - Every request has a deadline (`ApiClient`). "Retry" aborts a request
//!   in flight and sends it again at once; the end of the session drops the
//!   whole task, which aborts whatever it had in flight.
//!
//! A broken connection keeps the last good rows on screen and says since
//! when they are old. A 401 at any point has ended the session (the API
//! client did, see `api::unauthorized`): the feed stops.

use futures::channel::{mpsc, oneshot};
use futures::future::{select, LocalBoxFuture};
use futures::{FutureExt, StreamExt};
use leptos::prelude::*;
use leptos::task::spawn_local;
use monitor_core::board::Input;
use monitor_core::clock::ClockOffset;
use monitor_core::config::{Config, LiveMode};
use monitor_core::feed::Reconnects;
use monitor_core::wire::{AgentsSnapshot, ConversationsSnapshot};
use send_wrapper::SendWrapper;

use super::clock::{use_clock, Clock};
use super::live::{FeedPhase, LiveBoard};
use super::timing::{now_ms, random, sleep};
use crate::api::{ApiClient, ApiError};

mod stream;
use stream::Stream;

/// How long kept events may wait for a late one before a snapshot is owed.
pub const GAP_GRACE_MS: u32 = 2_000;

/// Starts the feed into `live`; it stops when the calling owner is
/// disposed. `with_agents`: the profile may see agents (others get 403 on
/// that snapshot, by design).
pub fn start_feed(api: ApiClient, live: LiveBoard, with_agents: bool) {
    let config = use_context::<Config>();
    let (retry_tx, retry_rx) = mpsc::unbounded();
    // Each press of "Retry" reaches the task at once, without polling.
    let retries = live.retries();
    Effect::new(move |seen: Option<u32>| {
        let pressed = retries.get();
        if seen.is_some_and(|seen| seen != pressed) {
            let _ = retry_tx.unbounded_send(());
        }
        pressed
    });
    let feed = Feed {
        api,
        live,
        with_agents,
        mode: config.as_ref().map(|c| c.live_mode).unwrap_or_default(),
        poll_interval_ms: config.as_ref().map_or(5_000, |c| c.poll_interval_ms),
        silence_ms: config.as_ref().map_or(45_000, |c| c.stale_after_ms),
        clock: use_clock(),
        retries: retry_rx,
    };
    // Dropping the sender resolves `stopped`, which drops the task and,
    // with it, every request it had in flight (each aborts on drop).
    let (stop, stopped) = oneshot::channel::<()>();
    let stop = SendWrapper::new(stop);
    on_cleanup(move || drop(stop.take()));
    spawn_local(async move {
        let run = std::pin::pin!(feed.run());
        select(run, stopped).await;
    });
}

struct Feed {
    api: ApiClient,
    live: LiveBoard,
    with_agents: bool,
    mode: LiveMode,
    poll_interval_ms: u32,
    silence_ms: u32,
    // Captured up front: contexts are not reachable from a spawned task.
    clock: Clock,
    retries: mpsc::UnboundedReceiver<()>,
}

/// The conversations (and agents) as of one moment, and when they were asked.
struct Snapshot {
    conversations: ConversationsSnapshot,
    agents: Option<AgentsSnapshot>,
    sent_ms: f64,
    received_ms: f64,
}

/// Loads the snapshot after `delay_ms`: conversations and agents at once.
fn load_snapshot(
    api: ApiClient,
    with_agents: bool,
    delay_ms: u32,
) -> LocalBoxFuture<'static, Result<Snapshot, ApiError>> {
    async move {
        if delay_ms > 0 {
            sleep(delay_ms).await;
        }
        let sent_ms = now_ms();
        let conversations = api.get_conversations("/monitor/conversations", "conversations", None);
        let agents = async {
            match with_agents {
                true => api
                    .get_json::<AgentsSnapshot>("/monitor/agents", "agents", None)
                    .await
                    .map(Some),
                false => Ok(None),
            }
        };
        let (conversations, agents) = futures::future::join(conversations, agents).await;
        Ok(Snapshot {
            conversations: conversations?,
            agents: agents?,
            sent_ms,
            received_ms: now_ms(),
        })
    }
    .boxed_local()
}

impl Feed {
    async fn run(mut self) {
        let Some(snapshot) = self.first_snapshot().await else {
            return;
        };
        self.stage_snapshot(snapshot);
        self.show_synced();
        match self.mode {
            LiveMode::Poll => self.poll().await,
            LiveMode::Sse => Stream::new(self).run().await,
        }
    }

    /// The first snapshot, retried with backoff; `None` if the session ended.
    async fn first_snapshot(&mut self) -> Option<Snapshot> {
        let mut failures = Reconnects::default();
        loop {
            let loading = load_snapshot(self.api.clone(), self.with_agents, 0);
            match self.or_retry(loading).await {
                Some(Ok(snapshot)) => return Some(snapshot),
                // The client has ended the session (`api::unauthorized`).
                Some(Err(ApiError::Unauthorized)) => return None,
                Some(Err(e)) => {
                    self.fail(e);
                    self.or_retry(sleep(failures.delay_after_end(random())))
                        .await;
                }
                // "Retry" aborted it: send it again at once.
                None => {}
            }
        }
    }

    /// Polling mode: a snapshot every interval (sooner after a failure, if
    /// the backoff is shorter; at once on "Retry").
    async fn poll(&mut self) {
        self.live.phase.set(FeedPhase::Live);
        let mut failures = Reconnects::default();
        let mut wait = self.poll_interval_ms;
        loop {
            self.or_retry(sleep(wait)).await;
            let loading = load_snapshot(self.api.clone(), self.with_agents, 0);
            match self.or_retry(loading).await {
                Some(Ok(snapshot)) => {
                    failures = Reconnects::default();
                    wait = self.poll_interval_ms;
                    self.stage_snapshot(snapshot);
                    self.show_synced();
                    self.live.phase.set(FeedPhase::Live);
                }
                Some(Err(ApiError::Unauthorized)) => return,
                Some(Err(e)) => {
                    self.fail(e);
                    wait = failures
                        .delay_after_end(random())
                        .min(self.poll_interval_ms);
                }
                None => wait = 0,
            }
        }
    }

    /// `work`, unless "Retry" is pressed first (then `None`, and `work` is
    /// dropped: a request in it is aborted).
    async fn or_retry<T>(&mut self, work: impl std::future::Future<Output = T>) -> Option<T> {
        let work = std::pin::pin!(work);
        match select(work, self.retries.next()).await {
            futures::future::Either::Left((done, _)) => Some(done),
            futures::future::Either::Right(_) => None,
        }
    }

    /// Stages a snapshot for the board; the caller flushes (once, with the
    /// agents and whatever follows it, so the table never shows new
    /// conversations with old agents).
    fn stage_snapshot(&self, snapshot: Snapshot) {
        self.clock.set_offset(ClockOffset::from_sample(
            snapshot.conversations.server_time,
            snapshot.sent_ms,
            snapshot.received_ms,
        ));
        self.live
            .stage(Input::Conversations(snapshot.conversations));
        if let Some(agents) = snapshot.agents {
            self.live.stage(Input::Agents(agents));
        }
    }

    /// The board matches the server as of now: show it.
    fn show_synced(&self) {
        self.live.flush_now();
        self.live.error.set(None);
        self.mark_synced();
    }

    fn mark_synced(&self) {
        self.live.synced_at.set(Some(now_ms()));
    }

    fn fail(&self, error: ApiError) {
        let offline_since = match self.live.phase.get_untracked() {
            FeedPhase::Offline { since_ms } => since_ms,
            _ => now_ms(),
        };
        self.live.phase.set(FeedPhase::Offline {
            since_ms: offline_since,
        });
        self.live.error.set(Some(error));
    }
}
