//! `config.json`, fetched once at start from next to `index.html` (so a
//! build served under a sub-path finds its own). Nothing environment-specific
//! is compiled in.

use gloo_net::http::Request;
use leptos::prelude::*;
use monitor_core::config::Config;

/// Fetches and checks the configuration; the error names what is wrong.
pub async fn load_config() -> Result<Config, String> {
    let response = Request::get("config.json")
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|e| format!("config.json could not be fetched: {e}"))?;
    if !response.ok() {
        return Err(format!(
            "config.json could not be fetched: HTTP {}",
            response.status()
        ));
    }
    let text = response
        .text()
        .await
        .map_err(|e| format!("config.json could not be read: {e}"))?;
    Config::parse(&text).map_err(|e| e.to_string())
}

/// The configuration, in context once loaded.
pub fn use_config() -> Config {
    expect_context::<Config>()
}
