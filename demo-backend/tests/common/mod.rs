//! Helpers shared by the end-to-end tests of the demo backend.

// Each test file uses a different subset of these helpers.
#![allow(dead_code)]

pub mod encoding;

use std::time::Duration;

use demo_backend::{Options, Server};
use serde::de::DeserializeOwned;

/// Longest wait for any single thing in a test; a hang fails instead of blocking.
pub const PATIENCE: Duration = Duration::from_secs(5);

pub const ADMIN: &str = "demo-admin";
pub const AGENT: &str = "demo-agent";

/// A server whose simulation changes only when a test injects something.
pub async fn frozen() -> Server {
    frozen_with(Options::default()).await
}

/// A frozen server (rate 0) on a free port with these options.
pub async fn frozen_with(options: Options) -> Server {
    spawn(Options {
        rate: 0.0,
        ..options
    })
    .await
}

/// A server on a free port with these options; its portal, unless turned
/// off, on another free port (tests run in parallel).
pub async fn spawn(options: Options) -> Server {
    demo_backend::spawn(Options {
        port: 0,
        portal_port: 0,
        ..options
    })
    .await
    .expect("server starts")
}

/// GETs an absolute `url` without following redirects.
pub async fn get_url(url: &str) -> reqwest::Response {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    tokio::time::timeout(PATIENCE, client.get(url).send())
        .await
        .expect("response in time")
        .expect("request sent")
}

/// A response header as text ("" when absent).
pub fn header<'a>(response: &'a reqwest::Response, name: &str) -> &'a str {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

pub async fn get(server: &Server, path: &str, token: Option<&str>) -> reqwest::Response {
    let mut request = reqwest::Client::new().get(format!("{}{path}", server.base_url()));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    tokio::time::timeout(PATIENCE, request.send())
        .await
        .expect("response in time")
        .expect("request sent")
}

/// GETs `path` with these request headers besides the token, if any.
pub async fn get_with(
    server: &Server,
    path: &str,
    token: Option<&str>,
    headers: &[(&str, &str)],
) -> reqwest::Response {
    let mut request = reqwest::Client::new().get(format!("{}{path}", server.base_url()));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    tokio::time::timeout(PATIENCE, request.send())
        .await
        .expect("response in time")
        .expect("request sent")
}

/// POSTs `body` as JSON to `path` as `token`, with this `Idempotency-Key` if any.
pub async fn post(
    server: &Server,
    path: &str,
    token: &str,
    key: Option<&str>,
    body: &serde_json::Value,
) -> reqwest::Response {
    let mut request = reqwest::Client::new()
        .post(format!("{}{path}", server.base_url()))
        .bearer_auth(token)
        .json(body);
    if let Some(key) = key {
        request = request.header("Idempotency-Key", key);
    }
    tokio::time::timeout(PATIENCE, request.send())
        .await
        .expect("response in time")
        .expect("request sent")
}

/// Asserts a problem+json response with this status; returns its detail.
pub async fn problem(response: reqwest::Response, status: u16) -> String {
    assert_eq!(response.status(), status);
    assert_eq!(content_type(&response), "application/problem+json");
    let problem: monitor_core::wire::Problem = response.json().await.expect("problem body");
    assert_eq!(problem.status, status);
    problem.detail.unwrap_or_default()
}

/// The state everyone sees, minus the clock: the active conversations and the
/// agents with the stream sequence. Equal before and after means nothing
/// changed and nothing was streamed.
pub async fn observable_state(server: &Server) -> (serde_json::Value, serde_json::Value) {
    let mut parts = Vec::new();
    for path in ["/api/v1/monitor/conversations", "/api/v1/monitor/agents"] {
        let mut value: serde_json::Value = get_json(server, path, ADMIN).await;
        value.as_object_mut().expect("object").remove("server_time");
        parts.push(value);
    }
    let agents = parts.pop().unwrap_or_default();
    (parts.pop().unwrap_or_default(), agents)
}

/// GETs `path` and decodes a 200 JSON body.
pub async fn get_json<T: DeserializeOwned>(server: &Server, path: &str, token: &str) -> T {
    let response = get(server, path, Some(token)).await;
    assert_eq!(response.status(), 200, "GET {path}");
    response.json().await.expect("JSON body")
}

/// The server's current stream sequence (a run starts far above 0).
pub async fn sequence(server: &Server) -> u64 {
    let snapshot: monitor_core::wire::ConversationsSnapshot =
        get_json(server, "/api/v1/monitor/conversations", ADMIN).await;
    snapshot.sequence
}

pub fn content_type(response: &reqwest::Response) -> &str {
    response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

/// One received server-sent event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SseEvent {
    pub event: String,
    pub id: Option<String>,
    pub data: String,
}

impl SseEvent {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.data).expect("event data is JSON")
    }
}

/// A minimal SSE client over a streaming response.
pub struct SseReader {
    pub response: reqwest::Response,
    buffer: String,
}

impl SseReader {
    pub async fn connect(server: &Server, token: &str, last_event_id: Option<&str>) -> Self {
        let mut request = reqwest::Client::new()
            .get(format!("{}/api/v1/monitor/events", server.base_url()))
            .bearer_auth(token);
        if let Some(id) = last_event_id {
            request = request.header("Last-Event-ID", id);
        }
        let response = tokio::time::timeout(PATIENCE, request.send())
            .await
            .expect("stream opens in time")
            .expect("stream request sent");
        Self::from_response(response)
    }

    /// Reads the stream of a response already received (a stream opened
    /// with other headers than [`SseReader::connect`] sends).
    pub fn from_response(response: reqwest::Response) -> Self {
        assert_eq!(response.status(), 200);
        Self {
            response,
            buffer: String::new(),
        }
    }

    /// The next event, or `None` when the stream ended.
    pub async fn next_or_end(&mut self) -> Option<SseEvent> {
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                if let Some(event) = parse(&block) {
                    return Some(event);
                }
                continue;
            }
            let chunk = tokio::time::timeout(PATIENCE, self.response.chunk())
                .await
                .expect("an event in time")
                .expect("stream readable")?;
            self.buffer
                .push_str(std::str::from_utf8(&chunk).expect("UTF-8 stream"));
        }
    }

    /// Whether the stream ends before its next change (heartbeats skipped).
    pub async fn ends(&mut self) -> bool {
        loop {
            match self.next_or_end().await {
                None => return true,
                Some(event) if event.event == "heartbeat" => continue,
                Some(_) => return false,
            }
        }
    }

    pub async fn next(&mut self) -> SseEvent {
        self.next_or_end().await.expect("stream still open")
    }

    /// The next event that is not a heartbeat.
    pub async fn next_change(&mut self) -> SseEvent {
        loop {
            let event = self.next().await;
            if event.event != "heartbeat" {
                return event;
            }
        }
    }
}

fn parse(block: &str) -> Option<SseEvent> {
    let mut event = SseEvent {
        event: "message".into(),
        id: None,
        data: String::new(),
    };
    let mut any = false;
    for line in block.lines() {
        let Some((field, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.strip_prefix(' ').unwrap_or(value);
        match field {
            "event" => event.event = value.to_owned(),
            "id" => event.id = Some(value.to_owned()),
            "data" => {
                if !event.data.is_empty() {
                    event.data.push('\n');
                }
                event.data.push_str(value);
            }
            _ => continue, // comments (empty field name) and retry
        }
        any = true;
    }
    any.then_some(event)
}

/// A fast-forwarded operation (a high rate runs its clock fast), stopped
/// once the day has records of every kind.
pub async fn operation_with_a_history() -> Server {
    let server = spawn(Options {
        rate: 1_000.0,
        ..Options::default()
    })
    .await;
    let deadline = tokio::time::Instant::now() + PATIENCE * 3;
    loop {
        let (waits, handles) = server.day_records();
        let abandoned = waits
            .iter()
            .any(|w| w.outcome == monitor_core::kpi::WaitOutcome::Abandoned);
        if abandoned && handles.len() >= 20 {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no history yet: {} waits, {} services",
            waits.len(),
            handles.len()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    server.pause_simulation(true);
    // A tick that was under way when the pause came ends first.
    tokio::time::sleep(Duration::from_millis(300)).await;
    server
}
