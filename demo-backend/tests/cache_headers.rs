//! How long browsers and caches may keep what the monitor listener serves:
//! a content-hashed asset for a year without asking, the page, its
//! `config.json` and its deep links never without revalidating (they name
//! the current build and the current settings). Every response says
//! `nosniff`.

mod common;

use common::{frozen_with, get, get_with, header, ADMIN};
use demo_backend::{BasePath, Options, Server};

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// What Trunk builds, with its content hashes.
const HASHED: [&str; 3] = [
    "ops-monitor-9f86d081884c7d65.js",
    "ops-monitor-9f86d081884c7d65_bg.wasm",
    "main-3e23e8160039594a.css",
];

async fn serving(base_path: &str) -> (tempfile::TempDir, Server) {
    let dist = tempfile::tempdir().unwrap();
    let dir = dist.path();
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><title>Monitor</title>",
    )
    .unwrap();
    for name in HASHED {
        std::fs::write(dir.join(name), "built").unwrap();
    }
    // Not named after its content: it may change under the same name.
    std::fs::write(dir.join("favicon.svg"), "<svg/>").unwrap();
    let server = frozen_with(Options {
        static_dir: Some(dir.to_owned()),
        base_path: BasePath::parse(base_path).unwrap(),
        ..Default::default()
    })
    .await;
    (dist, server)
}

#[tokio::test]
async fn content_hashed_assets_may_be_kept_for_a_year_at_the_root_and_under_a_base_path() {
    for base in ["/", "/monitor/"] {
        let (_dist, server) = serving(base).await;
        for name in HASHED {
            let path = format!("{base}{name}");
            let response = get(&server, &path, None).await;
            assert_eq!(response.status(), 200, "{path}");
            assert_eq!(header(&response, "cache-control"), IMMUTABLE, "{path}");
        }
    }
}

#[tokio::test]
async fn the_page_its_deep_links_config_json_and_unhashed_files_are_revalidated() {
    let (_dist, server) = serving("/").await;
    for path in [
        "/",
        "/index.html",
        "/conversations/c-000123",
        "/config.json",
        "/favicon.svg",
    ] {
        let response = get(&server, path, None).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(header(&response, "cache-control"), "no-cache", "{path}");
    }
}

#[tokio::test]
async fn a_revalidated_asset_answers_not_modified_and_keeps_its_cache_rule() {
    let (_dist, server) = serving("/").await;
    let path = format!("/{}", HASHED[1]);
    let first = get(&server, &path, None).await;
    let modified = header(&first, "last-modified").to_owned();
    assert!(!modified.is_empty());
    let again = get_with(&server, &path, None, &[("if-modified-since", &modified)]).await;
    assert_eq!(again.status(), 304);
    assert_eq!(header(&again, "cache-control"), IMMUTABLE);
}

#[tokio::test]
async fn every_response_tells_the_browser_not_to_sniff_its_type() {
    let (_dist, server) = serving("/").await;
    for (path, token) in [
        ("/", None),
        ("/conversations/c-000123", None),
        ("/config.json", None),
        ("/main-3e23e8160039594a.css", None),
        ("/api/v1/me", Some(ADMIN)),
        ("/api/v1/me", None),
        ("/missing-0123456789abcdef.js", None),
    ] {
        let response = get(&server, path, token).await;
        assert_eq!(
            header(&response, "x-content-type-options"),
            "nosniff",
            "{path} ({})",
            response.status()
        );
    }
}
