//! The written contract (`api/openapi.yaml`) and the server agree: every
//! path it names is served, and the indicators' schemas name exactly the
//! fields the server sends.

mod common;

use std::collections::BTreeSet;

use common::{frozen, get, get_json, ADMIN};

const CONTRACT: &str = include_str!("../../api/openapi.yaml");

/// The paths the contract names (`  /api/v1/…:` at the top of `paths`).
fn paths() -> Vec<&'static str> {
    CONTRACT
        .lines()
        .filter_map(|l| l.strip_prefix("  /api/")?.strip_suffix(':'))
        .collect()
}

/// The property names of schema `name` (its `properties:` block at the
/// indentation the contract's schemas use).
fn properties(name: &str) -> BTreeSet<String> {
    let header = format!("    {name}:");
    let mut lines = CONTRACT.lines().skip_while(|l| *l != header).skip(1);
    let mut names = BTreeSet::new();
    let mut inside = false;
    for line in lines.by_ref() {
        let indent = line.len() - line.trim_start().len();
        if !line.trim().is_empty() && indent <= 4 {
            break;
        }
        if line == "      properties:" {
            inside = true;
            continue;
        }
        if inside && indent == 6 {
            inside = false;
        }
        if inside && indent == 8 {
            if let Some((key, _)) = line.trim().split_once(':') {
                names.insert(key.to_owned());
            }
        }
    }
    names
}

fn keys(value: &serde_json::Value) -> BTreeSet<String> {
    value
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default()
}

#[test]
fn the_schema_reader_finds_what_it_is_asked_for() {
    // A check that proves it can fail: a schema that is not there has no
    // properties, and a known one has the ones written.
    assert!(properties("NoSuchSchema").is_empty());
    assert!(properties("AgentsSnapshot").contains("agents"));
    assert!(paths().contains(&"v1/monitor/indicators"));
}

#[tokio::test]
async fn every_path_of_the_contract_is_served() {
    let server = frozen().await;
    let paths = paths();
    assert!(paths.len() >= 10, "{paths:?}");
    for path in paths {
        let path = format!("/api/{}", path.replace("{id}", "c-000001"));
        let path = path.replace("agents/c-000001", "agents/a-0001");
        let response = get(&server, &path, Some(ADMIN)).await;
        assert_ne!(
            response.status(),
            404,
            "{path} is in the contract but not served"
        );
    }
}

#[tokio::test]
async fn the_indicators_schemas_name_exactly_the_fields_sent() {
    let server = frozen().await;
    let body: serde_json::Value = get_json(&server, "/api/v1/monitor/indicators", ADMIN).await;
    assert_eq!(keys(&body), properties("IndicatorsSnapshot"));
    let window = &body["day"];
    assert_eq!(keys(window), properties("IndicatorsWindow"));
    // Every field, set or null, is sent.
    assert_eq!(keys(&window["overall"]), properties("Indicators"));
    let mut department = keys(&window["departments"][0]);
    assert!(department.remove("department_id"));
    assert_eq!(department, properties("Indicators"));
}

#[tokio::test]
async fn the_trends_schemas_name_exactly_the_fields_sent() {
    let server = frozen().await;
    let body: serde_json::Value = get_json(&server, "/api/v1/monitor/trends", ADMIN).await;
    assert_eq!(keys(&body), properties("TrendsSnapshot"));
    // Every field, set or null, is sent.
    assert_eq!(keys(&body["points"][0]), properties("TrendPoint"));
}
