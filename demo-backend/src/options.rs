//! Command-line options of the demo backend (also the library's configuration).

use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;

use monitor_core::config::LiveMode;
use monitor_core::thresholds::WaitThresholds;
use monitor_core::wire::Timestamp;

use static_site::BasePath;

use crate::cross_origin;
use crate::faults::Faults;

/// How to run the demo backend.
#[derive(clap::Parser, Clone, Debug)]
#[command(
    name = "demo-backend",
    about = "Operations Monitor demo backend (REST + SSE)"
)]
pub struct Options {
    /// TCP port to listen on (0 = any free port).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Address to bind.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Seed of the simulation: the same seed yields the same initial state.
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// Active conversations: the initial count, and the size of the
    /// operation (its arrival rate keeps about this many open at the
    /// planned load).
    #[arg(long, default_value_t = 300)]
    pub conversations: usize,
    /// The roster of simulated agents; their capacities are sized to serve
    /// `--conversations` at a calm occupancy.
    #[arg(long, default_value_t = 40)]
    pub agents: usize,
    /// Simulated changes per second (0 = frozen: nothing changes by itself).
    /// When it is too low to carry the operation's arrivals and ends, the
    /// operation runs in slow motion instead.
    #[arg(long, default_value_t = 5.0)]
    pub rate: f64,
    /// Arrivals over what the staffing was planned for: 1 is a calm day,
    /// 1.3 an overloaded one (queues grow, customers give up).
    #[arg(long, default_value_t = 1.0, value_parser = parse_load)]
    pub load: f64,
    /// Built SPA (`dist/`) to serve at `/`, with deep links falling back to its index.html.
    #[arg(long)]
    pub static_dir: Option<PathBuf>,
    /// Seconds between `heartbeat` events on the change stream (0 = none).
    #[arg(long, default_value_t = 15)]
    pub heartbeat_secs: u64,
    /// Port of the demo portal: a second origin whose page embeds the monitor
    /// in an iframe and hands it a token (0 = any free port).
    #[arg(long, default_value_t = 8081)]
    pub portal_port: u16,
    /// Do not start the demo portal (the monitor then allows no parent origin).
    #[arg(long)]
    pub no_portal: bool,
    /// Test only: port of a page on a third origin that embeds the monitor
    /// and posts it a token without being an allowed parent (0 = any free
    /// port). Off unless given.
    #[arg(long)]
    pub hostile_port: Option<u16>,
    /// Path prefix of the SPA, its deep links and its config.json (the API
    /// stays at /api/v1).
    #[arg(long, default_value = "/", value_parser = parse_base_path)]
    pub base_path: BasePath,
    /// An origin (`https://cdn.example.com`) whose pages may call the API:
    /// where the SPA is served from when it is not this backend (a CDN).
    /// Repeatable; none by default.
    #[arg(long = "cors-origin", value_parser = cross_origin::parse_origin)]
    pub cors_origins: Vec<String>,
    /// How the monitor learns about changes, as config.json tells it: sse or poll.
    #[arg(long, default_value = "sse", value_parser = parse_live_mode)]
    pub live_mode: LiveMode,
    /// Milliseconds between snapshot reloads in poll mode, as config.json tells it.
    #[arg(long, default_value_t = 5000, value_parser = clap::value_parser!(u32).range(500..))]
    pub poll_interval_ms: u32,
    /// Milliseconds between the SPA's polls of the indicators and trends,
    /// as config.json tells it.
    #[arg(long, default_value_t = 15_000, value_parser = clap::value_parser!(u32).range(1000..))]
    pub indicators_interval_ms: u32,
    /// Milliseconds the SPA waits for any answer before aborting the
    /// request and saying so, as config.json tells it.
    #[arg(long, default_value_t = 30_000, value_parser = clap::value_parser!(u32).range(1000..))]
    pub request_timeout_ms: u32,
    /// Wait thresholds for config.json, as JSON (`{"queue": {"warning_secs":
    /// 60, "critical_secs": 120}, "departments": {…}}`); the defaults otherwise.
    #[arg(long, default_value = "{}", value_parser = parse_thresholds)]
    pub wait_thresholds: WaitThresholds,
    /// Start the simulation's clock at this instant (RFC 3339, e.g.
    /// `2026-03-01T23:59:30Z`) instead of the real time; it then runs at
    /// real speed. For demos and tests of what happens around midnight.
    #[arg(long, value_parser = parse_instant)]
    pub start_at: Option<Timestamp>,
    /// Faults to inject from the start (none by default); switchable later
    /// through [`crate::Server::set_faults`].
    #[command(flatten)]
    pub faults: Faults,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            port: 8080,
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            seed: 7,
            conversations: 300,
            agents: 40,
            rate: 5.0,
            load: 1.0,
            static_dir: None,
            heartbeat_secs: 15,
            portal_port: 8081,
            no_portal: false,
            hostile_port: None,
            base_path: BasePath::default(),
            cors_origins: Vec::new(),
            live_mode: LiveMode::Sse,
            poll_interval_ms: 5000,
            request_timeout_ms: 30_000,
            indicators_interval_ms: 15_000,
            wait_thresholds: WaitThresholds::default(),
            start_at: None,
            faults: Faults::default(),
        }
    }
}

/// A base path as anywhere, except under `/api`: the API owns it, so an SPA
/// there would never be reached.
fn parse_base_path(value: &str) -> Result<BasePath, String> {
    let base = BasePath::parse(value)?;
    if base.prefix().split('/').nth(1) == Some("api") {
        return Err(format!("{value:?} is under /api, which the API owns"));
    }
    Ok(base)
}

fn parse_load(value: &str) -> Result<f64, String> {
    match value.parse::<f64>() {
        Ok(load) if load.is_finite() && (0.1..=5.0).contains(&load) => Ok(load),
        _ => Err(format!("{value:?} is not a load between 0.1 and 5")),
    }
}

fn parse_thresholds(value: &str) -> Result<WaitThresholds, String> {
    let thresholds: WaitThresholds =
        serde_json::from_str(value).map_err(|e| format!("wait thresholds: {e}"))?;
    thresholds.check()?;
    Ok(thresholds)
}

fn parse_instant(value: &str) -> Result<Timestamp, String> {
    chrono::DateTime::parse_from_rfc3339(value)
        .map(|at| at.to_utc())
        .map_err(|e| {
            format!("{value:?} is not an RFC 3339 instant (like 2026-03-01T23:59:30Z): {e}")
        })
}

fn parse_live_mode(value: &str) -> Result<LiveMode, String> {
    match value.to_ascii_lowercase().as_str() {
        "sse" => Ok(LiveMode::Sse),
        "poll" => Ok(LiveMode::Poll),
        _ => Err(format!("{value:?} is neither sse nor poll")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[test]
    fn default_matches_the_command_line_defaults() {
        let parsed = Options::parse_from(["demo-backend"]);
        let default = Options::default();
        assert_eq!(format!("{parsed:?}"), format!("{default:?}"));
    }

    #[test]
    fn embedding_and_runtime_flags_parse() {
        let parsed = Options::try_parse_from([
            "demo-backend",
            "--no-portal",
            "--hostile-port",
            "0",
            "--base-path",
            "/monitor/",
            "--live-mode",
            "poll",
            "--poll-interval-ms",
            "2000",
        ])
        .unwrap();
        assert!(parsed.no_portal);
        assert_eq!(parsed.hostile_port, Some(0));
        assert_eq!(parsed.base_path.prefix(), "/monitor");
        assert_eq!(parsed.live_mode, LiveMode::Poll);
        assert_eq!(parsed.poll_interval_ms, 2000);
    }

    #[test]
    fn a_base_path_that_only_starts_like_the_api_and_cors_origins_parse() {
        let parsed = Options::try_parse_from([
            "demo-backend",
            "--base-path",
            "/apis",
            "--cors-origin",
            "https://cdn.example.com",
            "--cors-origin",
            "http://127.0.0.1:8000",
        ])
        .unwrap();
        assert_eq!(parsed.base_path.prefix(), "/apis");
        assert_eq!(
            parsed.cors_origins,
            ["https://cdn.example.com", "http://127.0.0.1:8000"]
        );
    }

    #[test]
    fn the_clock_can_start_at_a_chosen_instant_in_any_offset() {
        let parsed =
            Options::try_parse_from(["demo-backend", "--start-at", "2026-03-01T20:59:30-03:00"])
                .unwrap();
        assert_eq!(
            parsed.start_at,
            Some("2026-03-01T23:59:30Z".parse().unwrap())
        );
        assert_eq!(Options::default().start_at, None);
    }

    #[test]
    fn wait_thresholds_parse_from_json_and_wrong_ones_are_refused() {
        let parsed = Options::try_parse_from([
            "demo-backend",
            "--wait-thresholds",
            r#"{"departments": {"d-01": {"queue": {"warning_secs": 5, "critical_secs": 9}}}}"#,
        ])
        .unwrap();
        let vip = parsed
            .wait_thresholds
            .departments
            .get("d-01")
            .and_then(|d| d.queue);
        assert_eq!(vip.map(|l| l.critical_secs), Some(9));
        for bad in [
            r#"{"queue": {"warning_secs": 9, "critical_secs": 5}}"#,
            r#"{"queu": {}}"#,
            "not json",
        ] {
            assert!(
                Options::try_parse_from(["demo-backend", "--wait-thresholds", bad]).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn values_the_monitor_would_reject_are_refused_at_the_command_line() {
        for bad in [
            &["--live-mode", "websocket"][..],
            &["--poll-interval-ms", "100"],
            &["--base-path", "/api"],
            &["--base-path", "/api/ui"],
            &["--cors-origin", "https://cdn.example.com/monitor/"],
            &["--start-at", "tomorrow"],
            &["--start-at", "2026-03-01 23:59"],
            &["--load", "0"],
            &["--load", "busy"],
            &["--load", "NaN"],
        ] {
            let args = std::iter::once("demo-backend").chain(bad.iter().copied());
            assert!(Options::try_parse_from(args).is_err(), "{bad:?} accepted");
        }
    }
}
