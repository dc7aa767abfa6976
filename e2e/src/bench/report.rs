//! The results as Markdown: the table printed to stdout, and the whole
//! report written to `BENCHMARKS.md`.

use std::fmt::Write;

mod details;

use details::{details, METHOD};

use super::bundle::{Bundle, Sizes};
use super::config::{Config, Scale};
use super::floor::Floor;
use super::machine::Machine;
use super::scenario::{Interactions, ScaleResult};
use super::stats::Summary;
use super::targets::{self, mb, Target};

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
            "↳ snapshot decode: last byte → decoded (ms)".into(),
            "decode",
            |r| {
                let next = r
                    .load
                    .decoded
                    .as_ref()
                    .map(|d| d.end)
                    .or(r.load.agents.as_ref().map(|a| a.start))
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
                let from = r.load.decoded.as_ref().map(|d| d.end).or(r
                    .load
                    .agents
                    .as_ref()
                    .map(|a| a.start));
                ms(from.zip(r.load.rows_inserted).map(|(a, rows)| rows - a))
            },
        ),
        (
            "Longest main-thread task before first rows (ms)".into(),
            "task",
            |r| match r.load.longest_task_before_rows() {
                Some(longest) => ms(Some(longest)),
                None if r.load.first_rows.is_some() => "< 50".into(),
                None => "—".into(),
            },
        ),
        (
            format!("Search keystroke → next paint, p50 / p95 (ms), {rate} ev/s"),
            "keys",
            |r| interaction_cell(&r.live_search, false),
        ),
        (
            "↳ app's handling of the keystroke, p50 / p95 (ms)".into(),
            "keys_handling",
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
            "filter",
            |r| interaction_cell(&r.live_filter, false),
        ),
        (
            "↳ app's handling of the filter change, p50 / p95 (ms)".into(),
            "filter_handling",
            |r| interaction_cell(&r.live_filter, true),
        ),
        (
            format!("A change from the backend → next paint, p50 / p95 (ms), {rate} ev/s"),
            "fresh",
            |r| {
                let mut cell = p50_p95(r.freshness);
                if r.freshness_missed > 0 {
                    let _ = write!(cell, " ({} not seen)", r.freshness_missed);
                }
                cell
            },
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
    let _ = writeln!(out, " target (at {}) |", reference_label(outcomes));
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

/// The label of the scale the targets are judged on.
fn reference_label(outcomes: &[Outcome]) -> String {
    let ok: Vec<&ScaleResult> = outcomes
        .iter()
        .filter_map(|(_, r)| r.as_ref().ok())
        .collect();
    targets::reference(&ok).map_or("—".into(), |r| r.scale.label())
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
    let large = targets::reference(&ok);
    let targets = targets::evaluate(&ok, bundle.ok(), floor);
    let goal_of = |key: &str| -> String {
        let name_prefix = match key {
            "first" => "first rows",
            "task" => "longest main-thread task",
            "decode" => "snapshot decode",
            "keys" => "search keystroke →",
            "keys_handling" => "search keystroke: the app",
            "filter" => "filter change →",
            "filter_handling" => "filter change: the app",
            "tick" => "clock tick",
            "busy" => "main-thread busy",
            "fresh" => "a change on screen",
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
             commit — {:.2}). A page whose search box only copies its text into one text node: \
             keystroke → next paint p50 / p95 {} ms (the keystroke floor).",
            f.empty.median_second(),
            f.ticking.median_second(),
            f.ticking.script / f.ticking.wall * 1000.0,
            f.ticking.style_layout / f.ticking.wall * 1000.0,
            (f.ticking.task - f.ticking.script - f.ticking.style_layout) / f.ticking.wall * 1000.0,
            p50_p95(f.keystroke.latency)
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
mod tests;
