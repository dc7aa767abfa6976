//! The path prefix the SPA is served under (`/monitor/`): by the demo
//! backend (`--base-path`) and on a CDN (`cargo xtask dist -- --base-path`).

use std::fmt;

/// A validated prefix: `/` or `/segment[/segment…]` without a trailing slash.
/// Only unreserved URL characters, so it needs no escaping anywhere (paths,
/// `Location` headers, HTML attributes).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BasePath {
    /// `""` for the root, otherwise `/monitor` (no trailing slash).
    prefix: String,
}

impl BasePath {
    /// Parses a command-line value; `/monitor/` and `/monitor` are the same.
    pub fn parse(value: &str) -> Result<Self, String> {
        let Some(rest) = value.strip_prefix('/') else {
            return Err(format!("{value:?} must start with /"));
        };
        if rest.is_empty() {
            return Ok(Self::default());
        }
        let rest = rest.strip_suffix('/').unwrap_or(rest);
        for segment in rest.split('/') {
            let plain = segment
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~'));
            if segment.is_empty() || segment == "." || segment == ".." || !plain {
                return Err(format!(
                    "{value:?}: each segment must be letters, digits, - _ . or ~ (not . or ..)"
                ));
            }
        }
        Ok(Self {
            prefix: format!("/{rest}"),
        })
    }

    pub fn is_root(&self) -> bool {
        self.prefix.is_empty()
    }

    /// `""` at the root, else `/monitor`: what to put before `/config.json`.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// The SPA's own URL path: `/` or `/monitor/`. The trailing slash matters:
    /// relative URLs in the page resolve against it.
    pub fn dir(&self) -> String {
        format!("{}/", self.prefix)
    }

    /// What follows `<prefix>/` in `path` (`""` for the SPA's root), or `None`
    /// when `path` is outside the prefix.
    pub fn strip<'a>(&self, path: &'a str) -> Option<&'a str> {
        path.strip_prefix(self.prefix.as_str())?.strip_prefix('/')
    }
}

impl fmt::Display for BasePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.dir())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_and_trailing_slashes_normalize() {
        assert!(BasePath::parse("/").unwrap().is_root());
        let monitor = BasePath::parse("/monitor/").unwrap();
        assert_eq!(monitor, BasePath::parse("/monitor").unwrap());
        assert_eq!(
            (monitor.prefix(), monitor.dir().as_str()),
            ("/monitor", "/monitor/")
        );
        assert_eq!(BasePath::parse("/ops/v2").unwrap().prefix(), "/ops/v2");
    }

    #[test]
    fn unsafe_or_ambiguous_prefixes_are_refused() {
        for bad in [
            "", "monitor", "//", "/a//b", "/..", "/a/./b", "/a b", "/a?x", "/%2e",
        ] {
            assert!(BasePath::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn strip_yields_the_path_inside_the_prefix_only() {
        let monitor = BasePath::parse("/monitor").unwrap();
        assert_eq!(monitor.strip("/monitor/"), Some(""));
        assert_eq!(monitor.strip("/monitor/a/b.js"), Some("a/b.js"));
        assert_eq!(monitor.strip("/monitor"), None);
        assert_eq!(monitor.strip("/monitorx/a"), None);
        assert_eq!(monitor.strip("/a"), None);
        assert_eq!(BasePath::default().strip("/a.js"), Some("a.js"));
    }
}
