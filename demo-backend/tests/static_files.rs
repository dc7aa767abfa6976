//! Serving the built SPA from `--static-dir`.

mod common;

use common::{frozen_with, get};
use demo_backend::Options;

const INDEX: &str = "<!doctype html><title>Operations Monitor</title>";
/// INDEX as served: with a base element, so relative asset URLs resolve
/// against the SPA's root from any deep link.
const SERVED: &str = "<!doctype html><base href=\"/\"><title>Operations Monitor</title>";

async fn with_dist() -> (tempfile::TempDir, demo_backend::Server) {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), INDEX).unwrap();
    std::fs::write(dist.path().join("app-1a2b.js"), "console.log('monitor')").unwrap();
    let server = frozen_with(Options {
        static_dir: Some(dist.path().to_owned()),
        ..Default::default()
    })
    .await;
    (dist, server)
}

#[tokio::test]
async fn deep_link_is_answered_with_the_spa_index_html() {
    let (_dist, server) = with_dist().await;
    for path in ["/", "/conversations/c-000123", "/agents"] {
        let response = get(&server, path, None).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(response.text().await.unwrap(), SERVED, "{path}");
    }
}

#[tokio::test]
async fn existing_asset_is_served_and_a_missing_one_is_404() {
    let (_dist, server) = with_dist().await;
    let response = get(&server, "/app-1a2b.js", None).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.unwrap(), "console.log('monitor')");
    assert_eq!(get(&server, "/app-ffff.wasm", None).await.status(), 404);
}

#[tokio::test]
async fn api_paths_never_fall_back_to_index_html() {
    let (_dist, server) = with_dist().await;
    let response = get(&server, "/api/v2/anything", Some("demo-admin")).await;
    assert_eq!(response.status(), 404);
    assert_eq!(common::content_type(&response), "application/problem+json");
}
