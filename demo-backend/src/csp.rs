//! Content-Security-Policy of the monitor listener and of the portal pages.
//!
//! The monitor's policy has no `'unsafe-inline'` and no `'unsafe-eval'`:
//! scripts come from its own origin, WebAssembly may be compiled
//! (`'wasm-unsafe-eval'`), and the inline bootstrap Trunk writes into
//! `index.html` is allowed by its hash, computed from the file as served
//! ([`script_hashes`]). `frame-ancestors` lists who may embed it.

mod inline;

use axum::extract::State;
use axum::http::header::CONTENT_SECURITY_POLICY;
use axum::http::HeaderValue;
use axum::response::Response;

pub use inline::script_hashes;

/// What a response gets if a policy could not be made into a header (it is
/// built from validated origins and base64, so this should never happen):
/// failing closed beats serving without a policy.
const FALLBACK: &str = "default-src 'none'; frame-ancestors 'none'";

/// The monitor listener's policy, apart from per-page script hashes.
#[derive(Clone, Debug)]
pub struct MonitorPolicy {
    /// `'self'` and the origins allowed to frame the monitor.
    frame_ancestors: String,
}

impl MonitorPolicy {
    /// A policy letting the monitor itself and `framers` embed it.
    pub fn new(framers: &[String]) -> Self {
        let mut frame_ancestors = "'self'".to_owned();
        for origin in framers {
            frame_ancestors.push(' ');
            frame_ancestors.push_str(origin);
        }
        Self { frame_ancestors }
    }

    /// The policy text, allowing the inline scripts with these hash sources.
    pub fn text(&self, script_hashes: &[String]) -> String {
        let mut script_src = "'self' 'wasm-unsafe-eval'".to_owned();
        for hash in script_hashes {
            script_src.push(' ');
            script_src.push_str(hash);
        }
        format!(
            "default-src 'self'; script-src {script_src}; style-src 'self'; img-src 'self' data:; \
             connect-src 'self'; frame-ancestors {}; base-uri 'self'; form-action 'self'; \
             object-src 'none'",
            self.frame_ancestors
        )
    }

    /// [`MonitorPolicy::text`] as a header value.
    pub fn header(&self, script_hashes: &[String]) -> HeaderValue {
        header(self.text(script_hashes))
    }
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
    fn monitor_policy_lists_framers_and_hashes_and_nothing_unsafe() {
        let policy = MonitorPolicy::new(&["http://127.0.0.1:8081".to_owned()]);
        let text = policy.text(&["'sha256-abc='".to_owned()]);
        assert!(
            text.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc=';"),
            "{text}"
        );
        assert!(
            text.contains("frame-ancestors 'self' http://127.0.0.1:8081;"),
            "{text}"
        );
        assert!(!text.contains("unsafe-inline") && !text.contains("'unsafe-eval'"));
        assert_eq!(
            policy.header(&[]).to_str().ok(),
            Some(policy.text(&[]).as_str())
        );
    }

    #[test]
    fn a_policy_that_cannot_be_a_header_fails_closed() {
        assert_eq!(header("bad\nvalue".to_owned()), FALLBACK);
    }
}
