//! Serves the built SPA under its base path. Deep links (paths without a
//! file extension, such as `/conversations/c-000123`) get `index.html`, so
//! the SPA's router takes over; a missing asset (`/app-3f2a.wasm`) is a plain
//! 404, because handing index.html to a script or wasm loader only produces
//! a confusing error. `index.html` is read on every request (it is small),
//! so its Content-Security-Policy always carries the hashes of the inline
//! scripts of the file as it is now, even after a rebuild, and gets a
//! `<base href>` naming the base path ([`base_href`]).
//!
//! Caching and compression are what a CDN would do ([`static_site::cache`]):
//! content-hashed assets may be kept for a year, everything else is
//! revalidated; a file's `.br` or `.gz` copy next to it (as `cargo xtask
//! dist` writes them) is sent to a client that accepts it, and the router's
//! compression layer compresses the rest on the fly.

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header::{
    ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, LOCATION, VARY,
};
use axum::http::uri::InvalidUri;
use axum::http::{HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use static_site::{base_href, cache, BasePath};
use tower::ServiceExt;
use tower_http::services::ServeDir;

use crate::csp::{self, MonitorPolicy};
use crate::problem::ApiError;

/// The built SPA and where it is served.
#[derive(Debug)]
pub struct Spa {
    pub dir: PathBuf,
    pub base: BasePath,
    pub csp: MonitorPolicy,
}

/// The router's fallback: every path the API and `config.json` do not route.
pub async fn serve(State(spa): State<Arc<Spa>>, request: Request) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return ApiError::method_not_allowed().into_response();
    }
    let path = request.uri().path();
    // `/monitor` without its slash would resolve the page's relative URLs
    // against `/`; the bare root is where people type the address.
    if !spa.base.is_root() && (path == "/" || path == spa.base.prefix()) {
        return redirect(&spa.base.dir(), request.uri().query());
    }
    let Some(rest) = spa.base.strip(path).map(str::to_owned) else {
        return ApiError::not_found("no such resource").into_response();
    };
    if rest.is_empty() || rest == "index.html" {
        return index(&spa).await;
    }
    let is_asset = rest.rsplit('/').next().unwrap_or_default().contains('.');
    let Ok(request) = inside(request, &rest) else {
        return ApiError::bad_request("unusable request path").into_response();
    };
    // Directories are not listed and their index.html only comes through
    // `index` (with its policy), so a directory is "not found" here.
    let files = ServeDir::new(&spa.dir)
        .append_index_html_on_directories(false)
        .precompressed_br()
        .precompressed_gzip();
    let response = match files.oneshot(request).await {
        Ok(response) => response.into_response(),
        Err(never) => match never {},
    };
    match response.status() {
        StatusCode::NOT_FOUND if !is_asset => index(&spa).await,
        status if status.is_success() || status == StatusCode::NOT_MODIFIED => {
            with_cache_headers(response, &rest)
        }
        _ => response,
    }
}

/// A file's response with how long it may be kept, and the word for caches
/// that its bytes depend on `Accept-Encoding` (a precompressed copy may have
/// been chosen, and the compression layer only says so when it compresses).
fn with_cache_headers(mut response: Response, path: &str) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        CACHE_CONTROL,
        HeaderValue::from_static(cache::cache_control(path)),
    );
    let varies = headers.get_all(VARY).iter().any(|v| {
        v.to_str()
            .is_ok_and(|v| v.to_ascii_lowercase().contains(ACCEPT_ENCODING.as_str()))
    });
    if !varies {
        headers.append(VARY, HeaderValue::from_static("accept-encoding"));
    }
    response
}

/// `request` with its path made relative to the base path (`rest` is what
/// follows it), for `ServeDir`, which serves `dir` as the root.
fn inside(request: Request, rest: &str) -> Result<Request, InvalidUri> {
    let path_and_query = match request.uri().query() {
        Some(query) => format!("/{rest}?{query}"),
        None => format!("/{rest}"),
    };
    let uri = Uri::try_from(path_and_query)?;
    let (mut parts, body) = request.into_parts();
    parts.uri = uri;
    Ok(Request::from_parts(parts, body))
}

/// `index.html`, with a policy that allows exactly its inline scripts and
/// its base element. Not cached: it names the hashed assets of the current
/// build.
async fn index(spa: &Spa) -> Response {
    let Ok(html) = tokio::fs::read_to_string(spa.dir.join("index.html")).await else {
        return ApiError::not_found("the static dir has no readable index.html").into_response();
    };
    let policy = csp::monitor_header(&spa.csp, &csp::script_hashes(&html));
    let html = base_href::with_base_href(&html, &spa.base.dir()).into_owned();
    (
        [
            (
                CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (CACHE_CONTROL, HeaderValue::from_static(cache::REVALIDATE)),
            (CONTENT_SECURITY_POLICY, policy),
        ],
        html,
    )
        .into_response()
}

/// A temporary redirect (the base path is a flag; a permanent one would
/// outlive it in browsers' caches), keeping the query (`?lang=en`).
fn redirect(path: &str, query: Option<&str>) -> Response {
    let location = match query {
        Some(query) => format!("{path}?{query}"),
        None => path.to_owned(),
    };
    match HeaderValue::try_from(location) {
        Ok(location) => (StatusCode::TEMPORARY_REDIRECT, [(LOCATION, location)]).into_response(),
        Err(_) => ApiError::bad_request("unusable query string").into_response(),
    }
}
