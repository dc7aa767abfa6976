//! What clients ask of the backend, counted, so that tests and the soak run
//! can bound it: how many snapshots of the active conversations were asked
//! for, how many change streams were opened and how often the indicators
//! were polled. Counted before fault
//! injection, so a refused request counts too (a client retrying refused
//! requests in a storm is a storm all the same).

use std::sync::atomic::{AtomicU64, Ordering};

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;

use crate::state::AppState;

/// Running totals since the server started.
#[derive(Debug, Default)]
pub struct Traffic {
    snapshots: AtomicU64,
    streams: AtomicU64,
    indicators: AtomicU64,
}

/// A reading of [`Traffic`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TrafficCounts {
    /// `GET /monitor/conversations` for the active ones (not finished pages).
    pub snapshots: u64,
    /// `GET /monitor/events`: connections opened (or tried).
    pub streams: u64,
    /// `GET /monitor/indicators`: polls of the key performance indicators.
    pub indicators: u64,
}

impl Traffic {
    pub fn counts(&self) -> TrafficCounts {
        TrafficCounts {
            snapshots: self.snapshots.load(Ordering::Relaxed),
            streams: self.streams.load(Ordering::Relaxed),
            indicators: self.indicators.load(Ordering::Relaxed),
        }
    }
}

/// Middleware: counts the request, then passes it on.
pub async fn count(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if request.method() == Method::GET {
        let uri = request.uri();
        let finished = uri.query().is_some_and(|q| q.contains("scope=finished"));
        let traffic = state.traffic();
        if uri.path().ends_with("/monitor/conversations") && !finished {
            traffic.snapshots.fetch_add(1, Ordering::Relaxed);
        } else if uri.path().ends_with("/monitor/events") {
            traffic.streams.fetch_add(1, Ordering::Relaxed);
        } else if uri.path().ends_with("/monitor/indicators") {
            traffic.indicators.fetch_add(1, Ordering::Relaxed);
        }
    }
    next.run(request).await
}
