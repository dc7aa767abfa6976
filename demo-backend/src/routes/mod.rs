//! The HTTP surface: one module per resource, assembled here.

mod action;
mod agents;
mod conversations;
mod departments;
mod end;
mod history;
mod me;
mod messages;
mod transfer;

use std::path::Path;

use axum::middleware;
use axum::routing::{any, get, post};
use axum::Router;

use crate::problem::{method_not_allowed, not_found};
use crate::state::AppState;
use crate::{faults, static_files, stream};

/// The whole application: the API under `/api/v1`, and the SPA from
/// `static_dir` (when given) for every other path.
pub fn router(state: AppState, static_dir: Option<&Path>) -> Router {
    let router = Router::new()
        .route("/api/v1/me", get(me::get))
        .route("/api/v1/monitor/conversations", get(conversations::list))
        .route("/api/v1/monitor/agents", get(agents::list))
        .route("/api/v1/monitor/events", get(stream::events))
        .route("/api/v1/departments", get(departments::list))
        .route("/api/v1/conversations/{id}/messages", get(messages::list))
        .route("/api/v1/conversations/{id}/actions", get(history::list))
        .route(
            "/api/v1/conversations/{id}/transfer",
            post(transfer::transfer),
        )
        .route("/api/v1/conversations/{id}/end", post(end::end))
        .route("/api/v1/conversations/bulk-end", post(end::bulk_end))
        // Unknown API paths are API errors, never the SPA's index.html.
        .route("/api", any(not_found))
        .route("/api/{*rest}", any(not_found))
        .method_not_allowed_fallback(method_not_allowed)
        // Only what is routed so far: the static files mounted below are exempt.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            faults::http::inject,
        ))
        .with_state(state);
    match static_dir {
        Some(dir) => static_files::mount(router, dir),
        None => router.fallback(not_found),
    }
}
