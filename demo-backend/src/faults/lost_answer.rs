//! The "done, but the answer was lost" fault: an action is carried out (and
//! its answer kept under its `Idempotency-Key`), then the client gets a 503
//! or a cut connection instead of that answer, as when a proxy times out or
//! dies after the backend acted. Only a retry with the same key can tell the
//! client what happened without acting twice.

use std::io;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::stream;

use super::LostAnswer;
use crate::problem::ApiError;
use crate::state::AppState;

/// Middleware over the action routes: runs the action, then loses a
/// successful answer with the share in force. Refusals (4xx) are never lost:
/// they did nothing, so losing them would not test what this fault is for.
pub async fn lose(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let faults = state.faults().current();
    if !response.status().is_success() || !state.faults().roll(faults.lost_answer_share) {
        return response;
    }
    match faults.lost_answer {
        LostAnswer::Unavailable => ApiError::service_unavailable(
            "injected fault: the answer was lost after the action was carried out",
        )
        .into_response(),
        LostAnswer::Cut => cut(),
    }
}

/// A response whose body fails before its first byte: hyper then closes the
/// connection without writing anything, so the client gets no answer at all.
fn cut() -> Response {
    let failing = stream::once(async {
        Err::<Bytes, _>(io::Error::other(
            "injected fault: the connection was cut after the action was carried out",
        ))
    });
    Body::from_stream(failing).into_response()
}
