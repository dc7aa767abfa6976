//! Chrome DevTools protocol commands, sent through chromedriver's
//! `POST /session/{id}/goog/cdp/execute` on the WebDriver session we already
//! have (commands only: chromedriver does not forward CDP events).

use std::collections::HashMap;

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::Client;
use serde_json::{json, Value};

/// One CDP command.
#[derive(Debug)]
struct Execute {
    cmd: &'static str,
    params: Value,
}

impl WebDriverCompatibleCommand for Execute {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        let session = session_id.unwrap_or_default();
        base_url.join(&format!("session/{session}/goog/cdp/execute"))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "cmd": self.cmd, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}

/// Runs `cmd` with `params` and returns its result object.
pub async fn execute(client: &Client, cmd: &'static str, params: Value) -> Result<Value, String> {
    client
        .issue_cmd(Execute { cmd, params })
        .await
        .map_err(|e| format!("CDP {cmd}: {e}"))
}

/// `Performance.getMetrics`: the renderer's counters (seconds for durations).
#[derive(Clone, Debug, Default)]
pub struct Metrics(HashMap<String, f64>);

impl Metrics {
    pub fn get(&self, name: &str) -> f64 {
        self.0.get(name).copied().unwrap_or(0.0)
    }

    /// `later - self` for one counter.
    pub fn delta(&self, later: &Metrics, name: &str) -> f64 {
        later.get(name) - self.get(name)
    }
}

/// Starts the Performance domain (needed once before [`metrics`]).
pub async fn enable_performance(client: &Client) -> Result<(), String> {
    execute(client, "Performance.enable", json!({}))
        .await
        .map(drop)
}

pub async fn metrics(client: &Client) -> Result<Metrics, String> {
    let value = execute(client, "Performance.getMetrics", json!({})).await?;
    let list = value
        .get("metrics")
        .and_then(Value::as_array)
        .ok_or_else(|| format!("Performance.getMetrics: unexpected answer {value}"))?;
    Ok(Metrics(
        list.iter()
            .filter_map(|m| {
                Some((
                    m.get("name")?.as_str()?.to_owned(),
                    m.get("value")?.as_f64()?,
                ))
            })
            .collect(),
    ))
}

/// Runs a full garbage collection in the page (before a memory reading).
pub async fn collect_garbage(client: &Client) -> Result<(), String> {
    execute(client, "HeapProfiler.collectGarbage", json!({}))
        .await
        .map(drop)
}

/// Bytes of the V8 heap in use (`Runtime.getHeapUsage`: JS objects; the
/// wasm linear memory is an external backing store, not counted here).
pub async fn js_heap_used(client: &Client) -> Result<f64, String> {
    let value = execute(client, "Runtime.getHeapUsage", json!({})).await?;
    value
        .get("usedSize")
        .and_then(Value::as_f64)
        .ok_or_else(|| format!("Runtime.getHeapUsage: unexpected answer {value}"))
}

/// Live DOM nodes of the renderer (`Memory.getDOMCounters`, text nodes included).
pub async fn dom_nodes(client: &Client) -> Result<f64, String> {
    let value = execute(client, "Memory.getDOMCounters", json!({})).await?;
    value
        .get("nodes")
        .and_then(Value::as_f64)
        .ok_or_else(|| format!("Memory.getDOMCounters: unexpected answer {value}"))
}

/// Runs `source` at the start of every document this tab loads, before the page's scripts.
pub async fn on_new_document(client: &Client, source: &str) -> Result<(), String> {
    execute(
        client,
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": source }),
    )
    .await
    .map(drop)
}

/// Empties the HTTP cache, so the next load fetches and compiles everything.
pub async fn clear_cache(client: &Client) -> Result<(), String> {
    execute(client, "Network.clearBrowserCache", json!({}))
        .await
        .map(drop)
}
