//! `GET /api/v1/monitor/events`: the change stream (Server-Sent Events).
//!
//! Each change goes out as `event: <name>`, `id: <sequence>`,
//! `data: {"after": <previous sequence sent on this connection>, ...}`. A
//! resume point comes from `Last-Event-ID`; when it cannot be honoured (too
//! old, in the future, unparseable) or the connection falls behind the
//! broadcast, a `resync` tells the client to reload its snapshot, and the
//! stream goes on live from the then-current sequence.
//!
//! Injected faults (see [`crate::faults`]) act here too: a connection is cut
//! after `drop_stream_secs`, a resume is refused, and change events are
//! duplicated, reordered or malformed on their way out ([`mangle`]).
//!
//! Every connection begins with a `heartbeat` (when heartbeats are on).
//!
//! A stream ends when its token is revoked, so the client's reconnect meets
//! the 401.

mod mangle;

use std::collections::VecDeque;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, HeaderValue};
use axum::response::sse::{Event, Sse};
use axum::response::IntoResponse;
use futures_util::stream::{self, Stream, StreamExt};
use monitor_core::event::name;
use monitor_core::wire::Timestamp;
use tokio::sync::broadcast::{self, error::RecvError};
use tokio::sync::watch;
use tokio::time::{interval_at, sleep_until, Instant, Interval, MissedTickBehavior};

use crate::auth::{Caller, Scope};
use crate::faults::Faults;
use crate::sim::journal::Entry;
use crate::state::AppState;
use mangle::{Mangler, Outgoing};

pub async fn events(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
) -> impl IntoResponse {
    let resume = headers
        .get("last-event-id")
        .map(|v| v.to_str().ok().and_then(|s| s.trim().parse::<u64>().ok()));
    let dies_at_once = state.faults().current().stream_dies_at_once;
    let feed = Feed::open(state, &caller, resume);
    let events = match dies_at_once {
        true => stream::empty().left_stream(),
        false => feed.into_stream().right_stream(),
    };
    (
        [
            // Proxies (nginx) must not hold events back.
            (
                HeaderName::from_static("x-accel-buffering"),
                HeaderValue::from_static("no"),
            ),
        ],
        Sse::new(events),
    )
}

/// One connection's position in the journal.
struct Feed {
    state: AppState,
    scope: Scope,
    rx: broadcast::Receiver<Arc<Entry>>,
    /// Sequence of the last event sent (or the resume point): the next `after`.
    after: u64,
    /// Highest sequence considered, sent or filtered out; older ones are skipped.
    seen: u64,
    ready: VecDeque<Outgoing>,
    heartbeat: Option<Interval>,
    /// The faults in force, watched so that a change applies to this
    /// connection at once (turning drops on cuts it if it is already old).
    faults: watch::Receiver<Faults>,
    /// The token this stream signed in with, and word of revocations.
    token: String,
    revocations: watch::Receiver<u64>,
    mangler: Mangler,
    opened: Instant,
}

impl Feed {
    /// `resume`: `None` without `Last-Event-ID`, `Some(None)` when it was unparseable.
    fn open(state: AppState, caller: &Caller, resume: Option<Option<u64>>) -> Self {
        let faults = state.faults().watch();
        let mut revocations = state.revocations().watch();
        // Revoked between the sign-in check and here: end at the first poll.
        if state.revocations().is_revoked(&caller.token) {
            revocations.mark_changed();
        }
        // A refused resume is answered like an unusable one.
        let refuse_resume = faults.borrow().refuse_resume;
        let resume = if refuse_resume {
            resume.map(|_| None)
        } else {
            resume
        };
        // Replay and subscription under one lock: no change falls in between.
        let (scope, rx, current, replay) = {
            let sim = state.sim();
            let current = sim.journal().sequence();
            let replay = match resume {
                None => Some((current, Vec::new())),
                Some(point) => point.and_then(|p| sim.journal().since(p).map(|e| (p, e))),
            };
            (
                caller.scope(sim.world()),
                sim.journal().subscribe(),
                current,
                replay,
            )
        };
        let heartbeat = state.heartbeat().map(|period| {
            let mut beat = interval_at(Instant::now() + period, period);
            beat.set_missed_tick_behavior(MissedTickBehavior::Delay);
            beat
        });
        let mangler = Mangler::new(state.faults().stream_rng());
        let mut feed = Feed {
            state,
            scope,
            rx,
            after: current,
            seen: current,
            ready: VecDeque::new(),
            heartbeat,
            faults,
            token: caller.token.clone(),
            revocations,
            mangler,
            opened: Instant::now(),
        };
        match replay {
            Some((point, entries)) => {
                feed.after = point;
                feed.seen = point;
                for entry in &entries {
                    feed.accept(entry);
                }
            }
            None => feed.ready.push_back(resync()),
        }
        // First of all a heartbeat: the client learns at once that the
        // stream really flows (it shows "Live" only then), even for a
        // scope that sees few changes.
        if feed.heartbeat.is_some() {
            feed.ready
                .push_front(self::heartbeat(feed.state.clock().now()));
        }
        feed
    }

    /// Queues what of `entry` this connection gets, and advances `after`.
    fn accept(&mut self, entry: &Entry) {
        if entry.sequence <= self.seen {
            return;
        }
        self.seen = entry.sequence;
        if let Some(change) = self.scope.filter(entry) {
            let event = Outgoing {
                name: change.event_name(),
                id: Some(entry.sequence),
                data: change.to_data(self.after),
            };
            self.after = entry.sequence;
            let faults = *self.faults.borrow();
            self.mangler.pass(&faults, event, &mut self.ready);
        }
    }

    /// Fell behind the broadcast: tell the client, go on from now.
    fn lagged(&mut self) {
        let sim = self.state.sim();
        self.rx = sim.journal().subscribe();
        self.after = sim.journal().sequence();
        self.seen = self.after;
        drop(sim);
        self.ready.clear();
        self.mangler.forget();
        self.ready.push_back(resync());
    }

    /// When an injected drop cuts this connection, if one is in force.
    fn cut_at(&self) -> Option<Instant> {
        let secs = self.faults.borrow().drop_stream_secs;
        (secs > 0)
            .then(|| self.opened.checked_add(Duration::from_secs(secs)))
            .flatten()
    }

    /// Whether this stream's token was revoked; checked between events too,
    /// so a busy stream ends as promptly as an idle one.
    fn revoked(&mut self) -> bool {
        match self.revocations.has_changed() {
            Ok(false) => false,
            Ok(true) => {
                self.revocations.mark_unchanged();
                self.state.revocations().is_revoked(&self.token)
            }
            // The server is gone.
            Err(_) => true,
        }
    }

    fn into_stream(self) -> impl Stream<Item = Result<Event, Infallible>> {
        stream::unfold(self, |mut feed| async move {
            loop {
                let cut = feed.cut_at();
                // Checked before each event too: a busy stream must still be cut.
                if cut.is_some_and(|at| at <= Instant::now()) || feed.revoked() {
                    return None;
                }
                if let Some(event) = feed.ready.pop_front() {
                    return Some((Ok(event.into_event()), feed));
                }
                let shutdown = feed.state.shutdown().clone();
                tokio::select! {
                    _ = shutdown.cancelled() => return None,
                    _ = until(cut) => return None,
                    // Only the switch going away (the server with it) fails this.
                    changed = feed.faults.changed() => if changed.is_err() { return None },
                    // `changed` marks the news seen: check the token here.
                    changed = feed.revocations.changed() => {
                        if changed.is_err() || feed.state.revocations().is_revoked(&feed.token) {
                            return None;
                        }
                    }
                    received = feed.rx.recv() => match received {
                        Ok(entry) => feed.accept(&entry),
                        Err(RecvError::Lagged(_)) => feed.lagged(),
                        Err(RecvError::Closed) => return None,
                    },
                    _ = tick(&mut feed.heartbeat) => feed.ready.push_back(heartbeat(feed.state.clock().now())),
                }
            }
        })
    }
}

/// `deadline`, or never without one.
async fn until(deadline: Option<Instant>) {
    match deadline {
        Some(at) => sleep_until(at).await,
        None => std::future::pending().await,
    }
}

/// The next heartbeat, or never when heartbeats are off.
async fn tick(heartbeat: &mut Option<Interval>) {
    match heartbeat {
        Some(beat) => {
            beat.tick().await;
        }
        None => std::future::pending().await,
    }
}

fn resync() -> Outgoing {
    Outgoing {
        name: name::RESYNC,
        id: None,
        data: "{}".to_owned(),
    }
}

fn heartbeat(now: Timestamp) -> Outgoing {
    let body = serde_json::json!({ "server_time": now });
    Outgoing {
        name: name::HEARTBEAT,
        id: None,
        data: body.to_string(),
    }
}
