//! The change stream's side of the feed (see the parent module): one
//! connection at a time, the snapshot it may owe, and the timers that
//! watch them, woken by whichever is ready first.

use futures::future::LocalBoxFuture;
use futures::stream::LocalBoxStream;
use futures::{FutureExt, StreamExt};
use leptos::prelude::*;
use monitor_core::board::{Input, Staged};
use monitor_core::event::{Change, StreamEvent};
use monitor_core::feed::{CatchUp, Reconnects, ResyncPacer};

use super::{load_snapshot, Feed, Snapshot, GAP_GRACE_MS};
use crate::api::{open_stream, ApiError, StreamItem};
use crate::state::live::FeedPhase;
use crate::state::timing::{now_ms, random, sleep, Sleep};

/// The change stream's side of the feed: one connection at a time, the
/// snapshot it may owe, and the timers that watch them.
pub(super) struct Stream {
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
    pub(super) fn new(feed: Feed) -> Self {
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

    pub(super) async fn run(mut self) {
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
