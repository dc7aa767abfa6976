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
use futures::stream::LocalBoxStream;
use futures::{FutureExt, StreamExt};
use leptos::prelude::*;
use leptos::task::spawn_local;
use monitor_core::board::{Input, Staged};
use monitor_core::clock::ClockOffset;
use monitor_core::config::{Config, LiveMode};
use monitor_core::event::{Change, StreamEvent};
use monitor_core::feed::{CatchUp, Reconnects, ResyncPacer};
use monitor_core::wire::{AgentsSnapshot, ConversationsSnapshot};
use send_wrapper::SendWrapper;

use super::clock::{use_clock, Clock};
use super::live::{FeedPhase, LiveBoard};
use super::timing::{now_ms, random, sleep, Sleep};
use crate::api::{open_stream, ApiClient, ApiError, StreamItem};

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
        let conversations =
            api.get_json::<ConversationsSnapshot>("/monitor/conversations", "conversations", None);
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

/// The change stream's side of the feed: one connection at a time, the
/// snapshot it may owe, and the timers that watch them.
struct Stream {
    feed: Feed,
    connection: Connection,
    reconnects: Reconnects,
    catch_up: CatchUp,
    pacer: ResyncPacer,
    /// The snapshot being loaded (or waited for), if one is owed.
    snapshot: Option<LocalBoxFuture<'static, Result<Snapshot, ApiError>>>,
    /// When kept events stop waiting for a late one.
    grace: Option<Sleep>,
    /// Some connection has been live: losing it is "reconnecting".
    was_live: bool,
}

enum Connection {
    /// Reconnecting when the wait ends.
    Closed(Sleep),
    Opening(LocalBoxFuture<'static, Result<LocalBoxStream<'static, StreamItem>, ApiError>>),
    Open {
        events: LocalBoxStream<'static, StreamItem>,
        /// The silence watchdog: one timer at a time, re-armed from
        /// `heard_ms` when it fires.
        watchdog: Sleep,
        heard_ms: f64,
    },
}

/// What woke the stream task.
enum Wake {
    Retry,
    Snapshot(Result<Snapshot, ApiError>),
    Reconnect,
    Opened(Result<LocalBoxStream<'static, StreamItem>, ApiError>),
    Item(Option<StreamItem>),
    Watchdog,
    GraceOver,
}

impl Stream {
    fn new(feed: Feed) -> Self {
        let mut stream = Stream {
            feed,
            connection: Connection::Closed(sleep(0)),
            reconnects: Reconnects::default(),
            catch_up: CatchUp::default(),
            pacer: ResyncPacer::default(),
            snapshot: None,
            grace: None,
            was_live: false,
        };
        stream.open();
        stream
    }

    async fn run(mut self) {
        loop {
            let wake = std::future::poll_fn(|cx| self.poll_wake(cx)).await;
            if !self.handle(wake) {
                return;
            }
        }
    }

    fn poll_wake(&mut self, cx: &mut std::task::Context<'_>) -> std::task::Poll<Wake> {
        use std::task::Poll::Ready;
        if let Ready(Some(())) = self.feed.retries.poll_next_unpin(cx) {
            return Ready(Wake::Retry);
        }
        if let Some(loading) = &mut self.snapshot {
            if let Ready(answer) = loading.poll_unpin(cx) {
                self.snapshot = None;
                return Ready(Wake::Snapshot(answer));
            }
        }
        if let Some(grace) = &mut self.grace {
            if grace.poll_unpin(cx).is_ready() {
                self.grace = None;
                return Ready(Wake::GraceOver);
            }
        }
        match &mut self.connection {
            Connection::Closed(wait) => {
                if wait.poll_unpin(cx).is_ready() {
                    return Ready(Wake::Reconnect);
                }
            }
            Connection::Opening(opening) => {
                if let Ready(opened) = opening.poll_unpin(cx) {
                    return Ready(Wake::Opened(opened));
                }
            }
            Connection::Open {
                events, watchdog, ..
            } => {
                if let Ready(item) = events.poll_next_unpin(cx) {
                    return Ready(Wake::Item(item));
                }
                if watchdog.poll_unpin(cx).is_ready() {
                    return Ready(Wake::Watchdog);
                }
            }
        }
        std::task::Poll::Pending
    }

    /// Acts on one wake; `false` ends the feed (the session is over).
    fn handle(&mut self, wake: Wake) -> bool {
        match wake {
            Wake::Retry => {
                if self.snapshot.is_some() {
                    // Abort the one in flight (or waited for); ask again now.
                    self.snapshot = Some(self.load(0));
                }
                // Waiting to reconnect, or a connection hung opening: try
                // again now (dropping the old attempt aborts it).
                if !matches!(self.connection, Connection::Open { .. }) {
                    self.open();
                }
            }
            Wake::Snapshot(Ok(snapshot)) => self.caught_up(snapshot),
            Wake::Snapshot(Err(ApiError::Unauthorized))
            | Wake::Opened(Err(ApiError::Unauthorized)) => {
                return false;
            }
            Wake::Snapshot(Err(e)) => {
                self.feed.fail(e);
                self.owe_snapshot();
            }
            Wake::Reconnect => self.open(),
            Wake::Opened(Ok(events)) => {
                self.reconnects.opened();
                self.connection = Connection::Open {
                    events,
                    watchdog: sleep(self.feed.silence_ms),
                    heard_ms: now_ms(),
                };
            }
            Wake::Opened(Err(e)) => {
                self.feed.fail(e);
                self.close();
            }
            Wake::Item(Some(item)) => self.take(item),
            Wake::Item(None) => self.close(),
            Wake::Watchdog => self.check_silence(),
            Wake::GraceOver => {
                if self.catch_up.is_waiting() {
                    self.catch_up.give_up_waiting();
                    self.owe_snapshot();
                }
            }
        }
        self.show_phase();
        true
    }

    fn open(&mut self) {
        let api = self.feed.api.clone();
        let from = self.feed.live.resume_from();
        self.connection = Connection::Opening(
            async move { open_stream(&api, from).await.map(StreamExt::boxed_local) }.boxed_local(),
        );
    }

    /// The connection ended (or never opened): wait, then reconnect.
    fn close(&mut self) {
        let wait = self.reconnects.delay_after_end(random());
        self.connection = Connection::Closed(sleep(wait));
    }

    /// No event and no heartbeat for `silence_ms`: the connection is dead
    /// even if it looks open. Otherwise the watchdog sleeps again until
    /// that long after the last sign of life.
    fn check_silence(&mut self) {
        let silence_ms = self.feed.silence_ms;
        if let Connection::Open {
            watchdog, heard_ms, ..
        } = &mut self.connection
        {
            let quiet = now_ms() - *heard_ms;
            if quiet < f64::from(silence_ms) {
                *watchdog = sleep(silence_ms.saturating_sub(quiet as u32).max(1));
                return;
            }
        }
        leptos::logging::warn!("live stream silent for {silence_ms} ms; reconnecting");
        self.close();
    }

    /// One item from the open connection.
    fn take(&mut self, item: StreamItem) {
        if let Connection::Open { heard_ms, .. } = &mut self.connection {
            *heard_ms = now_ms();
        }
        match item {
            StreamItem::Event(event) => match *event {
                StreamEvent::Change {
                    sequence,
                    after,
                    change,
                } => {
                    self.proof();
                    self.change(sequence, after, change);
                }
                StreamEvent::Heartbeat { .. } => {
                    self.proof();
                    if self.in_step() {
                        self.feed.mark_synced();
                    }
                }
                StreamEvent::Resync => {
                    self.catch_up.resync();
                    self.owe_snapshot();
                }
                StreamEvent::Unknown { .. } => {}
            },
            StreamItem::Malformed(e) => {
                // The event is lost; only a snapshot is the truth again. The
                // error shows until the feed is back in step.
                self.feed.live.error.set(Some(ApiError::Malformed {
                    what: "live event".to_owned(),
                    detail: e.to_string(),
                }));
                self.catch_up.give_up_waiting();
                self.owe_snapshot();
            }
            StreamItem::Broken(reason) => {
                leptos::logging::warn!("live stream broke: {reason}");
            }
        }
    }

    /// The connection delivered something: it is alive.
    fn proof(&mut self) {
        if self.reconnects.proof() && self.in_step() {
            self.feed.live.error.set(None);
        }
    }

    fn change(&mut self, sequence: u64, after: u64, change: Change) {
        if self.in_step() {
            let position = self.feed.live.resume_from();
            if sequence <= position {
                // A duplicate, or already in the snapshot.
                return;
            }
            if after != position {
                // A gap, perhaps only a late event: keep this one, and give
                // the late one a moment to come.
                self.catch_up.keep(sequence, after, change);
                self.grace = Some(sleep(GAP_GRACE_MS));
                return;
            }
            let staged = self.feed.live.stage(Input::Change {
                sequence,
                after,
                change,
            });
            if staged == Staged::Accepted {
                self.feed.mark_synced();
            }
            return;
        }
        self.catch_up.keep(sequence, after, change);
        if self.snapshot.is_none() {
            let healed = self.catch_up.heal(self.feed.live.resume_from());
            self.stage_chain(healed);
            if self.catch_up.is_idle() {
                self.grace = None;
                self.feed.mark_synced();
            }
        }
    }

    /// Stages changes that `CatchUp` checked follow one another from the
    /// board's position.
    fn stage_chain(&self, chain: Vec<(u64, Change)>) {
        for (sequence, change) in chain {
            let after = self.feed.live.resume_from();
            self.feed.live.stage(Input::Change {
                sequence,
                after,
                change,
            });
        }
    }

    /// The board follows the stream: nothing kept, nothing owed.
    fn in_step(&self) -> bool {
        self.catch_up.is_idle() && self.snapshot.is_none()
    }

    /// A snapshot is owed: load one, as soon as the pacer allows.
    fn owe_snapshot(&mut self) {
        if self.snapshot.is_none() {
            let now = now_ms();
            let delay = self.pacer.delay(now, random());
            self.pacer.requested(now + f64::from(delay));
            self.snapshot = Some(self.load(delay));
        }
    }

    fn load(&self, delay_ms: u32) -> LocalBoxFuture<'static, Result<Snapshot, ApiError>> {
        load_snapshot(self.feed.api.clone(), self.feed.with_agents, delay_ms)
    }

    /// The owed snapshot arrived: on the board with what the stream brought
    /// meanwhile that is newer than it.
    fn caught_up(&mut self, snapshot: Snapshot) {
        self.pacer.loaded(snapshot.received_ms - snapshot.sent_ms);
        self.feed.stage_snapshot(snapshot);
        let caught = self.catch_up.after_snapshot(self.feed.live.resume_from());
        self.stage_chain(caught.changes);
        self.feed.show_synced();
        self.grace = (!caught.complete).then(|| sleep(GAP_GRACE_MS));
    }

    /// What the connection indicator says.
    fn show_phase(&mut self) {
        let live = &self.feed.live;
        let phase = match &self.connection {
            Connection::Open { .. } if self.reconnects.proven() && self.in_step() => {
                self.was_live = true;
                FeedPhase::Live
            }
            _ if matches!(live.phase.get_untracked(), FeedPhase::Offline { .. })
                && live.error.with_untracked(Option::is_some) =>
            {
                return;
            }
            _ if self.was_live => FeedPhase::Reconnecting,
            _ => FeedPhase::Connecting,
        };
        if live.phase.get_untracked() != phase {
            live.phase.set(phase);
        }
    }
}
