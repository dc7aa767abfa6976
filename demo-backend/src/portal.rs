//! The demo portal: a page on a second origin that embeds the monitor in an
//! iframe and hands it a token through the `postMessage` handshake (docs/embedding.md,
//! "Portal and embedding"), as a vendor's portal would. And, for tests only,
//! a hostile page on a third origin that tries the same without being
//! allowed. Both listeners serve their page at `/` and the same few files.

mod page;

use axum::body::Bytes;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::auth::DEMO_TOKENS;
use crate::csp;
use crate::problem::{method_not_allowed, not_found};

pub use page::Monitor;

const PORTAL_JS: &str = include_str!("portal/portal.js");
const HOSTILE_JS: &str = include_str!("portal/hostile.js");
const PORTAL_CSS: &str = include_str!("portal/portal.css");

const JAVASCRIPT: &str = "text/javascript; charset=utf-8";
const CSS: &str = "text/css; charset=utf-8";
const HTML: &str = "text/html; charset=utf-8";

/// Which page a listener serves at `/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Portal,
    /// Posts the admin token: a valid one, so that accepting it would show.
    Hostile,
}

/// The listener serving `page`, which embeds `monitor`.
pub fn router(page: Page, monitor: &Monitor) -> Router {
    let html = Bytes::from(match page {
        Page::Portal => page::portal(monitor),
        Page::Hostile => page::hostile(monitor, DEMO_TOKENS[0].0),
    });
    Router::new()
        .route("/", get(move || async move { file(HTML, html) }))
        .route("/portal.js", get(|| async { file(JAVASCRIPT, PORTAL_JS) }))
        .route(
            "/hostile.js",
            get(|| async { file(JAVASCRIPT, HOSTILE_JS) }),
        )
        .route("/portal.css", get(|| async { file(CSS, PORTAL_CSS) }))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::map_response_with_state(
            csp::portal(&monitor.origin),
            csp::add_default,
        ))
}

/// A small file, revalidated on each load: it changes with the backend.
fn file(content_type: &'static str, body: impl Into<Bytes>) -> Response {
    (
        [(CONTENT_TYPE, content_type), (CACHE_CONTROL, "no-cache")],
        body.into(),
    )
        .into_response()
}
