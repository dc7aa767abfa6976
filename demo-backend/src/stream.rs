//! `GET /api/v1/monitor/events`: the change stream (Server-Sent Events).
//!
//! Each change goes out as `event: <name>`, `id: <sequence>`,
//! `data: {"after": <previous sequence sent on this connection>, ...}`. A
//! resume point comes from `Last-Event-ID`; when it cannot be honoured (too
//! old, in the future, unparseable) or the connection falls behind the
//! broadcast, a `resync` tells the client to reload its snapshot, and the
//! stream goes on live from the then-current sequence.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, HeaderValue};
use axum::response::sse::{Event, Sse};
use axum::response::IntoResponse;
use futures_util::stream::{self, Stream};
use monitor_core::event::name;
use tokio::sync::broadcast::{self, error::RecvError};
use tokio::time::{interval_at, Instant, Interval, MissedTickBehavior};

use crate::auth::{Caller, Scope};
use crate::sim::journal::Entry;
use crate::state::AppState;

pub async fn events(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
) -> impl IntoResponse {
    let resume = headers
        .get("last-event-id")
        .map(|v| v.to_str().ok().and_then(|s| s.trim().parse::<u64>().ok()));
    let feed = Feed::open(state, &caller, resume);
    (
        [
            // Proxies (nginx) must not hold events back.
            (
                HeaderName::from_static("x-accel-buffering"),
                HeaderValue::from_static("no"),
            ),
        ],
        Sse::new(feed.into_stream()),
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
    ready: VecDeque<Event>,
    heartbeat: Option<Interval>,
}

impl Feed {
    /// `resume`: `None` without `Last-Event-ID`, `Some(None)` when it was unparseable.
    fn open(state: AppState, caller: &Caller, resume: Option<Option<u64>>) -> Self {
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
        let mut feed = Feed {
            state,
            scope,
            rx,
            after: current,
            seen: current,
            ready: VecDeque::new(),
            heartbeat,
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
        feed
    }

    /// Queues what of `entry` this connection gets, and advances `after`.
    fn accept(&mut self, entry: &Entry) {
        if entry.sequence <= self.seen {
            return;
        }
        self.seen = entry.sequence;
        if let Some(change) = self.scope.filter(entry) {
            let event = Event::default()
                .event(change.event_name())
                .id(entry.sequence.to_string())
                .data(change.to_data(self.after));
            self.after = entry.sequence;
            self.ready.push_back(event);
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
        self.ready.push_back(resync());
    }

    fn into_stream(self) -> impl Stream<Item = Result<Event, Infallible>> {
        stream::unfold(self, |mut feed| async move {
            loop {
                if let Some(event) = feed.ready.pop_front() {
                    return Some((Ok(event), feed));
                }
                let shutdown = feed.state.shutdown().clone();
                tokio::select! {
                    _ = shutdown.cancelled() => return None,
                    received = feed.rx.recv() => match received {
                        Ok(entry) => feed.accept(&entry),
                        Err(RecvError::Lagged(_)) => feed.lagged(),
                        Err(RecvError::Closed) => return None,
                    },
                    _ = tick(&mut feed.heartbeat) => feed.ready.push_back(heartbeat()),
                }
            }
        })
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

fn resync() -> Event {
    Event::default().event(name::RESYNC).data("{}")
}

fn heartbeat() -> Event {
    let body = serde_json::json!({ "server_time": crate::clock::now() });
    Event::default()
        .event(name::HEARTBEAT)
        .data(body.to_string())
}
