//! The steps at one scale. Each phase gets a fresh backend and browser:
//!
//! 1. Frozen (`--rate 0`): load; main-thread time while idle, which is the
//!    1 s clock tick and nothing else; typing in the search box.
//! 2. Live (`--rate 200`): load (the figures reported); memory and DOM after
//!    load; main-thread busy share while events arrive; typing; the Status
//!    filter; memory samples until 5 minutes (`--quick`: 30 s) after load.

use std::time::Duration;

use demo_backend::Options;

use super::config::{Config, Scale};
use super::page::{Cpu, MemorySample, Page};
use super::probe::{LoadTimings, Recorded, View};
use super::stats::Summary;
use crate::start_backend;

/// Time to let the page settle after the first rows (late tasks, GC).
const SETTLE: Duration = Duration::from_secs(3);

/// Latency figures of one kind of interaction.
#[derive(Clone, Debug, Default)]
pub struct Interactions {
    /// Interactions recorded.
    pub count: usize,
    /// Key press or click → after the next paint.
    pub latency: Option<Summary>,
    /// The input/change event's dispatch → the app's handlers done.
    pub handling: Option<Summary>,
    /// The app's handlers done → after the next paint.
    pub to_paint: Option<Summary>,
    /// Interactions whose next paint was not seen.
    pub unpainted: usize,
    /// Interactions with an Event Timing duration ≥ 16 ms (the API reports no shorter ones).
    pub event_timing_slow: usize,
    /// The longest Event Timing duration seen.
    pub event_timing_max: f64,
}

impl Interactions {
    pub fn from_recorded(recorded: &Recorded, kind: &str) -> Interactions {
        let mine: Vec<_> = recorded
            .interactions
            .iter()
            .filter(|i| i.kind == kind)
            .collect();
        let mut slow: Vec<(u64, f64)> = Vec::new();
        for e in &recorded.events {
            let id = e.id as u64;
            match slow.iter_mut().find(|(i, _)| *i == id) {
                Some((_, d)) => *d = d.max(e.duration),
                None => slow.push((id, e.duration)),
            }
        }
        Interactions {
            count: mine.len(),
            latency: Summary::of(mine.iter().filter_map(|i| Some(i.paint? - i.start))),
            handling: Summary::of(mine.iter().filter_map(|i| Some(i.handled? - i.dispatch))),
            to_paint: Summary::of(mine.iter().filter_map(|i| Some(i.paint? - i.handled?))),
            unpainted: mine.iter().filter(|i| i.paint.is_none()).count(),
            event_timing_slow: slow.len(),
            event_timing_max: slow.iter().map(|(_, d)| *d).fold(0.0, f64::max),
        }
    }
}

/// Everything measured at one scale.
#[derive(Clone, Debug, Default)]
pub struct ScaleResult {
    pub scale: Scale,
    /// The live page's load.
    pub load: LoadTimings,
    /// The frozen page's load (for comparison).
    pub frozen_load: LoadTimings,
    /// The frozen page's frame interval (median), ms.
    pub frame_interval: f64,
    /// Frozen page left alone: the clock tick's cost.
    pub idle: Cpu,
    pub frozen_search: Interactions,
    /// Live page left alone: applying events (plus the tick).
    pub busy: Cpu,
    pub live_search: Interactions,
    pub live_filter: Interactions,
    /// Live page: from a change injected in the backend to the paint that
    /// shows it (ms), and how many were never seen painted.
    pub freshness: Option<Summary>,
    pub freshness_missed: usize,
    /// The live table after load.
    pub view: View,
    /// Live page: after load, then every `sample_every` until the soak ends.
    pub memory: Vec<MemorySample>,
}

fn backend(scale: Scale, rate: f64) -> Options {
    Options {
        conversations: scale.conversations,
        agents: scale.agents,
        rate,
        // The demo portal (a second origin embedding the monitor) is not measured.
        no_portal: true,
        ..Options::default()
    }
}

/// How long the first load may take before the run gives up.
fn patience(scale: Scale) -> Duration {
    Duration::from_secs(60 + (scale.conversations / 1000) as u64)
}

/// Runs both phases at `scale`; `log` reports progress.
pub async fn run(
    config: &Config,
    scale: Scale,
    log: &(dyn Fn(String) + Sync),
) -> Result<ScaleResult, String> {
    let label = scale.label();
    let mut result = ScaleResult {
        scale,
        ..ScaleResult::default()
    };

    log(format!("[{label}] frozen backend (rate 0): loading"));
    let server = start_backend(backend(scale, 0.0)).await;
    let page = Page::open(&server.base_url(), patience(scale)).await?;
    result.frozen_load = page.load_timings().await?;
    log(format!(
        "[{label}] frozen: first rows painted at {:.0} ms",
        result.frozen_load.first_rows.unwrap_or(f64::NAN)
    ));
    tokio::time::sleep(SETTLE).await;
    result.idle = page.cpu_over(config.tick_window).await?;
    log(format!(
        "[{label}] frozen: {:.2} ms main thread in the median second (tick), mean {:.2}",
        result.idle.median_second(),
        result.idle.ms_per_second()
    ));
    result.frame_interval = page.frame_interval().await?;
    let recorded = page.type_in_search(config.keystrokes, config.pause).await?;
    result.frozen_search = Interactions::from_recorded(&recorded, "search");
    log(format!(
        "[{label}] frozen: {} keystrokes typed",
        result.frozen_search.count
    ));
    drop(page);
    server.stop().await;

    log(format!(
        "[{label}] live backend (rate {}): loading",
        config.rate
    ));
    let server = start_backend(backend(scale, config.rate)).await;
    let page = Page::open(&server.base_url(), patience(scale)).await?;
    result.load = page.load_timings().await?;
    log(format!(
        "[{label}] live: first rows painted at {:.0} ms",
        result.load.first_rows.unwrap_or(f64::NAN)
    ));
    tokio::time::sleep(SETTLE).await;
    result.view = page.view().await?;
    result.memory.push(page.memory().await?);
    result.busy = page.cpu_over(config.busy_window).await?;
    log(format!(
        "[{label}] live: main thread busy {:.1} % over {:.0} s",
        result.busy.share() * 100.0,
        result.busy.wall
    ));
    let recorded = page.type_in_search(config.keystrokes, config.pause).await?;
    result.live_search = Interactions::from_recorded(&recorded, "search");
    let recorded = page
        .toggle_status_filter(config.toggles, config.pause * 2)
        .await?;
    result.live_filter = Interactions::from_recorded(&recorded, "filter");
    log(format!(
        "[{label}] live: {} keystrokes, {} filter changes",
        result.live_search.count, result.live_filter.count
    ));
    let (latencies, missed) = page.freshness(&server, config.freshness_samples).await?;
    result.freshness = Summary::of(latencies);
    result.freshness_missed = missed;
    log(format!(
        "[{label}] live: change → paint p50 / p95 {:.0} / {:.0} ms ({missed} not seen)",
        result.freshness.map_or(f64::NAN, |s| s.p50),
        result.freshness.map_or(f64::NAN, |s| s.p95),
    ));
    // Samples on whole multiples of `sample_every` after load, the last at the soak's end.
    let soak = config.soak.as_secs_f64();
    let every = config.sample_every.as_secs_f64();
    loop {
        let now = page.since_load();
        let at = if now >= soak {
            now
        } else {
            (((now / every).floor() + 1.0) * every).min(soak)
        };
        tokio::time::sleep(Duration::from_secs_f64((at - now).max(0.0))).await;
        let sample = page.memory().await?;
        log(format!(
            "[{label}] live: {:.0} s after load: JS heap {:.1} MB + wasm {:.1} MB",
            sample.at,
            sample.js_heap / 1e6,
            sample.wasm / 1e6
        ));
        result.memory.push(sample);
        if sample.at >= soak - 0.5 {
            break;
        }
    }
    drop(page);
    server.stop().await;
    Ok(result)
}
