//! The folder `cargo xtask dist` writes, published on a plain static host
//! under a sub-path (not the demo backend's static route), with the API on
//! the demo backend's own origin: the monitor starts under the folder's
//! Content-Security-Policy, which Chromium enforces (a wrong bootstrap hash
//! or a missing API origin leaves a blank or failing page), calls the API
//! across origins, signs in and shows rows, also from a deep link.

use std::io::Read;
use std::path::Path;

use demo_backend::{Options, Server};
use e2e::static_host::{Serving, StaticHost};
use e2e::{dist_dir, quiet_options, Browser};
use static_site::dist::{self, Deployment};
use static_site::BasePath;

/// Where the folder is published on the static host.
const BASE: &str = "/cdn/monitor/";
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The API on its own origin, allowing the static host's; the packaged
/// folder, pointing at it, on the static host.
async fn published(folder: &Path) -> (Server, Serving) {
    let host = StaticHost::bind().await;
    let api = demo_backend::spawn(Options {
        port: 0,
        no_portal: true,
        cors_origins: vec![host.origin()],
        ..quiet_options()
    })
    .await
    .expect("the demo backend starts");
    let deployment = Deployment {
        api_base_url: format!("{}/api/v1", api.base_url()),
        parent_origins: Vec::new(),
        base_path: BasePath::parse(BASE).expect("a base path"),
    };
    dist::package(&dist_dir(), folder, &deployment).expect("the build packages");
    (api, host.serve(folder, BASE))
}

async fn get(url: &str, accept_encoding: Option<&str>) -> reqwest::Response {
    let mut request = reqwest::Client::new().get(url);
    if let Some(accept) = accept_encoding {
        request = request.header("accept-encoding", accept);
    }
    let response = request.send().await.expect("the static host answers");
    assert_eq!(response.status(), 200, "{url}");
    response
}

fn header<'a>(response: &'a reqwest::Response, name: &str) -> &'a str {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_packaged_folder_on_a_plain_static_host_signs_in_and_shows_rows() {
    let out = tempfile::tempdir().expect("a temp dir");
    let folder = out.path().join("cdn");
    let (api, host) = published(&folder).await;
    let site = format!("{}{BASE}", host.origin());

    // What the host sends, from the folder's own rules: the page is
    // revalidated and carries the policy, the built wasm is kept for a year
    // and comes precompressed.
    let page = get(&site, None).await;
    assert_eq!(header(&page, "cache-control"), "no-cache");
    assert_eq!(header(&page, "x-content-type-options"), "nosniff");
    let policy = header(&page, "content-security-policy");
    assert!(policy.contains("'sha256-"), "{policy}");
    assert!(
        policy.contains(&format!("connect-src 'self' {};", api.base_url())),
        "{policy}"
    );
    let wasm = std::fs::read_dir(&folder)
        .expect("the folder lists")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|name| name.ends_with(".wasm"))
        .expect("a wasm file in the folder");
    let response = get(&format!("{site}{wasm}"), Some("br")).await;
    assert_eq!(header(&response, "cache-control"), IMMUTABLE);
    assert_eq!(header(&response, "content-encoding"), "br");
    let compressed = response.bytes().await.expect("the wasm");
    let mut decoded = Vec::new();
    brotli::Decompressor::new(&compressed[..], 4096)
        .read_to_end(&mut decoded)
        .expect("valid brotli");
    assert_eq!(
        decoded,
        std::fs::read(folder.join(&wasm)).expect("the wasm file")
    );
    let config = get(&format!("{site}config.json"), None).await;
    assert_eq!(header(&config, "cache-control"), "no-cache");

    let browser = Browser::open(&site).await;
    browser.sign_in("demo-admin").await;
    let rows = browser.wait_for_rows("Conversations").await;
    assert!(!rows.is_empty());
    // A deep link loaded afresh: the host's fallback sends index.html, and
    // the monitor routes it under the sub-path it was published at.
    browser.goto("/agents?lang=en").await;
    assert!(browser
        .current_url()
        .await
        .starts_with(&format!("{site}agents")));
    browser.wait_for_rows("Agents").await;
}
