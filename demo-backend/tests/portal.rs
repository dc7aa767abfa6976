//! The demo portal (a second origin embedding the monitor) and the test-only
//! hostile page (a third origin that may frame it but is never allowed).

mod common;

use common::{content_type, frozen_with, get, get_url, header};
use demo_backend::{BasePath, Options, Server};

async fn with_hostile() -> Server {
    frozen_with(Options {
        hostile_port: Some(0),
        ..Options::default()
    })
    .await
}

/// Asserts a portal-listener policy: files only, and only the monitor framed.
fn assert_portal_policy(response: &reqwest::Response, monitor: &str) {
    let policy = header(response, "content-security-policy");
    for expected in [
        "default-src 'none'".to_owned(),
        "script-src 'self';".to_owned(),
        "style-src 'self';".to_owned(),
        format!("frame-src {monitor};"),
        "frame-ancestors 'none'".to_owned(),
    ] {
        assert!(policy.contains(&expected), "{expected} missing: {policy}");
    }
    assert!(!policy.contains("unsafe"), "{policy}");
}

#[tokio::test]
async fn portal_page_embeds_the_monitor_and_loads_only_script_files() {
    let server = frozen_with(Options::default()).await;
    let portal = server.portal_url().expect("a portal by default");
    assert_ne!(portal, server.base_url());
    let response = get_url(&format!("{portal}/")).await;
    assert_eq!(response.status(), 200);
    assert!(content_type(&response).starts_with("text/html"));
    assert_portal_policy(&response, &server.base_url());
    let html = response.text().await.unwrap();
    let monitor = server.base_url();
    assert!(
        html.contains(&format!(r#"data-monitor-origin="{monitor}""#)),
        "{html}"
    );
    assert!(
        html.contains(&format!(r#"data-monitor-url="{monitor}/""#)),
        "{html}"
    );
    assert!(html.contains(r#"<iframe id="monitor" title="Operations Monitor">"#));
    for profile in ["admin", "operator", "advanced_agent", "agent"] {
        assert!(
            html.contains(&format!(r#"data-profile="{profile}""#)),
            "{profile}"
        );
    }
    for lang in ["es", "pt-BR", "en"] {
        assert!(
            html.contains(&format!(r#"<option value="{lang}">"#)),
            "{lang}"
        );
    }
    // Every script is a file: nothing inline for a strict policy to block.
    assert_eq!(html.matches("<script").count(), 1);
    assert!(html.contains(r#"<script src="/portal.js" defer></script>"#));
}

#[tokio::test]
async fn portal_script_and_style_are_files_on_the_portal_origin() {
    let server = frozen_with(Options::default()).await;
    let portal = server.portal_url().unwrap();
    let script = get_url(&format!("{portal}/portal.js")).await;
    assert_eq!(script.status(), 200);
    assert_eq!(content_type(&script), "text/javascript; charset=utf-8");
    let js = script.text().await.unwrap();
    // The handshake as docs/embedding.md documents it.
    for expected in [
        r#""ops-monitor:ready""#,
        r#""ops-monitor:token""#,
        r#""ops-monitor:token-expired""#,
        r#""ops-monitor:resize""#,
        "event.origin !== monitorOrigin || event.source !== frame.contentWindow",
        "postMessage(message, monitorOrigin)",
    ] {
        assert!(js.contains(expected), "{expected} missing from portal.js");
    }
    assert!(
        !js.contains(r#""*""#),
        "a token must never be posted to any origin"
    );
    let style = get_url(&format!("{portal}/portal.css")).await;
    assert_eq!(content_type(&style), "text/css; charset=utf-8");
    let missing = get_url(&format!("{portal}/nothing-here")).await;
    assert_eq!(missing.status(), 404);
    assert_eq!(content_type(&missing), "application/problem+json");
}

#[tokio::test]
async fn portal_embeds_the_monitor_at_its_base_path() {
    let server = frozen_with(Options {
        base_path: BasePath::parse("/monitor").unwrap(),
        ..Options::default()
    })
    .await;
    let html = get_url(&format!("{}/", server.portal_url().unwrap()))
        .await
        .text()
        .await
        .unwrap();
    let url = format!(r#"data-monitor-url="{}/monitor/""#, server.base_url());
    assert!(html.contains(&url), "{html}");
}

#[tokio::test]
async fn without_the_portal_there_is_no_portal_url_and_no_allowed_parent() {
    let server = frozen_with(Options {
        no_portal: true,
        ..Options::default()
    })
    .await;
    assert_eq!(server.portal_url(), None);
    assert_eq!(server.hostile_url(), None);
    let config: serde_json::Value = get(&server, "/config.json", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(config["allowed_parent_origins"], serde_json::json!([]));
}

#[tokio::test]
async fn hostile_page_may_frame_the_monitor_but_is_never_an_allowed_parent() {
    let server = with_hostile().await;
    let hostile = server.hostile_url().expect("asked for");
    assert_ne!(Some(hostile.clone()), server.portal_url());
    let config: serde_json::Value = get(&server, "/config.json", None)
        .await
        .json()
        .await
        .unwrap();
    let allowed = config["allowed_parent_origins"].as_array().unwrap();
    assert_eq!(allowed.len(), 2);
    assert!(
        !allowed.iter().any(|o| o == hostile.as_str()),
        "{allowed:?}"
    );
    let monitor = get(&server, "/config.json", None).await;
    let policy = header(&monitor, "content-security-policy");
    assert!(policy.contains(&format!(" {hostile};")), "{policy}");
}

#[tokio::test]
async fn hostile_page_embeds_the_monitor_and_posts_a_valid_token_from_a_file() {
    let server = with_hostile().await;
    let hostile = server.hostile_url().unwrap();
    let response = get_url(&format!("{hostile}/")).await;
    assert_eq!(response.status(), 200);
    assert_portal_policy(&response, &server.base_url());
    let html = response.text().await.unwrap();
    assert!(html.contains(r#"data-token="demo-admin""#));
    assert!(html.contains(&format!(r#"data-monitor-origin="{}""#, server.base_url())));
    assert!(html.contains(r#"<script src="/hostile.js" defer></script>"#));
    assert_eq!(html.matches("<script").count(), 1);
    let js = get_url(&format!("{hostile}/hostile.js"))
        .await
        .text()
        .await
        .unwrap();
    assert!(js.contains(r#"type: "ops-monitor:token""#));
}
