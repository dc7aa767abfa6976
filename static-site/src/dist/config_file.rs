//! The deployment's `config.json`: the repository's template
//! (`public/config.json`, copied by Trunk) with where the API is and who
//! may embed the monitor filled in, checked with the SPA's own parser so a
//! folder that would not start is never written.

use monitor_core::config::Config;
use serde_json::Value;

/// `template` with `api_base_url` and `allowed_parent_origins` replaced;
/// every other setting (thresholds, live mode…) kept as the template has it.
/// Keys the SPA does not know are dropped: it would ignore them.
pub fn render(
    template: &str,
    api_base_url: &str,
    parent_origins: &[String],
) -> Result<String, String> {
    let mut config: Value = serde_json::from_str(template)
        .map_err(|e| format!("the config.json template is not JSON: {e}"))?;
    let fields = config
        .as_object_mut()
        .ok_or("the config.json template is not a JSON object")?;
    fields.insert("api_base_url".into(), Value::from(api_base_url));
    fields.insert(
        "allowed_parent_origins".into(),
        Value::from(parent_origins.to_vec()),
    );
    let config = Config::parse(&config.to_string()).map_err(|e| e.to_string())?;
    // Written from the parsed form: fields in the SPA's order, every default
    // spelled out for whoever edits the file next.
    let text = serde_json::to_string_pretty(&config).map_err(|e| e.to_string())?;
    Ok(text + "\n")
}

/// The origin of an absolute `http(s)://` API URL, which the policy's
/// `connect-src` must name; `None` for a path on the page's own origin
/// (`/api/v1`). Anything else (a path relative to the page, another
/// scheme) is refused: it would not mean the same from every deep link.
pub fn api_origin(api_base_url: &str) -> Result<Option<String>, String> {
    if api_base_url.starts_with('/') && !api_base_url.starts_with("//") {
        return Ok(None);
    }
    let refuse = || {
        format!(
            "api base URL {api_base_url:?} must be a path on the same origin (/api/v1) \
             or an http(s) URL (https://api.example.com/api/v1)"
        )
    };
    let (scheme, rest) = api_base_url.split_once("://").ok_or_else(refuse)?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if !matches!(scheme, "http" | "https") || host.is_empty() || host.contains('@') {
        return Err(refuse());
    }
    Ok(Some(format!("{scheme}://{host}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = r#"{"api_base_url": "/api/v1", "allowed_parent_origins": [],
        "live_mode": "poll", "poll_interval_ms": 2000, "default_locale": "pt-BR"}"#;

    #[test]
    fn the_api_and_the_parents_are_filled_in_and_the_rest_kept() {
        let text = render(
            TEMPLATE,
            "https://api.example.com/api/v1",
            &["https://portal.example.com".to_owned()],
        )
        .unwrap();
        let config = Config::parse(&text).unwrap();
        assert_eq!(config.api_base_url, "https://api.example.com/api/v1");
        assert_eq!(
            config.allowed_parent_origins,
            ["https://portal.example.com"]
        );
        assert_eq!(
            (config.poll_interval_ms, config.default_locale.as_deref()),
            (2000, Some("pt-BR"))
        );
    }

    #[test]
    fn the_file_starts_with_the_api_and_spells_out_the_defaults() {
        let text = render(
            r#"{"live_mode": "sse", "api_base_url": "/x"}"#,
            "/api/v1",
            &[],
        )
        .unwrap();
        assert!(
            text.starts_with("{\n  \"api_base_url\": \"/api/v1\",\n"),
            "{text}"
        );
        assert!(text.contains("\"poll_interval_ms\": 5000"), "{text}");
    }

    #[test]
    fn a_config_the_spa_would_refuse_is_not_written() {
        for (template, parents) in [
            (TEMPLATE, vec!["https://portal.example.com/".to_owned()]),
            ("[]", vec![]),
            ("not json", vec![]),
            (r#"{"api_base_url": "/a", "poll_interval_ms": 10}"#, vec![]),
        ] {
            assert!(render(template, "/api/v1", &parents).is_err(), "{template}");
        }
    }

    #[test]
    fn the_api_origin_is_what_connect_src_needs() {
        assert_eq!(api_origin("/api/v1"), Ok(None));
        assert_eq!(
            api_origin("https://api.example.com/api/v1")
                .unwrap()
                .as_deref(),
            Some("https://api.example.com")
        );
        assert_eq!(
            api_origin("http://127.0.0.1:8080/api/v1")
                .unwrap()
                .as_deref(),
            Some("http://127.0.0.1:8080")
        );
        for bad in [
            "api/v1",
            "//api.example.com/v1",
            "ftp://x/y",
            "https:///v1",
            "https://u@evil/v1",
        ] {
            assert!(api_origin(bad).is_err(), "{bad}");
        }
    }
}
