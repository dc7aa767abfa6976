//! Serves the built SPA. Deep links (paths without a file extension, such as
//! `/conversations/c-000123`) get `index.html`, so the SPA's router takes
//! over; a missing asset (`/app-3f2a.wasm`) is a plain 404, because handing
//! index.html to a script or wasm loader only produces a confusing error.

use std::path::{Path, PathBuf};

use axum::extract::{Request, State};
use axum::handler::Handler;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

/// `router` with the files of `dir` behind every path it does not route.
pub fn mount(router: Router, dir: &Path) -> Router {
    let fallback = spa_fallback.with_state(dir.join("index.html"));
    router.fallback_service(ServeDir::new(dir).fallback(fallback))
}

async fn spa_fallback(State(index): State<PathBuf>, request: Request) -> Response {
    let last = request.uri().path().rsplit('/').next().unwrap_or_default();
    if last.contains('.') {
        return StatusCode::NOT_FOUND.into_response();
    }
    match ServeFile::new(index).oneshot(request).await {
        Ok(response) => response.into_response(),
        Err(never) => match never {},
    }
}
