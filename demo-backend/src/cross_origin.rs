//! CORS for the API, for an SPA served from another origin (a CDN, as
//! `cargo xtask dist` packages it) whose `config.json` points at this API.
//!
//! Only the origins given with `--cors-origin` are allowed, and no
//! credentials: the token travels in `Authorization`, never in a cookie, so
//! a page on another origin can use the API only with a token it was given.
//! Without `--cors-origin` the API answers no cross-origin caller, as before.

use std::time::Duration;

use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::{HeaderName, HeaderValue, Method};
use tower_http::cors::{AllowOrigin, CorsLayer};

/// How long a browser may reuse a preflight's answer.
const PREFLIGHT_MAX_AGE: Duration = Duration::from_secs(600);

/// The layer allowing `origins` (validated `scheme://host[:port]`), or
/// `None` when there are none.
pub fn layer(origins: &[String]) -> Option<CorsLayer> {
    let allowed: Vec<HeaderValue> = origins
        .iter()
        .filter_map(|origin| HeaderValue::try_from(origin.as_str()).ok())
        .collect();
    if allowed.is_empty() {
        return None;
    }
    Some(
        CorsLayer::new()
            .allow_origin(AllowOrigin::list(allowed))
            .allow_methods([Method::GET, Method::POST])
            // What the SPA sends besides the safelisted headers: the token,
            // JSON bodies, the actions' idempotency key and the stream's
            // resume point.
            .allow_headers([
                AUTHORIZATION,
                CONTENT_TYPE,
                HeaderName::from_static("idempotency-key"),
                HeaderName::from_static("last-event-id"),
            ])
            .max_age(PREFLIGHT_MAX_AGE),
    )
}

/// Parses a `--cors-origin` value: `scheme://host[:port]` over http or
/// https, exactly as a browser sends it in `Origin` (no path, no slash).
pub fn parse_origin(value: &str) -> Result<String, String> {
    let refuse = || {
        format!("{value:?} is not an origin like https://cdn.example.com or http://127.0.0.1:8000")
    };
    let (scheme, host) = value.split_once("://").ok_or_else(refuse)?;
    let plain = host
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    if !matches!(scheme, "http" | "https") || host.is_empty() || !plain {
        return Err(refuse());
    }
    Ok(value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_parse_and_urls_or_wildcards_are_refused() {
        for good in [
            "https://cdn.example.com",
            "http://127.0.0.1:8000",
            "http://[::1]:8000",
        ] {
            assert_eq!(parse_origin(good).as_deref(), Ok(good));
        }
        for bad in [
            "",
            "*",
            "cdn.example.com",
            "https://",
            "https://cdn.example.com/",
            "https://cdn.example.com/monitor",
            "ftp://cdn.example.com",
            "https://*.example.com",
        ] {
            assert!(parse_origin(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn no_origin_no_layer() {
        assert!(layer(&[]).is_none());
        assert!(layer(&["https://cdn.example.com".to_owned()]).is_some());
    }
}
