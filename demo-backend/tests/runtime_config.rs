//! `config.json`: the SPA's runtime configuration, built from the options.

mod common;

use common::{frozen_with, get, header};
use demo_backend::{Faults, LiveMode, Options, Server};
use monitor_core::config::Config;

async fn config_of(server: &Server) -> serde_json::Value {
    let response = get(server, "/config.json", None).await;
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "content-type"), "application/json");
    assert_eq!(header(&response, "cache-control"), "no-cache");
    let text = response.text().await.unwrap();
    Config::parse(&text).expect("the SPA accepts it");
    serde_json::from_str(&text).unwrap()
}

#[tokio::test]
async fn config_json_names_the_api_the_portal_origins_and_the_live_mode() {
    let server = frozen_with(Options::default()).await;
    let portal = server.portal_url().expect("a portal");
    let port = portal.rsplit(':').next().unwrap();
    assert_eq!(
        config_of(&server).await,
        serde_json::json!({
            "api_base_url": "/api/v1",
            "allowed_parent_origins": [
                format!("http://127.0.0.1:{port}"),
                format!("http://localhost:{port}")
            ],
            "live_mode": "sse",
            "poll_interval_ms": 5000,
            "stale_after_ms": 45000,
            "wait_thresholds": {
                "queue": {"warning_secs": 120, "critical_secs": 300},
                "status": {"warning_secs": 900, "critical_secs": 1800}
            },
            "default_locale": "es",
            "request_timeout_ms": 30000,
            "indicators_interval_ms": 15000
        })
    );
}

#[tokio::test]
async fn poll_mode_and_its_interval_reach_config_json() {
    let server = frozen_with(Options {
        live_mode: LiveMode::Poll,
        poll_interval_ms: 2_000,
        no_portal: true,
        ..Options::default()
    })
    .await;
    let config = config_of(&server).await;
    assert_eq!(config["live_mode"], "poll");
    assert_eq!(config["poll_interval_ms"], 2_000);
    assert_eq!(config["stale_after_ms"], 6_000);
    assert_eq!(config["allowed_parent_origins"], serde_json::json!([]));
}

#[tokio::test]
async fn config_json_overrides_a_file_in_the_static_dir() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), "<!doctype html>").unwrap();
    std::fs::write(
        dist.path().join("config.json"),
        r#"{"api_base_url": "https://elsewhere.example/api/v1"}"#,
    )
    .unwrap();
    let server = frozen_with(Options {
        static_dir: Some(dist.path().to_owned()),
        ..Options::default()
    })
    .await;
    assert_eq!(config_of(&server).await["api_base_url"], "/api/v1");
}

#[tokio::test]
async fn config_json_is_never_refused_by_injected_faults() {
    let server = frozen_with(Options {
        faults: Faults {
            fail_share: 1.0,
            ..Faults::default()
        },
        ..Options::default()
    })
    .await;
    assert_eq!(
        get(&server, "/api/v1/me", Some("demo-admin"))
            .await
            .status(),
        503
    );
    config_of(&server).await;
}
