//! Harness for the browser end-to-end tests.
//!
//! Each test gets its own demo backend (in-process, on a free port, serving
//! the built SPA from `MONITOR_DIST`), its own chromedriver and its own
//! headless Chromium profile, so tests run in parallel without sharing state.
//! Elements are found by role and accessible name, as a user finds them.

pub mod bench;
mod browser;
mod locate;
pub mod static_host;

pub use browser::{Browser, CAPTURE_CSP_VIOLATIONS, CAPTURE_ERRORS};
pub use locate::Role;

use std::path::PathBuf;
use std::time::Duration;

use demo_backend::{Options, Server};

/// How long a UI expectation may take before the test fails.
pub const PATIENCE: Duration = Duration::from_secs(10);

/// The built SPA (`trunk build` output) the backend serves.
pub fn dist_dir() -> PathBuf {
    match std::env::var_os("MONITOR_DIST") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../dist"),
    }
}

/// A demo backend serving the SPA; rate 0 unless a test wants live traffic,
/// so what the test sees is what it did.
pub async fn start_backend(options: Options) -> Server {
    let dist = dist_dir();
    assert!(
        dist.join("index.html").is_file(),
        "no built SPA in {} (run `cargo xtask test`, which builds it)",
        dist.display()
    );
    // Free ports for the monitor and its portal, so tests run side by side.
    demo_backend::spawn(Options {
        port: 0,
        portal_port: 0,
        static_dir: Some(dist),
        ..options
    })
    .await
    .expect("the demo backend starts")
}

/// Options for a quiet backend: seeded, small, nothing changes by itself.
pub fn quiet_options() -> Options {
    Options {
        conversations: 120,
        agents: 20,
        rate: 0.0,
        ..Options::default()
    }
}

/// Polls `check` until it returns `Some`, or panics with `what` after [`PATIENCE`].
pub async fn eventually<T, F, Fut>(what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + PATIENCE;
    loop {
        if let Some(value) = check().await {
            return value;
        }
        if tokio::time::Instant::now() >= deadline {
            panic!("timed out after {PATIENCE:?} waiting for: {what}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// GETs an API path as `token` and decodes the JSON (for checking what the UI shows).
pub async fn api_get<T: serde::de::DeserializeOwned>(
    server: &Server,
    path: &str,
    token: &str,
) -> T {
    reqwest::Client::new()
        .get(format!("{}/api/v1{path}", server.base_url()))
        .bearer_auth(token)
        .send()
        .await
        .expect("API request")
        .error_for_status()
        .expect("API answers 2xx")
        .json()
        .await
        .expect("API JSON decodes")
}

/// POSTs `body` to an API path as `token` with an idempotency key derived
/// from the path (one action per path in a test), and expects a 2xx.
pub async fn api_post<B: serde::Serialize>(server: &Server, path: &str, token: &str, body: &B) {
    let response = reqwest::Client::new()
        .post(format!("{}/api/v1{path}", server.base_url()))
        .bearer_auth(token)
        .header("Idempotency-Key", format!("e2e-{path}"))
        .json(body)
        .send()
        .await
        .expect("API request");
    assert!(
        response.status().is_success(),
        "{path}: {}",
        response.status()
    );
}

/// The first conversation of `snapshot` that `wanted` accepts and whose
/// customer's name no other conversation shares: tests find a row by that
/// name, and the simulation repeats names.
pub fn with_a_unique_name(
    snapshot: monitor_core::wire::ConversationsSnapshot,
    wanted: impl Fn(&monitor_core::wire::Conversation) -> bool,
) -> Option<monitor_core::wire::Conversation> {
    let named = |name: &str| {
        snapshot
            .conversations
            .iter()
            .filter(|c| c.customer.name == name)
            .count()
    };
    let found = snapshot
        .conversations
        .iter()
        .find(|c| wanted(c) && named(&c.customer.name) == 1)
        .cloned();
    found
}
