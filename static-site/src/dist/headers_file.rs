//! The `_headers` file: each response's headers by URL path, in the format
//! Netlify and Cloudflare Pages read from the root of the published folder
//! (other hosts: the same headers on the same paths, see docs/deploying.md).
//!
//! Hosts disagree on what happens when two rules set the same header for
//! one path (Cloudflare joins the values with a comma, which would make
//! `no-cache, public, max-age=…` of an asset), so every header here comes
//! from exactly one rule per path: the policy and `nosniff` from one rule
//! over the whole base path (deep links are pages too), and
//! `Cache-Control` from one rule per file.

use std::fmt::Write;

use crate::{cache, BasePath, NOSNIFF};

/// What the file says.
pub struct Rules<'a> {
    pub base: &'a BasePath,
    /// The Content-Security-Policy, with the bootstrap's hash.
    pub policy: &'a str,
    /// Every published file, relative to the folder (`index.html`,
    /// `ops-monitor-….js`), with `/` between directories; not their `.br`
    /// and `.gz` copies, which a host sends under the original's path.
    pub files: &'a [String],
}

/// The `_headers` text.
pub fn render(rules: &Rules<'_>) -> String {
    let dir = rules.base.dir();
    let mut text = format!(
        "# Response headers of the Operations Monitor published at {dir}\n\
         # (`cargo xtask dist`). Each header comes from one rule per path.\n\n"
    );
    let _ = write!(
        text,
        "{dir}*\n  Content-Security-Policy: {}\n  X-Content-Type-Options: {NOSNIFF}\n\n",
        rules.policy
    );
    // The folder's own URL is index.html under another name.
    let _ = write!(text, "{dir}\n  Cache-Control: {}\n", cache::REVALIDATE);
    for file in rules.files {
        let _ = write!(
            text,
            "{dir}{file}\n  Cache-Control: {}\n",
            cache::cache_control(file)
        );
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_for_everything_under_the_base_and_one_cache_rule_per_file() {
        let base = BasePath::parse("/ops/monitor").unwrap();
        let files = [
            "index.html".to_owned(),
            "config.json".to_owned(),
            "ops-monitor-9f86d081884c7d65_bg.wasm".to_owned(),
        ];
        let text = render(&Rules {
            base: &base,
            policy: "default-src 'self'",
            files: &files,
        });
        let rules = text.split("\n/").skip(1).collect::<Vec<_>>();
        assert_eq!(
            rules,
            [
                "ops/monitor/*\n  Content-Security-Policy: default-src 'self'\n  X-Content-Type-Options: nosniff\n",
                "ops/monitor/\n  Cache-Control: no-cache",
                "ops/monitor/index.html\n  Cache-Control: no-cache",
                "ops/monitor/config.json\n  Cache-Control: no-cache",
                "ops/monitor/ops-monitor-9f86d081884c7d65_bg.wasm\n  Cache-Control: public, max-age=31536000, immutable\n",
            ]
        );
        assert!(text
            .lines()
            .all(|l| l.starts_with(['#', '/', ' ']) || l.is_empty()));
    }
}
