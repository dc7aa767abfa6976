//! Responses compressed like a CDN would: brotli or gzip as the client's
//! `Accept-Encoding` asks, for the API (the snapshot included) and the
//! static files, a file's precompressed copy when there is one, and never
//! the change stream, whose events must not wait in a compressor.

mod common;

use std::time::Duration;

use common::encoding::{brotli, decode, gzip};
use common::{frozen_with, get_with, header, SseReader, ADMIN, PATIENCE};
use demo_backend::{Options, Server};

const WASM: &str = "ops-monitor-9f86d081884c7d65_bg.wasm";
const JS: &str = "ops-monitor-9f86d081884c7d65.js";
const INDEX: &str = "<!doctype html><title>Operations Monitor</title>";

/// A server with a dist of compressible files, the JS with precompressed
/// copies whose content differs from the file's (so a test can tell which
/// one was sent).
async fn serving() -> (tempfile::TempDir, Server) {
    let dist = tempfile::tempdir().unwrap();
    let dir = dist.path();
    std::fs::write(dir.join("index.html"), INDEX.repeat(20)).unwrap();
    std::fs::write(dir.join(WASM), b"\0asm\x01\0\0\0".repeat(2000)).unwrap();
    std::fs::write(dir.join(JS), "console.log('from the file');\n".repeat(50)).unwrap();
    std::fs::write(dir.join(format!("{JS}.br")), brotli(b"from the .br copy")).unwrap();
    std::fs::write(dir.join(format!("{JS}.gz")), gzip(b"from the .gz copy")).unwrap();
    let server = frozen_with(Options {
        static_dir: Some(dir.to_owned()),
        conversations: 1000,
        ..Default::default()
    })
    .await;
    (dist, server)
}

/// `path` as `token` accepting `accept` (no header when `None`): the
/// encoding the server chose and the decoded body.
async fn fetch(server: &Server, path: &str, accept: Option<&str>) -> (String, usize, Vec<u8>) {
    let headers: Vec<(&str, &str)> = accept.map(|a| ("accept-encoding", a)).into_iter().collect();
    let response = get_with(server, path, Some(ADMIN), &headers).await;
    assert_eq!(response.status(), 200, "{path}");
    let encoding = header(&response, "content-encoding").to_owned();
    if !encoding.is_empty() {
        assert!(
            header(&response, "vary")
                .to_ascii_lowercase()
                .contains("accept-encoding"),
            "{path}: a compressed response must say it varies"
        );
    }
    let body = response.bytes().await.expect("body");
    (encoding.clone(), body.len(), decode(&encoding, &body))
}

/// The snapshot without its `server_time`, which moves between requests.
fn snapshot(body: &[u8]) -> serde_json::Value {
    let mut value: serde_json::Value = serde_json::from_slice(body).expect("snapshot JSON");
    value.as_object_mut().expect("object").remove("server_time");
    value
}

#[tokio::test]
async fn the_snapshot_comes_as_brotli_or_gzip_as_the_client_accepts_and_decodes_to_the_same_json() {
    let (_dist, server) = serving().await;
    let path = "/api/v1/monitor/conversations";
    let (plain_encoding, plain_len, plain) = fetch(&server, path, None).await;
    assert_eq!(plain_encoding, "");
    for (accept, expected) in [
        ("br", "br"),
        ("gzip", "gzip"),
        ("gzip;q=0.5, br", "br"),
        ("br;q=0.1, gzip", "gzip"),
        ("identity", ""),
        ("zstd", ""),
    ] {
        let (encoding, wire_len, body) = fetch(&server, path, Some(accept)).await;
        assert_eq!(encoding, expected, "Accept-Encoding: {accept}");
        assert_eq!(
            snapshot(&body),
            snapshot(&plain),
            "Accept-Encoding: {accept}"
        );
        if !expected.is_empty() {
            assert!(
                wire_len * 5 < plain_len,
                "{accept}: {wire_len} bytes on the wire for {plain_len}"
            );
        }
    }
}

#[tokio::test]
async fn other_api_answers_config_json_index_html_and_assets_are_compressed_too() {
    let (_dist, server) = serving().await;
    for path in [
        "/api/v1/monitor/agents",
        "/api/v1/departments",
        "/config.json",
        "/",
        "/conversations/c-000123",
        &format!("/{WASM}"),
    ] {
        let (_, plain_len, plain) = fetch(&server, path, None).await;
        for encoding in ["br", "gzip"] {
            let (got, wire_len, body) = fetch(&server, path, Some(encoding)).await;
            assert_eq!(got, encoding, "{path}");
            assert!(wire_len < plain_len, "{path}: {wire_len} of {plain_len}");
            if !path.starts_with("/api") {
                assert_eq!(body, plain, "{path}");
            }
        }
    }
}

#[tokio::test]
async fn a_precompressed_copy_next_to_a_file_is_sent_as_it_is() {
    let (_dist, server) = serving().await;
    let path = format!("/{JS}");
    let (encoding, _, body) = fetch(&server, &path, Some("br")).await;
    assert_eq!(
        (encoding.as_str(), &body[..]),
        ("br", &b"from the .br copy"[..])
    );
    let (encoding, _, body) = fetch(&server, &path, Some("gzip")).await;
    assert_eq!(
        (encoding.as_str(), &body[..]),
        ("gzip", &b"from the .gz copy"[..])
    );
    let (encoding, _, body) = fetch(&server, &path, None).await;
    assert_eq!(encoding, "");
    assert!(body.starts_with(b"console.log('from the file');"));
}

#[tokio::test]
async fn the_change_stream_is_not_compressed_and_each_event_arrives_as_it_happens() {
    let (_dist, server) = serving().await;
    let response = get_with(
        &server,
        "/api/v1/monitor/events",
        Some(ADMIN),
        &[("accept-encoding", "br, gzip")],
    )
    .await;
    assert_eq!(header(&response, "content-encoding"), "");
    let mut stream = SseReader::from_response(response);
    // One event at a time, each read before the next exists: a compressor
    // holding bytes back until it has enough would stall the first.
    for name in ["First Arrival", "Second Arrival"] {
        let id = server.inject_arrival(name);
        let event = tokio::time::timeout(Duration::from_secs(2), stream.next_change())
            .await
            .unwrap_or_else(|_| {
                panic!("{name} held back for more than 2 s (patience {PATIENCE:?})")
            });
        assert_eq!(event.event, "conversation.upsert");
        assert_eq!(event.json()["conversation"]["id"], id.as_str());
    }
}
