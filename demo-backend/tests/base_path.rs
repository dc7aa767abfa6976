//! Serving the SPA under a sub-path (`--base-path /monitor`); the API stays
//! at /api/v1.

mod common;

use common::{frozen_with, get, get_url, header, ADMIN};
use demo_backend::{BasePath, Options, Server};

const INDEX: &str = "<!doctype html><title>Operations Monitor</title>";
/// INDEX as served under /monitor: relative URLs resolve there from any depth.
const SERVED: &str = "<!doctype html><base href=\"/monitor/\"><title>Operations Monitor</title>";

async fn under_monitor() -> (tempfile::TempDir, Server) {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), INDEX).unwrap();
    std::fs::write(dist.path().join("app-1a2b.js"), "console.log('monitor')").unwrap();
    let server = frozen_with(Options {
        static_dir: Some(dist.path().to_owned()),
        base_path: BasePath::parse("/monitor").unwrap(),
        ..Default::default()
    })
    .await;
    (dist, server)
}

#[tokio::test]
async fn deep_link_under_the_base_path_returns_index_html() {
    let (_dist, server) = under_monitor().await;
    for path in [
        "/monitor/",
        "/monitor/conversations/c-000123",
        "/monitor/agents",
    ] {
        let response = get(&server, path, None).await;
        assert_eq!(response.status(), 200, "{path}");
        assert!(header(&response, "content-type").starts_with("text/html"));
        assert_eq!(response.text().await.unwrap(), SERVED, "{path}");
    }
}

#[tokio::test]
async fn asset_under_the_base_path_is_served_and_not_at_the_root() {
    let (_dist, server) = under_monitor().await;
    let response = get(&server, "/monitor/app-1a2b.js", None).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.unwrap(), "console.log('monitor')");
    assert_eq!(
        get(&server, "/monitor/app-ffff.js", None).await.status(),
        404
    );
    assert_eq!(get(&server, "/app-1a2b.js", None).await.status(), 404);
}

#[tokio::test]
async fn root_and_bare_prefix_redirect_to_the_base_path_keeping_the_query() {
    let (_dist, server) = under_monitor().await;
    for (path, location) in [
        ("/", "/monitor/"),
        ("/?lang=en", "/monitor/?lang=en"),
        ("/monitor", "/monitor/"),
    ] {
        let response = get_url(&format!("{}{path}", server.base_url())).await;
        assert_eq!(response.status(), 307, "{path}");
        assert_eq!(header(&response, "location"), location, "{path}");
    }
}

#[tokio::test]
async fn config_json_is_under_the_base_path_and_the_api_stays_at_api_v1() {
    let (_dist, server) = under_monitor().await;
    let config: serde_json::Value = get(&server, "/monitor/config.json", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(config["api_base_url"], "/api/v1");
    assert_eq!(get(&server, "/config.json", None).await.status(), 404);
    assert_eq!(get(&server, "/api/v1/me", Some(ADMIN)).await.status(), 200);
}

#[tokio::test]
async fn paths_outside_the_base_path_are_not_the_spa() {
    let (_dist, server) = under_monitor().await;
    for path in ["/agents", "/monitorx/agents"] {
        let response = get(&server, path, None).await;
        assert_eq!(response.status(), 404, "{path}");
        assert_eq!(common::content_type(&response), "application/problem+json");
    }
}
