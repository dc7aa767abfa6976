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
/// performed), never answers a hung request, and holds every response back
/// by the latency in force.
pub async fn inject(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let faults = state.faults().current();
    if state.faults().roll(faults.hang_share) {
        // Silent until the client gives up and closes the connection (this
        // future is then dropped), the server stops, or the hangs are
        // turned off (then it is served late, as by a proxy that recovered).
        let mut switch = state.faults().watch();
        while switch.borrow_and_update().hang_share > 0.0 {
            tokio::select! {
                _ = state.shutdown().cancelled() => {
                    return ApiError::service_unavailable("the server is stopping").into_response();
                }
                changed = switch.changed() => if changed.is_err() {
                    return ApiError::service_unavailable("the server is stopping").into_response();
                },
            }
        }
    }
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
