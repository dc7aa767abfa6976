//! The HTTP surface: one module per resource, assembled here.

mod action;
mod agents;
mod conversations;
mod departments;
mod end;
mod history;
mod indicators;
mod json_body;
mod me;
mod messages;
mod path_id;
mod presence;
mod transfer;
mod trends;

use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Bytes;
use axum::handler::Handler;
use axum::http::header::X_CONTENT_TYPE_OPTIONS;
use axum::http::HeaderValue;
use axum::middleware;
use axum::routing::{any, get, post};
use axum::Router;
use static_site::BasePath;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::csp::{self, MonitorPolicy};
use crate::problem::{method_not_allowed, not_found};
use crate::state::AppState;
use crate::static_files::{self, Spa};
use crate::{cross_origin, faults, runtime_config, stream};

/// What the monitor listener serves besides the API.
#[derive(Debug)]
pub struct Site {
    pub base: BasePath,
    /// The built SPA, if any.
    pub static_dir: Option<PathBuf>,
    /// `config.json`'s body.
    pub config: Bytes,
    pub csp: MonitorPolicy,
    /// Origins whose pages may call the API (`--cors-origin`).
    pub cors_origins: Vec<String>,
}

/// The whole monitor listener: the API under `/api/v1`, `config.json` and
/// the SPA (when given) under the base path, every response with a
/// Content-Security-Policy and `nosniff`, compressed when the client accepts
/// it (brotli or gzip).
pub fn router(state: AppState, site: Site) -> Router {
    // The actions, the only requests whose answer can be lost after they acted.
    let actions = Router::new()
        .route(
            "/api/v1/conversations/{id}/transfer",
            post(transfer::transfer),
        )
        .route("/api/v1/conversations/{id}/end", post(end::end))
        .route("/api/v1/conversations/bulk-end", post(end::bulk_end))
        .route("/api/v1/agents/{id}/presence", post(presence::set))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            faults::lost_answer::lose,
        ));
    let router = Router::new()
        .route("/api/v1/me", get(me::get))
        .route("/api/v1/monitor/conversations", get(conversations::list))
        .route("/api/v1/monitor/agents", get(agents::list))
        .route("/api/v1/monitor/indicators", get(indicators::get))
        .route("/api/v1/monitor/trends", get(trends::get))
        .route("/api/v1/monitor/events", get(stream::events))
        .route("/api/v1/departments", get(departments::list))
        .route("/api/v1/conversations/{id}/messages", get(messages::list))
        .route("/api/v1/conversations/{id}/actions", get(history::list))
        .merge(actions)
        // Unknown API paths are API errors, never the SPA's index.html.
        .route("/api", any(not_found))
        .route("/api/{*rest}", any(not_found))
        .method_not_allowed_fallback(method_not_allowed)
        // Only what is routed so far: the static files mounted below are exempt.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            faults::http::inject,
        ))
        // Outside the faults: a refused request is counted too.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::traffic::count,
        ));
    // Outside the fault layer: a preflight is never refused, and a refused
    // request still tells the page why instead of looking like a network error.
    let router = match cross_origin::layer(&site.cors_origins) {
        Some(cors) => router.layer(cors),
        None => router,
    };
    let router = router.with_state(state);
    // Added after the fault layer: like the static files, never refused.
    let config = site.config;
    let router = router.route(
        &format!("{}/config.json", site.base.prefix()),
        get(move || async move { runtime_config::response(config) }),
    );
    let default_policy = csp::monitor_header(&site.csp, &[]);
    let router = match site.static_dir {
        Some(dir) => {
            let spa = Spa {
                dir,
                base: site.base,
                csp: site.csp,
            };
            router.fallback_service(static_files::serve.with_state(Arc::new(spa)))
        }
        None => router.fallback(not_found),
    };
    router
        .layer(middleware::map_response_with_state(
            default_policy,
            csp::add_default,
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static(static_site::NOSNIFF),
        ))
        // The default predicate leaves `text/event-stream` alone: a
        // compressor holds bytes back until it has enough to pack, and the
        // change stream must deliver each event as it happens. It also skips
        // responses already encoded (a precompressed file) and tiny ones.
        //
        // At the fastest level: compressing on the fly is paid on every
        // request, and at the default level the 50k snapshot and the wasm
        // took longer to pack than the whole load used to take (measured
        // by `cargo xtask bench`); `cargo xtask dist` packs the assets at
        // the best level once, ahead of time.
        .layer(CompressionLayer::new().quality(CompressionLevel::Fastest))
}
