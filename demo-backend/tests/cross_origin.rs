//! CORS for an SPA served from another origin (a CDN): only the origins
//! given with `--cors-origin` may call the API, with the headers the SPA
//! sends; without the flag no cross-origin caller is answered.

mod common;

use common::{frozen_with, get_with, header, ADMIN, PATIENCE};
use demo_backend::{Faults, Options, Server};

const CDN: &str = "https://cdn.example.com";

async fn allowing(origins: &[&str]) -> Server {
    frozen_with(Options {
        cors_origins: origins.iter().map(|o| o.to_string()).collect(),
        ..Default::default()
    })
    .await
}

/// The browser's preflight before a stream request from `origin`.
async fn preflight(server: &Server, origin: &str) -> reqwest::Response {
    let request = reqwest::Client::new()
        .request(
            reqwest::Method::OPTIONS,
            format!("{}/api/v1/monitor/events", server.base_url()),
        )
        .header("origin", origin)
        .header("access-control-request-method", "GET")
        .header(
            "access-control-request-headers",
            "authorization,last-event-id",
        );
    tokio::time::timeout(PATIENCE, request.send())
        .await
        .expect("response in time")
        .expect("request sent")
}

#[tokio::test]
async fn a_page_on_an_allowed_origin_may_call_the_api_with_its_token_and_resume_point() {
    let server = allowing(&[CDN, "http://127.0.0.1:9000"]).await;
    let response = preflight(&server, CDN).await;
    assert!(response.status().is_success(), "{}", response.status());
    assert_eq!(header(&response, "access-control-allow-origin"), CDN);
    let allowed = header(&response, "access-control-allow-headers").to_ascii_lowercase();
    for name in [
        "authorization",
        "last-event-id",
        "idempotency-key",
        "content-type",
    ] {
        assert!(allowed.contains(name), "{name} not in {allowed}");
    }
    let response = get_with(&server, "/api/v1/me", Some(ADMIN), &[("origin", CDN)]).await;
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "access-control-allow-origin"), CDN);
    assert_eq!(header(&response, "access-control-allow-credentials"), "");
}

#[tokio::test]
async fn another_origin_gets_no_cors_answer() {
    let server = allowing(&[CDN]).await;
    let response = preflight(&server, "https://evil.example.com").await;
    assert_eq!(header(&response, "access-control-allow-origin"), "");
    let response = get_with(
        &server,
        "/api/v1/me",
        Some(ADMIN),
        &[("origin", "https://evil.example.com")],
    )
    .await;
    assert_eq!(header(&response, "access-control-allow-origin"), "");
}

#[tokio::test]
async fn without_cors_origins_no_cross_origin_caller_is_answered() {
    let server = allowing(&[]).await;
    let response = preflight(&server, CDN).await;
    assert_eq!(response.status(), 405);
    assert_eq!(header(&response, "access-control-allow-origin"), "");
    let response = get_with(&server, "/api/v1/me", Some(ADMIN), &[("origin", CDN)]).await;
    assert_eq!(header(&response, "access-control-allow-origin"), "");
}

#[tokio::test]
async fn a_refused_request_still_tells_the_page_why_and_a_preflight_is_never_refused() {
    let server = allowing(&[CDN]).await;
    server.set_faults(Faults {
        fail_share: 1.0,
        ..Default::default()
    });
    assert!(preflight(&server, CDN).await.status().is_success());
    let response = get_with(&server, "/api/v1/me", Some(ADMIN), &[("origin", CDN)]).await;
    assert_eq!(response.status(), 503);
    assert_eq!(header(&response, "access-control-allow-origin"), CDN);
}
