//! Content-Security-Policy of the monitor listener and of the portal pages.
//!
//! The monitor's policy is [`MonitorPolicy`], shared with the CDN packaging
//! (`cargo xtask dist`) so the demo and a deployment send the same one; here
//! it becomes a header, with the hashes of the inline scripts of
//! `index.html` as served.

use axum::extract::State;
use axum::http::header::CONTENT_SECURITY_POLICY;
use axum::http::HeaderValue;
use axum::response::Response;

pub use static_site::csp::{script_hashes, MonitorPolicy};

/// What a response gets if a policy could not be made into a header (it is
/// built from validated origins and base64, so this should never happen):
/// failing closed beats serving without a policy.
const FALLBACK: &str = "default-src 'none'; frame-ancestors 'none'";

/// The monitor's `policy` as a header value, allowing the inline scripts
/// with these hash sources.
pub fn monitor_header(policy: &MonitorPolicy, script_hashes: &[String]) -> HeaderValue {
    header(policy.text(script_hashes))
}

/// The portal pages' policy: their own script and style files only, the
/// monitor as the one thing they may frame, and nobody may frame them.
pub fn portal(monitor_origin: &str) -> HeaderValue {
    header(format!(
        "default-src 'none'; script-src 'self'; style-src 'self'; frame-src {monitor_origin}; \
         base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'"
    ))
}

fn header(policy: String) -> HeaderValue {
    HeaderValue::try_from(policy).unwrap_or_else(|_| HeaderValue::from_static(FALLBACK))
}

/// Middleware: gives every response that set no policy of its own this one.
/// Only HTML needs it, but on JSON or wasm it is harmless, and no response
/// type can be forgotten.
pub async fn add_default(State(policy): State<HeaderValue>, mut response: Response) -> Response {
    response
        .headers_mut()
        .entry(CONTENT_SECURITY_POLICY)
        .or_insert(policy);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_monitor_header_is_the_policy_text() {
        let policy = MonitorPolicy::new(&["http://127.0.0.1:8081".to_owned()]);
        let hashes = ["'sha256-abc='".to_owned()];
        assert_eq!(
            monitor_header(&policy, &hashes).to_str().ok(),
            Some(policy.text(&hashes).as_str())
        );
    }

    #[test]
    fn a_policy_that_cannot_be_a_header_fails_closed() {
        assert_eq!(header("bad\nvalue".to_owned()), FALLBACK);
    }
}
