//! `GET <base>/config.json`: the SPA's runtime configuration, built from the
//! backend's options, so one build of the SPA works on any port, under any
//! sub-path and with or without the portal. It overrides a `config.json`
//! in the static dir.

use axum::body::Bytes;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use monitor_core::config::{Config, LiveMode};

use crate::options::Options;
use crate::origins::Origins;

/// Where the SPA finds the API: an absolute path, so it holds whatever the
/// SPA's own base path is.
pub const API_BASE_URL: &str = "/api/v1";

/// How many missed beats (heartbeats or polls) make the data stale on screen.
const STALE_AFTER_BEATS: u32 = 3;

/// Stale threshold when the stream has no heartbeat to count on.
const DEFAULT_STALE_AFTER_MS: u32 = 45_000;

/// The configuration these options and origins call for.
pub fn config(options: &Options, origins: &Origins) -> Config {
    // A quiet stream is only known to be alive through its heartbeats; a
    // poller through its polls. Three missed ones is a real outage, not jitter.
    let beat_ms = match options.live_mode {
        LiveMode::Poll => Some(options.poll_interval_ms),
        LiveMode::Sse => (options.heartbeat_secs > 0).then(|| {
            u32::try_from(options.heartbeat_secs.saturating_mul(1000)).unwrap_or(u32::MAX)
        }),
    };
    Config {
        api_base_url: API_BASE_URL.to_owned(),
        allowed_parent_origins: origins.allowed_parents.clone(),
        live_mode: options.live_mode,
        poll_interval_ms: options.poll_interval_ms,
        stale_after_ms: beat_ms.map_or(DEFAULT_STALE_AFTER_MS, |ms| {
            ms.saturating_mul(STALE_AFTER_BEATS)
        }),
        wait_thresholds: options.wait_thresholds.clone(),
        default_locale: Some("es".to_owned()),
        request_timeout_ms: options.request_timeout_ms,
        indicators_interval_ms: options.indicators_interval_ms,
    }
}

/// `config` as the JSON body served (serialized once, at start).
pub fn body(config: &Config) -> Bytes {
    Bytes::from(serde_json::to_vec(config).unwrap_or_default())
}

/// The response to `GET <base>/config.json`. Never cached: a restart with
/// other flags must reach browsers at once.
pub fn response(body: Bytes) -> Response {
    (
        [
            (CONTENT_TYPE, "application/json"),
            (CACHE_CONTROL, static_site::cache::REVALIDATE),
        ],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;

    fn origins() -> Origins {
        Origins::new(Ipv4Addr::LOCALHOST.into(), 8080, Some(8081), None)
    }

    #[test]
    fn defaults_give_the_documented_config_and_it_passes_the_spa_checks() {
        let config = config(&Options::default(), &origins());
        let json = serde_json::to_value(&config).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "api_base_url": "/api/v1",
                "allowed_parent_origins": ["http://127.0.0.1:8081", "http://localhost:8081"],
                "live_mode": "sse",
                "poll_interval_ms": 5000,
                "stale_after_ms": 45000,
                "wait_thresholds": {
                    "queue": {"warning_secs": 120, "critical_secs": 300},
                    "status": {"warning_secs": 900, "critical_secs": 1800}
                },
                "default_locale": "es",
            "request_timeout_ms": 30000,
            "indicators_interval_ms": 15000
            })
        );
        let text = String::from_utf8(body(&config).to_vec()).unwrap();
        assert_eq!(Config::parse(&text), Ok(config));
    }

    #[test]
    fn staleness_follows_the_poll_interval_or_the_heartbeat() {
        let poll = Options {
            live_mode: LiveMode::Poll,
            poll_interval_ms: 2_000,
            ..Options::default()
        };
        let c = config(&poll, &origins());
        assert_eq!((c.live_mode, c.poll_interval_ms), (LiveMode::Poll, 2_000));
        assert_eq!(c.stale_after_ms, 6_000);
        let fast_beat = Options {
            heartbeat_secs: 1,
            ..Options::default()
        };
        assert_eq!(config(&fast_beat, &origins()).stale_after_ms, 3_000);
        let no_beat = Options {
            heartbeat_secs: 0,
            ..Options::default()
        };
        assert_eq!(config(&no_beat, &origins()).stale_after_ms, 45_000);
    }
}
