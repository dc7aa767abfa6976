//! The runtime configuration (`config.json`, fetched at start, never
//! compiled in): one build serves every environment.

use serde::{Deserialize, Serialize};

pub use crate::thresholds::WaitThresholds;

/// How the monitor learns about changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum LiveMode {
    /// Server-Sent Events over fetch (the default).
    #[default]
    Sse,
    /// Reload the snapshot every `poll_interval_ms` (backends without a stream).
    Poll,
}

/// `config.json`. Only `api_base_url` is required; the rest has defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Config {
    /// The REST root, e.g. `/api/v1` or `https://api.example.com/api/v1`.
    pub api_base_url: String,
    /// Parent-window origins allowed to hand over a token when embedded.
    #[serde(default)]
    pub allowed_parent_origins: Vec<String>,
    #[serde(default)]
    pub live_mode: LiveMode,
    #[serde(default = "Config::default_poll_interval_ms")]
    pub poll_interval_ms: u32,
    /// Data older than this is flagged as stale on screen.
    #[serde(default = "Config::default_stale_after_ms")]
    pub stale_after_ms: u32,
    #[serde(default)]
    pub wait_thresholds: WaitThresholds,
    #[serde(default)]
    pub default_locale: Option<String>,
    /// A request whose answer takes longer is aborted and reported.
    #[serde(default = "Config::default_request_timeout_ms")]
    pub request_timeout_ms: u32,
    /// Milliseconds between two polls of the key performance indicators
    /// and trends (they are not streamed).
    #[serde(default = "Config::default_indicators_interval_ms")]
    pub indicators_interval_ms: u32,
}

/// Why a config cannot be used; the message names the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Config {
    fn default_poll_interval_ms() -> u32 {
        5_000
    }

    fn default_stale_after_ms() -> u32 {
        45_000
    }

    fn default_request_timeout_ms() -> u32 {
        30_000
    }

    fn default_indicators_interval_ms() -> u32 {
        15_000
    }

    /// Parses and checks `config.json`.
    pub fn parse(text: &str) -> Result<Config, ConfigError> {
        let config: Config =
            serde_json::from_str(text).map_err(|e| ConfigError(format!("config.json: {e}")))?;
        config.validated()
    }

    fn validated(self) -> Result<Config, ConfigError> {
        if self.api_base_url.trim().is_empty() {
            return Err(ConfigError("config.json: api_base_url is empty".into()));
        }
        if self.request_timeout_ms < 1_000 {
            return Err(ConfigError(format!(
                "config.json: request_timeout_ms is {} (at least 1000)",
                self.request_timeout_ms
            )));
        }
        if self.poll_interval_ms < 500 {
            return Err(ConfigError(format!(
                "config.json: poll_interval_ms is {} (at least 500)",
                self.poll_interval_ms
            )));
        }
        // Faster than a second would poll figures that move with answers
        // and ends more often than anyone reads them.
        if self.indicators_interval_ms < 1_000 {
            return Err(ConfigError(format!(
                "config.json: indicators_interval_ms is {} (at least 1000)",
                self.indicators_interval_ms
            )));
        }
        self.wait_thresholds
            .check()
            .map_err(|e| ConfigError(format!("config.json: {e}")))?;
        if let Some(bad) = self.allowed_parent_origins.iter().find(|o| !is_origin(o)) {
            return Err(ConfigError(format!(
                "config.json: {bad:?} in allowed_parent_origins is not an origin (scheme://host[:port])"
            )));
        }
        Ok(self)
    }

    /// Whether a `postMessage` from `origin` may be trusted. Exact match only:
    /// no wildcards, no prefixes ("https://portal.example.com.evil.io" is not
    /// "https://portal.example.com").
    pub fn allows_parent(&self, origin: &str) -> bool {
        self.allowed_parent_origins
            .iter()
            .any(|allowed| allowed == origin)
    }
}

/// `scheme://host[:port]` with no path, query or trailing slash.
fn is_origin(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once("://") else {
        return false;
    };
    matches!(scheme, "http" | "https")
        && !rest.is_empty()
        && !rest.contains(['/', '?', '#', '*', ' '])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_minimal_config_gets_the_defaults() {
        let c = Config::parse(r#"{"api_base_url": "/api/v1"}"#).unwrap();
        assert_eq!(c.live_mode, LiveMode::Sse);
        assert_eq!(c.poll_interval_ms, 5_000);
        assert_eq!(c.stale_after_ms, 45_000);
        assert_eq!(c.request_timeout_ms, 30_000);
        assert_eq!(c.indicators_interval_ms, 15_000);
        assert!(c.allowed_parent_origins.is_empty());
    }

    #[test]
    fn a_missing_api_base_url_names_the_field() {
        let err = Config::parse(r#"{"live_mode": "poll"}"#).unwrap_err();
        assert!(err.0.contains("api_base_url"), "{err}");
    }

    #[test]
    fn an_unknown_live_mode_is_an_error() {
        assert!(Config::parse(r#"{"api_base_url": "/a", "live_mode": "websocket"}"#).is_err());
    }

    #[test]
    fn origins_must_be_exact_scheme_host_port() {
        for bad in [
            "*",
            "https://portal.example.com/",
            "portal.example.com",
            "https://*.example.com",
        ] {
            let json = format!(r#"{{"api_base_url": "/a", "allowed_parent_origins": ["{bad}"]}}"#);
            assert!(Config::parse(&json).is_err(), "{bad} accepted");
        }
        let ok = Config::parse(
            r#"{"api_base_url": "/a", "allowed_parent_origins": ["http://127.0.0.1:8081"]}"#,
        )
        .unwrap();
        assert!(ok.allows_parent("http://127.0.0.1:8081"));
        assert!(!ok.allows_parent("http://127.0.0.1:8081.evil.io"));
        assert!(!ok.allows_parent("http://127.0.0.1:9999"));
    }

    #[test]
    fn thresholds_in_the_wrong_order_are_refused() {
        let json = r#"{"api_base_url": "/a", "wait_thresholds": {"queue": {"warning_secs": 600, "critical_secs": 60}}}"#;
        let err = Config::parse(json).unwrap_err();
        assert!(err.0.contains("wait_thresholds.queue"), "{err}");
    }

    #[test]
    fn a_too_short_indicators_interval_is_refused() {
        let err =
            Config::parse(r#"{"api_base_url": "/a", "indicators_interval_ms": 200}"#).unwrap_err();
        assert!(err.0.contains("indicators_interval_ms"), "{err}");
    }

    #[test]
    fn a_too_short_poll_interval_is_refused() {
        assert!(Config::parse(r#"{"api_base_url": "/a", "poll_interval_ms": 10}"#).is_err());
    }
}
