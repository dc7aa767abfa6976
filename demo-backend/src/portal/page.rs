//! The HTML of the portal and hostile pages. Everything a script needs (the
//! monitor's URL and origin, the demo tokens) is in `data-` attributes and
//! `<option>`s, never in an inline script, so the pages run under a CSP
//! without `'unsafe-inline'`.

use std::fmt::Write as _;

use crate::auth::DEMO_TOKENS;

/// The languages the monitor speaks, as `(code, name)`; the first is the default.
const LANGUAGES: [(&str, &str); 3] = [
    ("es", "Español"),
    ("pt-BR", "Português (Brasil)"),
    ("en", "English"),
];

/// Where the monitor is: `origin` (`http://127.0.0.1:8080`) and `url`, the
/// SPA's address under its base path (`http://127.0.0.1:8080/monitor/`).
#[derive(Clone, Debug)]
pub struct Monitor {
    pub origin: String,
    pub url: String,
}

/// The demo portal: pickers, the embedded monitor and a log of the handshake.
pub fn portal(monitor: &Monitor) -> String {
    let mut profiles = String::new();
    for (token, profile) in DEMO_TOKENS {
        let name = profile.as_str();
        let _ = write!(
            profiles,
            r#"<option value="{}" data-profile="{}">{}</option>"#,
            escape(token),
            escape(name),
            escape(name)
        );
    }
    let mut languages = String::new();
    for (code, name) in LANGUAGES {
        let _ = write!(
            languages,
            r#"<option value="{}">{}</option>"#,
            escape(code),
            escape(name)
        );
    }
    format!(
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Demo portal · Operations Monitor</title>
<link rel="stylesheet" href="/portal.css">
<script src="/portal.js" defer></script>
</head>
<body data-monitor-origin="{origin}" data-monitor-url="{url}">
<header class="bar">
<strong>Demo portal</strong>
<label>Profile <select id="profile">{profiles}</select></label>
<label>Language <select id="language">{languages}</select></label>
<label>Theme <select id="theme"><option value="light">Light</option><option value="dark">Dark</option></select></label>
</header>
<iframe id="monitor" title="Operations Monitor"></iframe>
<section aria-labelledby="log-title">
<h2 id="log-title">Handshake</h2>
<ol id="handshake-log" aria-label="Handshake log"></ol>
</section>
</body>
</html>
"#,
        origin = escape(&monitor.origin),
        url = escape(&monitor.url),
    )
}

/// A page on an origin the monitor does not allow, which embeds it and
/// keeps posting it a valid token: the monitor must ignore every one.
pub fn hostile(monitor: &Monitor, token: &str) -> String {
    format!(
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Not an allowed portal</title>
<link rel="stylesheet" href="/portal.css">
<script src="/hostile.js" defer></script>
</head>
<body data-monitor-origin="{origin}" data-monitor-url="{url}" data-token="{token}">
<h1>Not an allowed portal</h1>
<p id="hostile-status" role="status">No token posted yet</p>
<iframe id="monitor" title="Operations Monitor"></iframe>
</body>
</html>
"#,
        origin = escape(&monitor.origin),
        url = escape(&monitor.url),
        token = escape(token),
    )
}

/// Escapes text for HTML content and quoted attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn monitor() -> Monitor {
        Monitor {
            origin: "http://127.0.0.1:8080".into(),
            url: "http://127.0.0.1:8080/monitor/".into(),
        }
    }

    #[test]
    fn portal_offers_every_demo_profile_and_language_and_has_no_inline_script() {
        let html = portal(&monitor());
        for (token, profile) in DEMO_TOKENS {
            let option = format!(
                r#"<option value="{token}" data-profile="{}">"#,
                profile.as_str()
            );
            assert!(html.contains(&option), "{option}");
        }
        for (code, _) in LANGUAGES {
            assert!(html.contains(&format!(r#"<option value="{code}">"#)));
        }
        assert!(html.contains(r#"data-monitor-url="http://127.0.0.1:8080/monitor/""#));
        assert_eq!(
            html.matches("<script").count(),
            html.matches("<script src=").count()
        );
    }

    #[test]
    fn attribute_values_are_escaped() {
        assert_eq!(escape(r#"a"b<c>&'"#), "a&quot;b&lt;c&gt;&amp;&#39;");
        let html = hostile(&monitor(), r#""><script>x()</script>"#);
        assert!(!html.contains("<script>x()"));
    }
}
