//! Finding the inline `<script>`s of an HTML page and their CSP hashes.
//!
//! Trunk writes its bootstrap (`import init … await init(…)`) into
//! `index.html` as an inline `<script type="module">`; a policy without
//! `'unsafe-inline'` runs it only if its hash is listed. This is a scanner
//! for what Trunk and hand-written pages contain, not a full HTML parser:
//! it knows quoted attributes, comments and that a script's body ends at
//! the first `</script`.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};

/// The `'sha256-…'` sources of every inline script in `html`, in document
/// order, without repeats. Scripts with `src` are covered by `'self'`.
pub fn script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    for body in inline_scripts(html) {
        let hash = source(body);
        if !hashes.contains(&hash) {
            hashes.push(hash);
        }
    }
    hashes
}

/// `'sha256-<base64>'` of a script body as the browser hashes it: after the
/// HTML parser turned CR LF and lone CR into LF.
fn source(body: &str) -> String {
    let normalized = body.replace("\r\n", "\n").replace('\r', "\n");
    let digest = Sha256::digest(normalized.as_bytes());
    format!("'sha256-{}'", STANDARD.encode(digest))
}

/// The bodies of the `<script>` elements without a `src` attribute.
fn inline_scripts(html: &str) -> Vec<&str> {
    // ASCII lowercasing keeps every byte offset, so positions found in
    // `lower` slice `html` at the same places (and on char boundaries,
    // since the needles are ASCII).
    let lower = html.to_ascii_lowercase();
    let mut scripts = Vec::new();
    let mut at = 0;
    while let Some(found) = lower[at..].find('<') {
        let start = at + found;
        let rest = &lower[start..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            at = comment
                .find("-->")
                .map_or(lower.len(), |e| start + 4 + e + 3);
            continue;
        }
        let opens_script = rest.starts_with("<script")
            && rest[7..].starts_with(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/');
        if !opens_script {
            at = start + 1;
            continue;
        }
        let Some((tag_end, has_src)) = scan_tag(&lower, start + 7) else {
            break;
        };
        let body_end = lower[tag_end..]
            .find("</script")
            .map_or(lower.len(), |e| tag_end + e);
        if !has_src {
            scripts.push(&html[tag_end..body_end]);
        }
        at = body_end;
    }
    scripts
}

/// Reads a start tag's attributes from `from` (just after the tag name):
/// where its body starts (after `>`) and whether it has a `src` attribute.
/// `None` when the tag never closes.
fn scan_tag(lower: &str, from: usize) -> Option<(usize, bool)> {
    let bytes = lower.as_bytes();
    let mut i = from;
    let mut has_src = false;
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if *bytes.get(i)? == b'>' {
            return Some((i + 1, has_src));
        }
        let name_start = i;
        while i < bytes.len()
            && !matches!(bytes[i], b'=' | b'>' | b'/')
            && !bytes[i].is_ascii_whitespace()
        {
            i += 1;
        }
        has_src |= &lower[name_start..i] == "src";
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        match bytes.get(i)? {
            quote @ (b'"' | b'\'') => {
                let close = lower[i + 1..].find(char::from(*quote))?;
                i += 1 + close + 1;
            }
            _ => {
                while i < bytes.len() && bytes[i] != b'>' && !bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_the_one_browsers_compute() {
        // The example of the CSP spec and MDN.
        assert_eq!(
            script_hashes("<script>alert('Hello, world.');</script>"),
            ["'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"]
        );
    }

    #[test]
    fn a_trunk_bootstrap_is_found_and_src_scripts_are_skipped() {
        let html = "<head>\n<script type=\"module\">\nimport init from '/a.js';\nawait init();\n</script>\n\
                    <script src=\"/b.js\" defer></script>\n<SCRIPT data-x='>'>two()</SCRIPT></head>";
        assert_eq!(
            inline_scripts(html),
            ["\nimport init from '/a.js';\nawait init();\n", "two()"]
        );
    }

    #[test]
    fn comments_lookalike_tags_and_repeats_do_not_add_hashes() {
        let html = "<!-- <script>old()</script> --><scripts>x</scripts><script>a()</script>\
                    <script>a()</script><noscript>n</noscript>";
        assert_eq!(script_hashes(html), [source("a()")]);
        assert!(script_hashes("<p>no scripts</p>").is_empty());
    }

    #[test]
    fn line_endings_are_normalized_like_the_html_parser_does() {
        assert_eq!(source("a()\r\nb()\rc()"), source("a()\nb()\nc()"));
    }

    #[test]
    fn unterminated_markup_does_not_panic() {
        for html in [
            "<script",
            "<script type=\"module",
            "<script>never closed",
            "<!-- open",
            "<script src=x",
        ] {
            let _ = script_hashes(html);
        }
        assert_eq!(inline_scripts("<script>never closed"), ["never closed"]);
    }
}
