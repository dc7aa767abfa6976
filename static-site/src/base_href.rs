//! Gives `index.html` a `<base href>` naming the SPA's base path, unless it
//! has one. A build with relative asset URLs (Trunk's `public_url = "./"`,
//! the one build that works under any sub-path) would otherwise resolve
//! them against a deep link's directory: `/monitor/conversations/c-1` would
//! load `/monitor/conversations/app.js`, a 404, and a blank page. With the
//! base element every relative URL (assets, `config.json`) resolves against
//! the base path, from any depth. This is what a CDN deployment does to its
//! copy of the file; the SPA can read its base path from `document.baseURI`.

use std::borrow::Cow;

/// `html` with `<base href="{dir}">` first in its head, unless it already
/// has a base element (then the page knows best and is left alone). `dir`
/// is a validated base path (`/` or `/monitor/`): nothing to escape.
pub fn with_base_href<'a>(html: &'a str, dir: &str) -> Cow<'a, str> {
    let lower = html.to_ascii_lowercase();
    if find_tag(&lower, "base").is_some() {
        return Cow::Borrowed(html);
    }
    // After `<head …>`, else after the doctype, else first: the base
    // element must come before anything with a URL in it.
    let at = ["head", "!doctype"]
        .iter()
        .find_map(|tag| {
            let start = find_tag(&lower, tag)?;
            lower[start..].find('>').map(|end| start + end + 1)
        })
        .unwrap_or(0);
    let mut out = String::with_capacity(html.len() + dir.len() + 16);
    out.push_str(&html[..at]);
    out.push_str(&format!("<base href=\"{dir}\">"));
    out.push_str(&html[at..]);
    Cow::Owned(out)
}

/// Where the start tag `<name` is in lowercased `html` (`<head`, not `<header`).
fn find_tag(lower: &str, name: &str) -> Option<usize> {
    let needle = format!("<{name}");
    let mut from = 0;
    while let Some(found) = lower[from..].find(&needle) {
        let start = from + found;
        let after = &lower[start + needle.len()..];
        if after.is_empty()
            || after.starts_with(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
        {
            return Some(start);
        }
        from = start + needle.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_goes_first_in_the_head() {
        let html = "<!DOCTYPE html>\n<html><head>\n<meta charset=\"utf-8\"><script type=\"module\">import './a.js';</script></head></html>";
        assert_eq!(
            with_base_href(html, "/monitor/"),
            "<!DOCTYPE html>\n<html><head><base href=\"/monitor/\">\n<meta charset=\"utf-8\"><script type=\"module\">import './a.js';</script></head></html>"
        );
    }

    #[test]
    fn without_a_head_it_follows_the_doctype_or_starts_the_page() {
        assert_eq!(
            with_base_href("<!doctype html><title>T</title>", "/"),
            "<!doctype html><base href=\"/\"><title>T</title>"
        );
        assert_eq!(
            with_base_href("<title>T</title>", "/"),
            "<base href=\"/\"><title>T</title>"
        );
    }

    #[test]
    fn a_page_with_its_own_base_is_left_alone_and_header_is_not_head() {
        let own = "<head><BASE href=\"https://cdn.example/app/\"></head>";
        assert!(matches!(with_base_href(own, "/"), Cow::Borrowed(_)));
        let header = "<body><header>x</header></body>";
        assert_eq!(
            with_base_href(header, "/"),
            "<base href=\"/\"><body><header>x</header></body>"
        );
    }
}
