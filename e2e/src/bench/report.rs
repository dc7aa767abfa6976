//! The results as Markdown: the table printed to stdout, and the whole
//! report written to `BENCHMARKS.md`.

use std::fmt::Write;

use super::bundle::{Bundle, Sizes};
use super::config::{Config, Scale};
use super::floor::Floor;
use super::machine::Machine;
use super::scenario::{Interactions, ScaleResult};
use super::stats::Summary;
use super::targets::{self, load_phases, mb, Target};

/// One scale's outcome: its figures, or why it has none.
pub type Outcome = (Scale, Result<ScaleResult, String>);

/// A value in ms: whole ms from 100 up, one decimal below.
fn ms(v: Option<f64>) -> String {
    match v.filter(|v| v.is_finite()) {
        Some(v) if v.abs() >= 100.0 => format!("{v:.0}"),
        Some(v) => format!("{v:.1}"),
        None => "—".into(),
    }
}

fn p50_p95(s: Option<Summary>) -> String {
    s.map_or("—".into(), |s| {
        format!("{} / {}", ms(Some(s.p50)), ms(Some(s.p95)))
    })
}

fn interaction_cell(i: &Interactions, handling: bool) -> String {
    let s = if handling { i.handling } else { i.latency };
    let mut cell = p50_p95(s);
    if !handling && i.count > 0 {
        let _ = write!(cell, " (n={})", i.count);
    }
    cell
}

/// The main table: one row per figure, one column per scale, then the target at the largest.
pub fn table(outcomes: &[Outcome], config: &Config, target: &dyn Fn(&str) -> String) -> String {
    type Cell = fn(&ScaleResult) -> String;
    let rate = config.rate;
    let rows: Vec<(String, &str, Cell)> = vec![
        (
            "First rows painted, from navigation (ms)".into(),
            "first",
            |r| ms(r.load.first_rows),
        ),
        (
            "↳ snapshot request → last byte (server + transfer) (ms)".into(),
            "",
            |r| ms(r.load.conversations.as_ref().map(|c| c.end - c.start)),
        ),
        (
            "↳ snapshot decode: last byte → next request (ms)".into(),
            "",
            |r| {
                let next = r
                    .load
                    .agents
                    .as_ref()
                    .map(|a| a.start)
                    .or(r.load.rows_inserted);
                ms(r.load
                    .conversations
                    .as_ref()
                    .zip(next)
                    .map(|(c, n)| n - c.end))
            },
        ),
        (
            "↳ agents snapshot + board load + render → rows in DOM (ms)".into(),
            "",
            |r| {
                let from = r.load.agents.as_ref().map(|a| a.start);
                ms(from.zip(r.load.rows_inserted).map(|(a, rows)| rows - a))
            },
        ),
        (
            format!("Search keystroke → next paint, p50 / p95 (ms), {rate} ev/s"),
            "keys",
            |r| interaction_cell(&r.live_search, false),
        ),
        (
            "↳ app's handling of the keystroke, p50 / p95 (ms)".into(),
            "",
            |r| interaction_cell(&r.live_search, true),
        ),
        (
            "Search keystroke → next paint, p50 / p95 (ms), frozen".into(),
            "",
            |r| interaction_cell(&r.frozen_search, false),
        ),
        (
            "↳ app's handling of the keystroke, p50 / p95 (ms), frozen".into(),
            "ratio",
            |r| interaction_cell(&r.frozen_search, true),
        ),
        (
            format!("Filter change → next paint, p50 / p95 (ms), {rate} ev/s"),
            "",
            |r| interaction_cell(&r.live_filter, false),
        ),
        (
            "↳ app's handling of the filter change, p50 / p95 (ms)".into(),
            "",
            |r| interaction_cell(&r.live_filter, true),
        ),
        (
            "Clock tick: main-thread ms per 1 s tick, median second (frozen, idle)".into(),
            "tick",
            |r| {
                let i = &r.idle;
                let max = i.per_second.map_or(f64::NAN, |s| s.max);
                format!(
                    "{:.2} (mean {:.2}, max {:.1})",
                    i.median_second(),
                    i.ms_per_second(),
                    max
                )
            },
        ),
        (
            format!("Main-thread busy share at {rate} ev/s (%)"),
            "busy",
            |r| format!("{:.1}", r.busy.share() * 100.0),
        ),
        ("↳ minus the idle page's share (%)".into(), "", |r| {
            format!("{:.1}", (r.busy.share() - r.idle.share()) * 100.0)
        }),
        ("JS heap + wasm after load (MB)".into(), "", |r| {
            memory_cell(r.memory.first())
        }),
        ("JS heap + wasm after the soak (MB)".into(), "memory", |r| {
            let mut cell = memory_cell(r.memory.last());
            if let Some((since, g)) = targets::memory_growth(&r.memory) {
                let _ = write!(cell, " ({:+.1} % since {since:.0} s)", g * 100.0);
            }
            cell
        }),
        ("DOM elements / nodes after load".into(), "", |r| {
            let nodes = r.memory.first().map_or(f64::NAN, |m| m.dom_nodes);
            format!("{:.0} / {:.0}", r.view.elements, nodes)
        }),
        ("DOM elements / nodes after the soak".into(), "", |r| {
            r.memory.last().map_or("—".into(), |m| {
                format!("{:.0} / {:.0}", m.elements, m.dom_nodes)
            })
        }),
        ("Rows in the DOM / rows visible".into(), "rows", |r| {
            format!("{:.0} / {:.0}", r.view.rendered, r.view.visible)
        }),
    ];
    let mut out = String::new();
    let _ = write!(out, "| |");
    for (scale, _) in outcomes {
        let _ = write!(out, " {} |", scale.label());
    }
    let _ = writeln!(out, " target (largest scale) |");
    let _ = write!(out, "|---|");
    for _ in outcomes {
        let _ = write!(out, "--:|");
    }
    let _ = writeln!(out, "---|");
    for (name, key, cell) in rows {
        let _ = write!(out, "| {name} |");
        for (_, result) in outcomes {
            let text = result.as_ref().map_or("—".into(), cell);
            let _ = write!(out, " {text} |");
        }
        let _ = writeln!(out, " {} |", target(key));
    }
    out
}

fn memory_cell(m: Option<&super::page::MemorySample>) -> String {
    m.map_or("—".into(), |m| {
        format!(
            "{:.1} + {:.1} = {:.1}",
            mb(m.js_heap),
            mb(m.wasm),
            mb(m.total())
        )
    })
}

fn bundle_table(bundle: &Bundle) -> String {
    let kb = |b: usize| format!("{:.1}", b as f64 / 1000.0);
    let mut out =
        String::from("| file | raw (KB) | gzip -9 (KB) | brotli 11 (KB) |\n|---|--:|--:|--:|\n");
    let sum = bundle.wasm_and_js();
    let rows: [&Sizes; 4] = [&bundle.wasm, &bundle.js, &bundle.css, &sum];
    for s in rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            s.kind,
            kb(s.raw),
            kb(s.gzip),
            kb(s.brotli)
        );
    }
    out
}

fn targets_list(targets: &[Target]) -> String {
    let mut out = String::new();
    for t in targets {
        let verdict = match t.met {
            Some(true) => "met",
            Some(false) => "**missed**",
            None => "not measured",
        };
        let _ = writeln!(
            out,
            "- {verdict}: {} {} — measured {}",
            t.name, t.goal, t.value
        );
    }
    let missed: Vec<&Target> = targets.iter().filter(|t| t.met == Some(false)).collect();
    if !missed.is_empty() {
        let _ = writeln!(
            out,
            "\nWhat limits the missed ones (from the figures above):\n"
        );
        for t in missed {
            let why = t
                .limit
                .clone()
                .unwrap_or_else(|| "not investigated yet".into());
            let _ = writeln!(out, "- {}: {why}", t.name);
        }
    }
    out
}

fn details(outcomes: &[Outcome]) -> String {
    let mut out = String::new();
    for (scale, result) in outcomes {
        let _ = writeln!(
            out,
            "\n### {} conversations, {} agents\n",
            scale.conversations, scale.agents
        );
        let r = match result {
            Ok(r) => r,
            Err(e) => {
                let _ = writeln!(out, "Failed: {e}");
                continue;
            }
        };
        let _ = writeln!(
            out,
            "Load timeline, live backend (ms since navigation start):\n"
        );
        for (name, v) in load_phases(&r.load) {
            let _ = writeln!(out, "- {name}: {v:.0}");
        }
        let _ = writeln!(
            out,
            "- (frozen backend: first rows at {} ms; snapshot {:.1} MB on the wire; first contentful paint {} ms)",
            ms(r.frozen_load.first_rows),
            r.load.conversations.as_ref().map_or(0.0, |c| c.size / 1e6),
            ms(r.load.first_contentful_paint),
        );
        let mut frames = r.load.frames.clone();
        frames.sort_by(|a, b| b.duration.total_cmp(&a.duration));
        if !frames.is_empty() {
            let _ = writeln!(
                out,
                "\nLongest animation frames during the load (Long Animation Frames API):\n"
            );
            for f in frames.iter().take(3) {
                let mut scripts = f.scripts.clone();
                scripts.sort_by(|a, b| b.duration.total_cmp(&a.duration));
                let top: Vec<String> = scripts
                    .iter()
                    .take(2)
                    .map(|s| format!("{} {:.0} ms ({})", s.invoker, s.duration, s.source.trim()))
                    .collect();
                let _ = writeln!(
                    out,
                    "- at {:.0} ms: {:.0} ms long, rendering {:.0} ms; scripts: {}",
                    f.start,
                    f.duration,
                    f.render,
                    if top.is_empty() {
                        "—".into()
                    } else {
                        top.join("; ")
                    }
                );
            }
        }
        for (name, cpu) in [("frozen, idle", &r.idle), ("live", &r.busy)] {
            let _ = writeln!(
                out,
                "{}- main thread, {name}: {:.1} % of {:.0} s busy (script {:.1} %, style + layout {:.1} %), \
                 {:.1} layouts/s; all of the machine's CPUs meanwhile: {:.0} % busy",
                if name.starts_with("frozen") { "\nCPU:\n\n" } else { "" },
                cpu.share() * 100.0,
                cpu.wall,
                cpu.script / cpu.wall * 100.0,
                cpu.style_layout / cpu.wall * 100.0,
                cpu.layouts / cpu.wall,
                cpu.machine_busy * 100.0
            );
        }
        let _ = writeln!(
            out,
            "\nMemory after GC, live (s after load: JS heap + wasm = total MB, DOM nodes):\n"
        );
        for m in &r.memory {
            let _ = writeln!(
                out,
                "- {:.0} s: {:.1} + {:.1} = {:.1} MB, {:.0} nodes",
                m.at,
                mb(m.js_heap),
                mb(m.wasm),
                mb(m.total()),
                m.dom_nodes
            );
        }
        let _ = writeln!(
            out,
            "\nInteractions (the page's frame interval is {:.1} ms: \"the next paint\" can be \
             that far away; max; Event Timing cross-check: interactions ≥ 16 ms):\n",
            r.frame_interval
        );
        for (name, i) in [
            ("search, live", &r.live_search),
            ("search, frozen", &r.frozen_search),
            ("filter, live", &r.live_filter),
        ] {
            let _ = writeln!(
                out,
                "- {name}: {} recorded, max {} ms, {} without a seen paint; handled → painted p50 / p95 {} ms; Event Timing: {} interactions ≥ 16 ms during the phase (longest {:.0} ms)",
                i.count,
                ms(i.latency.map(|s| s.max)),
                i.unpainted,
                p50_p95(i.to_paint),
                i.event_timing_slow,
                i.event_timing_max
            );
        }
    }
    out
}

const METHOD: &str = "\
All figures come from the browser itself (headless Chromium driven by chromedriver):

- **First rows painted**: an init script (CDP `Page.addScriptToEvaluateOnNewDocument`) watches the \
DOM with a `MutationObserver`; when the first data cell of a `[role=table]` appears it waits for the \
next `requestAnimationFrame` plus a `MessageChannel` task (the frame's rendering done) and records \
`performance.now()`, i.e. ms since navigation start. The tab already holds the token in \
`sessionStorage` (restored session) and the HTTP cache is emptied first.
- **Snapshot decode**: not exposed by the app, so bounded from Resource Timing: from the last byte \
of `/monitor/conversations` to the start of the next request (`/monitor/agents`), which the app \
sends right after decoding. It includes reading the body as text and copying it into wasm.
- **Keystroke / filter change → next paint**: real keys (`send_keys`) and clicks through WebDriver, \
one every 150 ms (clicks 300 ms). From the `keydown` (or `click`) event's `timeStamp` to after the \
first paint following the `input` (or `change`) event. **Handling** is from that event's dispatch \
to a bubble-phase listener registered after the app's own (so after the app's handlers and the \
microtasks they queued). Typed text: the first letters of customer names on screen, then as many \
backspaces. Event Timing entries (≥ 16 ms, 8 ms granularity) are counted as a cross-check.
- **Clock tick**: frozen backend (`--rate 0`), page left alone: CDP `Performance.getMetrics` \
`TaskDuration` (minus `DevToolsCommandDuration`) read every second; the clock ticks once a \
second, so the median second is main-thread ms per tick (including anything else the idle page \
does); the mean and the worst second are shown too. The same on an empty page and on a page that \
only changes one text node per second gives the browser's floor.
- **Busy share**: the same counter summed over the whole window with the live backend, divided by \
the wall time.
- **Memory**: after `HeapProfiler.collectGarbage`: `Runtime.getHeapUsage().usedSize` (V8 heap) plus \
the byte length of the app's `WebAssembly.Memory` (from Trunk's `TrunkApplicationStarted` event). \
The wasm memory only ever grows (it is the allocator's high-water mark, not what is in use), so \
at the largest scale the snapshot decode's peak can hide later growth; the smaller scales show it. \
DOM nodes from `Memory.getDOMCounters`, elements from `getElementsByTagName('*')`.
- **Rows**: data rows in the table's DOM vs rows intersecting its scroll viewport.
- **Bundle**: the built files compressed here (flate2 level 9, brotli quality 11, window 22); \
the demo backend itself serves them uncompressed.";

/// The whole report.
pub fn document(
    outcomes: &[Outcome],
    config: &Config,
    machine: &Machine,
    bundle: Result<&Bundle, &String>,
    floor: Option<&Floor>,
) -> String {
    let ok: Vec<&ScaleResult> = outcomes
        .iter()
        .filter_map(|(_, r)| r.as_ref().ok())
        .collect();
    let large = ok.iter().copied().max_by_key(|r| r.scale.conversations);
    let targets = targets::evaluate(&ok, bundle.ok(), floor);
    let goal_of = |key: &str| -> String {
        let name_prefix = match key {
            "first" => "first rows",
            "keys" => "search keystroke",
            "tick" => "clock tick",
            "busy" => "main-thread busy",
            "memory" => "memory",
            "rows" => "rows in the DOM",
            "ratio" => "per-keystroke",
            _ => return String::new(),
        };
        targets
            .iter()
            .find(|t| t.name.starts_with(name_prefix))
            .map(|t| {
                let verdict = match t.met {
                    Some(true) => "met",
                    Some(false) => "**missed**",
                    None => "—",
                };
                format!("{} {verdict}", t.goal)
            })
            .unwrap_or_default()
    };

    let mut out = String::new();
    let _ = writeln!(out, "# Benchmarks\n");
    let _ = writeln!(
        out,
        "Written by `cargo xtask bench` (the `bench` binary of `e2e/`). Nothing here is asserted by a test.\n"
    );
    let _ = writeln!(out, "- Date: {}", machine.date_utc);
    let _ = writeln!(
        out,
        "- Command: `{}`; mode: {}",
        config.command,
        config.mode()
    );
    let _ = writeln!(
        out,
        "- Machine: {} CPUs ({}), {} RAM, {}; {}",
        machine.cpus, machine.cpu_model, machine.memory, machine.os, machine.chromium
    );
    let _ = writeln!(
        out,
        "- Setup: demo backend in-process (release build, seed 7, agents = conversations / 25), the SPA's \
         release build (`trunk build --release`, as `cargo xtask run` serves it), headless Chromium 1400×900, signed in as `demo-admin`, `?lang=en`. \
         Windows: idle {} s, busy {} s, soak {} s after load; {} keystrokes per phase, {} filter clicks.",
        config.tick_window.as_secs(),
        config.busy_window.as_secs(),
        config.soak.as_secs(),
        config.keystrokes,
        config.toggles
    );
    let _ = writeln!(out, "\n## Results\n");
    out.push_str(&table(outcomes, config, &goal_of));
    if let Some(f) = floor {
        let _ = writeln!(
            out,
            "\nThe browser's floor on this machine, measured the same way (median second): an empty page \
             {:.2} ms of main thread per second; a page whose only work is changing one text node \
             once a second {:.2} ms (averages: script {:.2}, style + layout {:.2}, the rest — paint, \
             commit — {:.2}).",
            f.empty.median_second(),
            f.ticking.median_second(),
            f.ticking.script / f.ticking.wall * 1000.0,
            f.ticking.style_layout / f.ticking.wall * 1000.0,
            (f.ticking.task - f.ticking.script - f.ticking.style_layout) / f.ticking.wall * 1000.0
        );
    }
    // The file names only: the build directory is a path on this machine.
    let _ = writeln!(out, "\n## Bundle (the SPA's release build)\n");
    match bundle {
        Ok(b) => out.push_str(&bundle_table(b)),
        Err(e) => {
            let _ = writeln!(out, "Not measured: {e}");
        }
    }
    if let Some(large) = large {
        let _ = writeln!(
            out,
            "\n## Targets ({} conversations, {} agents, {} events/s)\n",
            large.scale.conversations, large.scale.agents, config.rate
        );
        out.push_str(&targets_list(&targets));
    }
    let _ = writeln!(out, "\n## How each figure is measured\n\n{METHOD}");
    let _ = writeln!(out, "\n## Details");
    out.push_str(&details(outcomes));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ms_formatting() {
        assert_eq!(ms(Some(1234.4)), "1234");
        assert_eq!(ms(Some(12.34)), "12.3");
        assert_eq!(ms(None), "—");
        assert_eq!(ms(Some(f64::NAN)), "—");
    }

    #[test]
    fn a_failed_scale_still_makes_a_table() {
        let config = Config::from_args(&[], "B.md".into()).unwrap();
        let ok = ScaleResult {
            scale: Scale::of(1_000),
            ..ScaleResult::default()
        };
        let outcomes = vec![
            (Scale::of(1_000), Ok(ok)),
            (Scale::of(50_000), Err("boom".to_owned())),
        ];
        let doc = document(
            &outcomes,
            &config,
            &Machine::default(),
            Err(&"no dist".to_owned()),
            None,
        );
        assert!(
            doc.contains("| | 1k | 50k | target (largest scale) |"),
            "{doc}"
        );
        assert!(doc.contains("Failed: boom"));
        assert!(doc.contains("Not measured: no dist"));
    }
}
