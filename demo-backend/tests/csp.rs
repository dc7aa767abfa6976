//! The Content-Security-Policy of the monitor listener: strict, with the
//! inline bootstrap Trunk writes into index.html allowed by its hash.

mod common;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use common::{frozen_with, get, header, ADMIN};
use demo_backend::{Options, Server};
use sha2::{Digest, Sha256};

/// What Trunk writes into `dist/index.html` (its shape as of Trunk 0.21).
const BOOTSTRAP: &str = "\nimport init, * as bindings from '/ops-monitor-289c.js';\n\
    const wasm = await init({ module_or_path: '/ops-monitor-289c_bg.wasm' });\n\
    window.wasmBindings = bindings;\n";

fn index_with(script: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html><head><title>Operations Monitor</title>\n\
         <script type=\"module\">{script}</script>\n\
         <link rel=\"modulepreload\" href=\"/ops-monitor-289c.js\" crossorigin=\"anonymous\">\n\
         <script src=\"/extra.js\"></script></head><body></body></html>"
    )
}

/// The source a browser computes for this inline script body.
fn hash_source(script: &str) -> String {
    format!("'sha256-{}'", STANDARD.encode(Sha256::digest(script)))
}

async fn serving(index: &str, options: Options) -> (tempfile::TempDir, Server) {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), index).unwrap();
    std::fs::write(dist.path().join("app-1a2b.js"), "console.log(1)").unwrap();
    let server = frozen_with(Options {
        static_dir: Some(dist.path().to_owned()),
        ..options
    })
    .await;
    (dist, server)
}

fn assert_strict(policy: &str) {
    for expected in [
        "default-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'self'",
        "form-action 'self'",
        "object-src 'none'",
    ] {
        assert!(policy.contains(expected), "{expected} missing: {policy}");
    }
    assert!(!policy.contains("'unsafe-inline'"), "{policy}");
    assert!(!policy.contains("'unsafe-eval'"), "{policy}");
}

#[tokio::test]
async fn index_html_policy_allows_its_inline_script_by_hash_and_nothing_unsafe() {
    let (_dist, server) = serving(&index_with(BOOTSTRAP), Options::default()).await;
    for path in ["/", "/index.html", "/conversations/c-000123"] {
        let response = get(&server, path, None).await;
        assert_eq!(response.status(), 200, "{path}");
        let policy = header(&response, "content-security-policy");
        let script_src = format!(
            "script-src 'self' 'wasm-unsafe-eval' {};",
            hash_source(BOOTSTRAP)
        );
        assert!(policy.contains(&script_src), "{path}: {policy}");
        assert_strict(policy);
    }
}

#[tokio::test]
async fn a_rebuilt_index_html_gets_the_hash_of_its_new_bootstrap() {
    let (dist, server) = serving(&index_with(BOOTSTRAP), Options::default()).await;
    let rebuilt = BOOTSTRAP.replace("289c", "77aa");
    std::fs::write(dist.path().join("index.html"), index_with(&rebuilt)).unwrap();
    let response = get(&server, "/", None).await;
    let policy = header(&response, "content-security-policy");
    assert!(policy.contains(&hash_source(&rebuilt)), "{policy}");
    assert!(!policy.contains(&hash_source(BOOTSTRAP)), "{policy}");
}

#[tokio::test]
async fn every_monitor_response_carries_the_policy() {
    let (_dist, server) = serving(&index_with(BOOTSTRAP), Options::default()).await;
    for (path, token, status) in [
        ("/app-1a2b.js", None, 200),
        ("/app-ffff.wasm", None, 404),
        ("/config.json", None, 200),
        ("/api/v1/me", Some(ADMIN), 200),
        ("/api/v1/me", None, 401),
        ("/api/v9", Some(ADMIN), 404),
    ] {
        let response = get(&server, path, token).await;
        assert_eq!(response.status(), status, "{path}");
        let policy = header(&response, "content-security-policy");
        assert!(
            policy.contains("frame-ancestors 'self'"),
            "{path}: {policy}"
        );
        assert_strict(policy);
    }
}

#[tokio::test]
async fn frame_ancestors_are_self_and_the_portal_origins_only() {
    let (_dist, server) = serving(&index_with(BOOTSTRAP), Options::default()).await;
    let portal = server.portal_url().expect("a portal");
    let port = portal.rsplit(':').next().unwrap();
    let response = get(&server, "/", None).await;
    let expected =
        format!("frame-ancestors 'self' http://127.0.0.1:{port} http://localhost:{port};");
    let policy = header(&response, "content-security-policy");
    assert!(policy.contains(&expected), "{policy}");

    let alone = Options {
        no_portal: true,
        ..Options::default()
    };
    let (_dist, server) = serving(&index_with(BOOTSTRAP), alone).await;
    let response = get(&server, "/", None).await;
    let policy = header(&response, "content-security-policy");
    assert!(policy.contains("frame-ancestors 'self';"), "{policy}");
}
