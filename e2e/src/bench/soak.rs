//! `cargo xtask soak`: the monitor left open for a long time against a busy
//! backend, with faults on and off in turns, sampled every minute: memory
//! (after a garbage collection), DOM size, snapshot requests, stream
//! connections and console errors. The question is whether anything grows
//! without bound; the answer goes to the "Soak" section of `BENCHMARKS.md`.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use demo_backend::{Faults, Server};

use super::machine::Machine;
use super::page::Page;
use crate::{start_backend, CAPTURE_ERRORS};

/// What a soak run does.
#[derive(Debug, Clone)]
pub struct SoakConfig {
    pub minutes: u32,
    /// Faults stay on (or off) this long, then switch.
    pub phase_minutes: u32,
    pub sample_every: Duration,
    pub conversations: usize,
    pub rate: f64,
    pub out: Option<PathBuf>,
}

impl SoakConfig {
    /// `--minutes N` (default 60), `--quick` (6 minutes, 1-minute phases,
    /// samples every 15 s), `--out PATH`, `--no-write`.
    pub fn from_args(args: &[String], default_out: PathBuf) -> Result<SoakConfig, String> {
        let mut config = SoakConfig {
            minutes: 60,
            phase_minutes: 5,
            sample_every: Duration::from_secs(60),
            conversations: 10_000,
            rate: 200.0,
            out: Some(default_out),
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--quick" => {
                    config.minutes = 6;
                    config.phase_minutes = 1;
                    config.sample_every = Duration::from_secs(15);
                }
                "--minutes" => {
                    config.minutes = args
                        .next()
                        .and_then(|m| m.parse().ok())
                        .filter(|m| *m > 0)
                        .ok_or("--minutes takes a number of minutes above 0")?;
                }
                "--out" => config.out = Some(args.next().ok_or("--out takes a path")?.into()),
                "--no-write" => config.out = None,
                other => return Err(format!("soak: unknown argument {other:?}")),
            }
        }
        Ok(config)
    }

    /// Whether faults are on at `minute` (the run starts without them).
    fn faults_on(&self, minute: f64) -> bool {
        (minute / f64::from(self.phase_minutes)) as u32 % 2 == 1
    }
}

/// The faults of an "on" phase: a bit of everything a real backend does wrong.
fn faults() -> Faults {
    Faults {
        fail_share: 0.05,
        latency_ms: 100,
        hang_share: 0.01,
        drop_stream_secs: 60,
        refuse_resume: true,
        duplicate_share: 0.02,
        reorder_share: 0.02,
        malformed_share: 0.002,
        ..Faults::default()
    }
}

/// One reading.
#[derive(Debug, Clone)]
pub struct Sample {
    pub minute: f64,
    pub faults_on: bool,
    pub js_heap_mb: f64,
    pub wasm_mb: f64,
    /// Held on the app's heap at the sample, and the most held since the
    /// previous one.
    pub held_mb: f64,
    pub peak_mb: f64,
    /// The largest single block asked for since the previous sample.
    pub largest_mb: f64,
    pub dom_nodes: f64,
    /// Since the start of the run.
    pub snapshots: u64,
    pub streams: u64,
    pub errors: usize,
    /// The connection indicator.
    pub phase: String,
}

/// The view the soak watches: the newest changes first.
const SOAK_PATH: &str = "/?lang=en&sort=updated&dir=desc";

/// Runs the soak; the samples, or what stopped it.
pub async fn run(config: &SoakConfig) -> Result<Vec<Sample>, String> {
    let server = start_backend(demo_backend::Options {
        conversations: config.conversations,
        agents: (config.conversations / 20).clamp(40, 2_000),
        rate: config.rate,
        ..demo_backend::Options::default()
    })
    .await;
    let result = soak(config, &server).await;
    server.stop().await;
    result
}

async fn soak(config: &SoakConfig, server: &Server) -> Result<Vec<Sample>, String> {
    // Sorted by the latest change, as a supervisor watching what moves
    // would: every event re-renders the rows at the top, the table's
    // hardest steady state for memory.
    let page = Page::open_with(
        &server.base_url(),
        SOAK_PATH,
        Duration::from_secs(120),
        &[CAPTURE_ERRORS],
    )
    .await?;
    let started = Instant::now();
    let end = Duration::from_secs(u64::from(config.minutes) * 60);
    let mut samples = Vec::new();
    loop {
        let minute = started.elapsed().as_secs_f64() / 60.0;
        let on = config.faults_on(minute);
        server.set_faults(if on { faults() } else { Faults::default() });
        samples.push(sample(&page, server, minute, on).await?);
        let last = samples.last().expect("just pushed");
        eprintln!(
            "soak: {:>5.1} min, faults {}: heap {:.1} MB, wasm {:.1} MB (held {:.1}, peak {:.1}, largest block {:.1}), {} nodes, {} snapshots, {} streams, {} errors, {}",
            last.minute,
            if on { "on " } else { "off" },
            last.js_heap_mb,
            last.wasm_mb,
            last.held_mb,
            last.peak_mb,
            last.largest_mb,
            last.dom_nodes,
            last.snapshots,
            last.streams,
            last.errors,
            last.phase
        );
        if started.elapsed() >= end {
            return Ok(samples);
        }
        tokio::time::sleep(config.sample_every).await;
    }
}

async fn sample(
    page: &Page,
    server: &Server,
    minute: f64,
    faults_on: bool,
) -> Result<Sample, String> {
    let memory = page.memory().await?;
    let traffic = server.traffic();
    let errors: usize = page
        .eval("return (window.__errors || []).length", vec![])
        .await?;
    let phase: String = page
        .eval(
            "return document.querySelector('.connection__phase')?.innerText ?? ''",
            vec![],
        )
        .await?;
    Ok(Sample {
        minute,
        faults_on,
        js_heap_mb: memory.js_heap / 1e6,
        wasm_mb: memory.wasm / 1e6,
        held_mb: memory.heap_held / 1e6,
        peak_mb: memory.heap_peak / 1e6,
        largest_mb: memory.heap_largest / 1e6,
        dom_nodes: memory.dom_nodes,
        snapshots: traffic.snapshots,
        streams: traffic.streams,
        errors,
        phase: phase.trim().to_owned(),
    })
}

/// The growth of `f` from the first fault-free phase to the last one, in
/// percent (medians, so one sample during a reload does not decide).
fn growth(samples: &[Sample], config: &SoakConfig, f: impl Fn(&Sample) -> f64) -> Option<f64> {
    let phase_of = |s: &Sample| (s.minute / f64::from(config.phase_minutes)) as u32;
    let off: Vec<&Sample> = samples.iter().filter(|s| !s.faults_on).collect();
    let first_phase = off.first().map(|s| phase_of(s))?;
    let last_phase = off.last().map(|s| phase_of(s))?;
    if first_phase == last_phase {
        return None;
    }
    let median = |phase: u32| {
        let mut values: Vec<f64> = off
            .iter()
            .filter(|s| phase_of(s) == phase)
            .map(|s| f(s))
            .collect();
        values.sort_by(f64::total_cmp);
        values.get(values.len() / 2).copied()
    };
    let (first, last) = (median(first_phase)?, median(last_phase)?);
    Some((last - first) / first * 100.0)
}

/// How much of a counter each kind of phase added, per minute.
fn rate_per_minute(samples: &[Sample], faults_on: bool, f: impl Fn(&Sample) -> u64) -> f64 {
    let (mut added, mut minutes) = (0u64, 0.0);
    for pair in samples.windows(2) {
        if pair[1].faults_on == faults_on && pair[0].faults_on == faults_on {
            added += f(&pair[1]).saturating_sub(f(&pair[0]));
            minutes += pair[1].minute - pair[0].minute;
        }
    }
    if minutes > 0.0 {
        added as f64 / minutes
    } else {
        f64::NAN
    }
}

/// The "Soak" section of `BENCHMARKS.md`.
pub fn section(samples: &[Sample], config: &SoakConfig, machine: &Machine) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## Soak\n");
    let _ = writeln!(
        out,
        "`cargo xtask soak{}`: the monitor open for {} minutes on {} conversations at {} events/s, sorted by the latest change (every event re-renders the rows at the top), faults off and on in turns of {} minutes (on: 5 % refused and 1 % hung requests, 100 ms latency, streams cut every minute and resumes refused, 2 % duplicated and reordered and 0.2 % malformed events). {}\n",
        if config.minutes == 60 { String::new() } else { format!(" --minutes {}", config.minutes) },
        config.minutes,
        config.conversations,
        config.rate,
        config.phase_minutes,
        machine.describe_line(),
    );
    let pct = |v: Option<f64>| v.map_or("—".to_owned(), |v| format!("{v:+.1} %"));
    let _ = writeln!(out, "| | figure |\n|---|---|");
    let _ = writeln!(
        out,
        "| wasm memory, first → last fault-free phase | {} |",
        pct(growth(samples, config, |s| s.wasm_mb))
    );
    let _ = writeln!(
        out,
        "| held on the wasm heap, first → last fault-free phase | {} |",
        pct(growth(samples, config, |s| s.held_mb))
    );
    let _ = writeln!(
        out,
        "| JS heap, first → last fault-free phase | {} |",
        pct(growth(samples, config, |s| s.js_heap_mb))
    );
    let _ = writeln!(
        out,
        "| DOM nodes, first → last fault-free phase | {} |",
        pct(growth(samples, config, |s| s.dom_nodes))
    );
    for (label, on) in [("without faults", false), ("with faults", true)] {
        let _ = writeln!(
            out,
            "| snapshot requests a minute {label} | {:.1} |",
            rate_per_minute(samples, on, |s| s.snapshots)
        );
        let _ = writeln!(
            out,
            "| stream connections a minute {label} | {:.1} |",
            rate_per_minute(samples, on, |s| s.streams)
        );
    }
    let _ = writeln!(
        out,
        "| console errors | {} |\n",
        samples.last().map_or(0, |s| s.errors)
    );
    let _ = writeln!(
        out,
        "| minute | faults | wasm MB | held MB | peak MB | JS heap MB | DOM nodes | snapshots | streams | errors | indicator |\n|---|---|---|---|---|---|---|---|---|---|---|"
    );
    for s in samples {
        let _ = writeln!(
            out,
            "| {:.1} | {} | {:.1} | {:.1} | {:.1} | {:.1} | {:.0} | {} | {} | {} | {} |",
            s.minute,
            if s.faults_on { "on" } else { "off" },
            s.wasm_mb,
            s.held_mb,
            s.peak_mb,
            s.js_heap_mb,
            s.dom_nodes,
            s.snapshots,
            s.streams,
            s.errors,
            s.phase
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minute: f64, faults_on: bool, wasm_mb: f64, snapshots: u64) -> Sample {
        Sample {
            minute,
            faults_on,
            js_heap_mb: 10.0,
            wasm_mb,
            held_mb: wasm_mb / 2.0,
            peak_mb: wasm_mb,
            largest_mb: 1.0,
            dom_nodes: 500.0,
            snapshots,
            streams: 1,
            errors: 0,
            phase: "Live".into(),
        }
    }

    #[test]
    fn growth_compares_the_first_and_last_fault_free_phases() {
        let config = SoakConfig::from_args(&["--quick".into()], "B.md".into()).unwrap();
        let samples = [
            at(0.0, false, 20.0, 1),
            at(0.5, false, 20.0, 1),
            at(1.0, true, 40.0, 5),
            at(1.5, true, 40.0, 9),
            at(2.0, false, 22.0, 9),
            at(2.5, false, 22.0, 9),
        ];
        let grown = growth(&samples, &config, |s| s.wasm_mb).unwrap();
        assert!((grown - 10.0).abs() < 1e-9, "{grown}");
        assert_eq!(rate_per_minute(&samples, false, |s| s.snapshots), 0.0);
        assert_eq!(rate_per_minute(&samples, true, |s| s.snapshots), 8.0);
    }

    #[test]
    fn faults_alternate_by_phase_starting_off() {
        let config = SoakConfig::from_args(&[], "B.md".into()).unwrap();
        assert!(!config.faults_on(0.0));
        assert!(!config.faults_on(4.9));
        assert!(config.faults_on(5.0));
        assert!(!config.faults_on(10.0));
        assert!(SoakConfig::from_args(&["--minutes".into(), "0".into()], "B.md".into()).is_err());
    }
}
