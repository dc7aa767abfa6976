//! A plain static file host, as a CDN is to the monitor: it serves a folder
//! under a URL path with the response headers the folder's `_headers` file
//! names (the format Netlify and Cloudflare Pages read), sends a file's
//! `.br` or `.gz` copy to a client that accepts it, and answers a path with
//! no file with the folder's `index.html` (the usual SPA fallback setting).
//! It knows nothing of the monitor or of the demo backend: what
//! `cargo xtask dist` writes must work with just this.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tower_http::services::{ServeDir, ServeFile};

/// A listener bound before its folder exists, so its origin can go into
/// the API's CORS list and the folder's `config.json` first.
pub struct StaticHost {
    listener: TcpListener,
    addr: SocketAddr,
}

/// A host serving; stops when dropped.
pub struct Serving {
    addr: SocketAddr,
    task: JoinHandle<()>,
}

impl StaticHost {
    /// Binds a free port on 127.0.0.1.
    pub async fn bind() -> StaticHost {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a free port for the static host");
        let addr = listener.local_addr().expect("its address");
        StaticHost { listener, addr }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Serves `folder` at `base` (`/` or `/some/path/`), applying the rules
    /// of `folder/_headers`.
    pub fn serve(self, folder: &Path, base: &str) -> Serving {
        let headers = std::fs::read_to_string(folder.join("_headers")).unwrap_or_default();
        let index = ServeFile::new(folder.join("index.html"))
            .precompressed_br()
            .precompressed_gzip();
        let files = ServeDir::new(folder)
            .precompressed_br()
            .precompressed_gzip()
            .fallback(index);
        let prefix = base.trim_end_matches('/');
        let app = if prefix.is_empty() {
            Router::new().fallback_service(files)
        } else {
            Router::new().nest_service(prefix, files)
        };
        let app = app.layer(middleware::from_fn_with_state(
            Arc::new(parse(&headers)),
            apply,
        ));
        let task = tokio::spawn(async move {
            let _ = axum::serve(self.listener, app).await;
        });
        Serving {
            addr: self.addr,
            task,
        }
    }
}

impl Serving {
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// One block of `_headers`: a path (exact, or a prefix ending in `*`) and
/// the headers of the responses to it.
#[derive(Debug)]
struct Rule {
    path: String,
    headers: Vec<(HeaderName, HeaderValue)>,
}

impl Rule {
    fn matches(&self, path: &str) -> bool {
        match self.path.strip_suffix('*') {
            Some(prefix) => path.starts_with(prefix),
            None => path == self.path,
        }
    }
}

/// The rules of a `_headers` text: `#` comments, a path on its own line,
/// then its headers indented as `Name: value`. A line it cannot read fails
/// the test: a real host would reject the file or ignore the line.
fn parse(text: &str) -> Vec<Rule> {
    let mut rules: Vec<Rule> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if !line.starts_with(char::is_whitespace) {
            rules.push(Rule {
                path: trimmed.to_owned(),
                headers: Vec::new(),
            });
            continue;
        }
        let (name, value) = trimmed
            .split_once(':')
            .unwrap_or_else(|| panic!("_headers: not a header: {line:?}"));
        let rule = rules
            .last_mut()
            .unwrap_or_else(|| panic!("_headers: a header before any path: {line:?}"));
        rule.headers.push((
            HeaderName::try_from(name.trim()).expect("_headers: a header name"),
            HeaderValue::try_from(value.trim()).expect("_headers: a header value"),
        ));
    }
    rules
}

/// Middleware: every matching rule's headers on the response, replacing the
/// server's own. A header two matching rules set gets both values joined
/// with a comma, as Cloudflare Pages does (the stricter host: a folder
/// whose rules overlap shows it here).
async fn apply(State(rules): State<Arc<Vec<Rule>>>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let mut set: Vec<HeaderName> = Vec::new();
    for rule in rules.iter().filter(|r| r.matches(&path)) {
        for (name, value) in &rule.headers {
            let headers = response.headers_mut();
            let joined = match (set.contains(name), headers.get(name)) {
                (true, Some(earlier)) => {
                    let mut both = earlier.as_bytes().to_vec();
                    both.extend_from_slice(b", ");
                    both.extend_from_slice(value.as_bytes());
                    HeaderValue::from_bytes(&both).expect("joined header")
                }
                _ => value.clone(),
            };
            headers.insert(name.clone(), joined);
            set.push(name.clone());
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_read_like_netlify_and_cloudflare_read_them() {
        let rules = parse(
            "# comment\n/app/*\n  X-A: 1\n  X-B: two: parts\n\n/app/\n  Cache-Control: no-cache\n",
        );
        assert_eq!(rules.len(), 2);
        assert_eq!(rules[0].headers[1].1, "two: parts");
        assert!(rules[0].matches("/app/") && rules[0].matches("/app/x/y.js"));
        assert!(!rules[0].matches("/other/"));
        assert!(rules[1].matches("/app/") && !rules[1].matches("/app/index.html"));
    }
}
