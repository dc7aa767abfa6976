use std::io::Read;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use monitor_core::config::Config;
use sha2::{Digest, Sha256};

use super::*;

/// What Trunk writes into `index.html` (its shape as of Trunk 0.21).
const BOOTSTRAP: &str = "\nimport init, * as bindings from './ops-monitor-9f86d081884c7d65.js';\n\
    const wasm = await init({ module_or_path: './ops-monitor-9f86d081884c7d65_bg.wasm' });\n";
const JS: &str = "ops-monitor-9f86d081884c7d65.js";
const WASM: &str = "ops-monitor-9f86d081884c7d65_bg.wasm";
const CSS: &str = "main-3e23e8160039594a.css";
const SNIPPET: &str = "snippets/ops-monitor-1a2b3c/inline0.js";

fn trunk_build() -> tempfile::TempDir {
    let build = tempfile::tempdir().unwrap();
    let index = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\">\
         <script type=\"module\">{BOOTSTRAP}</script></head><body></body></html>"
    );
    fs::write(build.path().join(INDEX), index).unwrap();
    fs::write(
        build.path().join(CONFIG),
        r#"{"api_base_url": "/api/v1", "allowed_parent_origins": [], "default_locale": "es"}"#,
    )
    .unwrap();
    fs::write(
        build.path().join(JS),
        "export default function init() {}\n".repeat(50),
    )
    .unwrap();
    fs::write(
        build.path().join(WASM),
        [0u8, 97, 115, 109, 1, 0, 0, 0].repeat(100),
    )
    .unwrap();
    fs::write(build.path().join(CSS), "body { margin: 0 }\n".repeat(50)).unwrap();
    fs::create_dir_all(build.path().join("snippets/ops-monitor-1a2b3c")).unwrap();
    fs::write(build.path().join(SNIPPET), "export const x = 1;\n").unwrap();
    build
}

fn cdn() -> Deployment {
    Deployment {
        api_base_url: "https://api.example.com/api/v1".into(),
        parent_origins: vec!["https://portal.example.com".into()],
        base_path: BasePath::parse("/ops/monitor/").unwrap(),
    }
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap()
}

#[test]
fn every_asset_gets_a_brotli_and_a_gzip_copy_that_decode_to_it_but_config_json_does_not() {
    let build = trunk_build();
    let out = tempfile::tempdir().unwrap();
    let packaged = package(build.path(), out.path(), &cdn()).unwrap();
    assert_eq!(packaged.files, [CONFIG, INDEX, CSS, JS, WASM, SNIPPET]);
    for file in [INDEX, JS, WASM, CSS, SNIPPET] {
        let raw = fs::read(out.path().join(file)).unwrap();
        let mut unbr = Vec::new();
        brotli::Decompressor::new(
            &fs::read(out.path().join(format!("{file}.br"))).unwrap()[..],
            4096,
        )
        .read_to_end(&mut unbr)
        .unwrap();
        let mut ungz = Vec::new();
        flate2::read::GzDecoder::new(&fs::read(out.path().join(format!("{file}.gz"))).unwrap()[..])
            .read_to_end(&mut ungz)
            .unwrap();
        assert!(unbr == raw && ungz == raw, "{file}");
    }
    assert!(!out.path().join("config.json.br").exists());
    assert!(!out.path().join("config.json.gz").exists());
    assert!(packaged.brotli_bytes < packaged.raw_bytes && packaged.gzip_bytes < packaged.raw_bytes);
    // Assets are the build's bytes: the same names and hashes in every deployment.
    assert_eq!(
        fs::read(out.path().join(WASM)).unwrap(),
        fs::read(build.path().join(WASM)).unwrap()
    );
}

#[test]
fn index_html_names_the_base_path_and_config_json_the_deployment() {
    let build = trunk_build();
    let out = tempfile::tempdir().unwrap();
    package(build.path(), out.path(), &cdn()).unwrap();
    let index = read(&out.path().join(INDEX));
    assert!(
        index.contains("<head><base href=\"/ops/monitor/\"><meta"),
        "{index}"
    );
    let config = Config::parse(&read(&out.path().join(CONFIG))).unwrap();
    assert_eq!(config.api_base_url, "https://api.example.com/api/v1");
    assert_eq!(
        config.allowed_parent_origins,
        ["https://portal.example.com"]
    );
    assert_eq!(config.default_locale.as_deref(), Some("es"));
}

#[test]
fn the_headers_file_allows_the_bootstrap_by_its_hash_the_api_and_the_portal() {
    let build = trunk_build();
    let out = tempfile::tempdir().unwrap();
    package(build.path(), out.path(), &cdn()).unwrap();
    let headers = read(&out.path().join(HEADERS));
    // The hash as a browser computes it, not through the code under test.
    let hash = format!("'sha256-{}'", STANDARD.encode(Sha256::digest(BOOTSTRAP)));
    let policy = format!("script-src 'self' 'wasm-unsafe-eval' {hash};");
    assert!(headers.contains(&policy), "{headers}");
    assert!(
        headers.contains("connect-src 'self' https://api.example.com;"),
        "{headers}"
    );
    assert!(
        headers.contains("frame-ancestors 'self' https://portal.example.com;"),
        "{headers}"
    );
    assert!(
        headers.contains("/ops/monitor/*\n  Content-Security-Policy: "),
        "{headers}"
    );
    assert!(
        headers.contains("  X-Content-Type-Options: nosniff\n"),
        "{headers}"
    );
    for (file, cache) in [
        ("", "no-cache"),
        (INDEX, "no-cache"),
        (CONFIG, "no-cache"),
        (JS, "public, max-age=31536000, immutable"),
        (WASM, "public, max-age=31536000, immutable"),
        (CSS, "public, max-age=31536000, immutable"),
        // The directory carries a hash, the file name does not.
        (SNIPPET, "no-cache"),
    ] {
        let rule = format!("\n/ops/monitor/{file}\n  Cache-Control: {cache}\n");
        assert!(headers.contains(&rule), "{rule:?} in {headers}");
    }
}

#[test]
fn an_api_on_the_same_origin_needs_nothing_more_in_connect_src() {
    let build = trunk_build();
    let out = tempfile::tempdir().unwrap();
    let same = Deployment {
        api_base_url: "/api/v1".into(),
        parent_origins: vec![],
        base_path: BasePath::default(),
    };
    package(build.path(), out.path(), &same).unwrap();
    let headers = read(&out.path().join(HEADERS));
    assert!(headers.contains("connect-src 'self';"), "{headers}");
    assert!(headers.contains("frame-ancestors 'self';"), "{headers}");
    assert!(headers.contains("\n/*\n"), "{headers}");
    assert!(read(&out.path().join(INDEX)).contains("<base href=\"/\">"));
}

#[test]
fn an_earlier_output_is_replaced_and_any_other_folder_left_alone() {
    let build = trunk_build();
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("cdn");
    package(build.path(), &out, &cdn()).unwrap();
    fs::write(out.join("stale-0123456789abcdef.js"), "old").unwrap();
    package(build.path(), &out, &cdn()).unwrap();
    assert!(!out.join("stale-0123456789abcdef.js").exists());

    let foreign = parent.path().join("documents");
    fs::create_dir_all(&foreign).unwrap();
    fs::write(foreign.join("thesis.txt"), "keep me").unwrap();
    let err = package(build.path(), &foreign, &cdn()).unwrap_err();
    assert!(err.contains("not an earlier output"), "{err}");
    assert_eq!(read(&foreign.join("thesis.txt")), "keep me");

    for overlapping in [
        build.path().join("cdn"),
        build.path().to_owned(),
        parent.path().to_owned(),
    ] {
        let err = package(build.path(), &overlapping, &cdn()).unwrap_err();
        assert!(
            err.contains("overlap") || err.contains("not an earlier output"),
            "{err}"
        );
    }
    assert!(!build.path().join("cdn").exists());
}

#[test]
fn a_failure_midway_leaves_the_earlier_output_as_it_was_and_nothing_beside_it() {
    let build = trunk_build();
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("cdn");
    package(build.path(), &out, &cdn()).unwrap();
    let before = read(&out.join(HEADERS));
    // A file that cannot be read fails the copy after the first files.
    let unreadable = build.path().join("zz-unreadable.js");
    std::os::unix::fs::symlink(build.path().join("missing"), &unreadable).unwrap();
    let err = package(build.path(), &out, &cdn()).unwrap_err();
    assert!(err.contains("zz-unreadable.js"), "{err}");
    assert_eq!(read(&out.join(HEADERS)), before);
    let beside: Vec<_> = fs::read_dir(parent.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(beside, ["cdn"]);
}

#[test]
fn a_folder_that_is_not_a_monitor_build_or_a_bad_deployment_writes_nothing() {
    let build = trunk_build();
    let out = tempfile::tempdir().unwrap();
    let cdn_out = out.path().join("cdn");
    let relative_api = Deployment {
        api_base_url: "api/v1".into(),
        ..cdn()
    };
    assert!(package(build.path(), &cdn_out, &relative_api).is_err());
    let bad_parent = Deployment {
        parent_origins: vec!["https://portal.example.com/page".into()],
        ..cdn()
    };
    assert!(package(build.path(), &cdn_out, &bad_parent).is_err());
    fs::remove_file(build.path().join(INDEX)).unwrap();
    let err = package(build.path(), &cdn_out, &cdn()).unwrap_err();
    assert!(err.contains("index.html"), "{err}");
    assert!(!cdn_out.exists());
}
