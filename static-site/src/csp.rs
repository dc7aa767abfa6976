//! The monitor's Content-Security-Policy.
//!
//! No `'unsafe-inline'` and no `'unsafe-eval'`: scripts come from the
//! page's own origin, WebAssembly may be compiled (`'wasm-unsafe-eval'`),
//! and the inline bootstrap Trunk writes into `index.html` is allowed by its
//! hash, computed from the file as served ([`script_hashes`]).
//! `frame-ancestors` lists who may embed the monitor; `connect-src` is its
//! own origin plus the API's when the API lives elsewhere (a CDN deployment).

mod inline;

pub use inline::script_hashes;

/// The monitor's policy, apart from per-page script hashes.
#[derive(Clone, Debug)]
pub struct MonitorPolicy {
    /// `'self'` and the origins allowed to frame the monitor.
    frame_ancestors: String,
    /// `'self'` and the API's origin when it is another one.
    connect_src: String,
}

impl MonitorPolicy {
    /// A policy letting the monitor itself and `framers` embed it, with the
    /// API on the page's own origin.
    pub fn new(framers: &[String]) -> Self {
        Self {
            frame_ancestors: with_self(framers.iter().map(String::as_str)),
            connect_src: with_self([]),
        }
    }

    /// The same policy for a page whose API is at `api_origin`
    /// (`https://api.example.com`), another origin than the page's.
    pub fn with_api_origin(self, api_origin: &str) -> Self {
        Self {
            connect_src: with_self([api_origin]),
            ..self
        }
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
             connect-src {}; frame-ancestors {}; base-uri 'self'; form-action 'self'; \
             object-src 'none'",
            self.connect_src, self.frame_ancestors
        )
    }
}

/// A source list: `'self'`, then `sources`.
fn with_self<'a>(sources: impl IntoIterator<Item = &'a str>) -> String {
    let mut list = "'self'".to_owned();
    for source in sources {
        list.push(' ');
        list.push_str(source);
    }
    list
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
        assert!(text.contains("connect-src 'self';"), "{text}");
        assert!(!text.contains("unsafe-inline") && !text.contains("'unsafe-eval'"));
    }

    #[test]
    fn an_api_on_another_origin_may_be_called_and_nothing_else_changes() {
        let same = MonitorPolicy::new(&[]);
        let cross = same.clone().with_api_origin("https://api.example.com");
        let text = cross.text(&[]);
        assert!(
            text.contains("connect-src 'self' https://api.example.com;"),
            "{text}"
        );
        assert_eq!(text.replace(" https://api.example.com", ""), same.text(&[]));
    }
}
