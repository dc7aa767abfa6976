//! The request faults: refused requests and slow responses, as a middleware
//! over the API routes only (the SPA's files are served as usual, as a CDN
//! would keep serving them while the API struggles).

use std::time::Duration;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::problem::ApiError;
use crate::state::AppState;

/// Answers `503` instead of running the handler (so a refused action is not
/// performed), and holds every response back by the latency in force.
pub async fn inject(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let faults = state.faults().current();
    let response = if state.faults().roll(faults.fail_share) {
        ApiError::service_unavailable("injected fault: the service is unavailable; try again")
            .into_response()
    } else {
        next.run(request).await
    };
    if faults.latency_ms > 0 {
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_millis(faults.latency_ms)) => {}
            // Stopping the server does not wait out an injected delay.
            _ = state.shutdown().cancelled() => {}
        }
    }
    response
}
