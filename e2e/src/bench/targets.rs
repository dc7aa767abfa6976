//! The targets, judged on the largest scale measured (50k at full
//! size), with a line on what limits each missed one where the figures say it.

use super::bundle::Bundle;
use super::page::MemorySample;
use super::probe::LoadTimings;
use super::scenario::ScaleResult;

/// One target and how the run did against it.
#[derive(Clone, Debug)]
pub struct Target {
    pub name: &'static str,
    pub goal: &'static str,
    /// The measured value, as shown.
    pub value: String,
    /// `None` when it could not be measured.
    pub met: Option<bool>,
    /// For a missed target: what the figures say limits it.
    pub limit: Option<String>,
}

/// The parts of the time to first rows, in order, in ms.
pub fn load_phases(t: &LoadTimings) -> Vec<(&'static str, f64)> {
    let (Some(c), Some(rows), Some(paint)) = (&t.conversations, t.rows_inserted, t.first_rows)
    else {
        return Vec::new();
    };
    // Without an agents snapshot the board is loaded right after the decode.
    let next = t.agents.as_ref().map_or(rows, |a| a.start);
    vec![
        (
            "page, wasm, config and /me (navigation → snapshot request)",
            c.start,
        ),
        (
            "server builds the snapshot (request → first byte)",
            c.response - c.start,
        ),
        ("snapshot transfer (first → last byte)", c.end - c.response),
        ("snapshot decode (last byte → next request)", next - c.end),
        (
            "agents snapshot, board load, render (→ rows in the DOM)",
            rows - next,
        ),
        ("first paint of the rows", paint - rows),
    ]
}

pub fn mb(bytes: f64) -> f64 {
    bytes / 1_000_000.0
}

/// Growth of JS heap + wasm from the first sample to the last, as a share.
pub fn memory_growth(samples: &[MemorySample]) -> Option<f64> {
    let first = samples.first()?;
    let last = samples.last()?;
    (samples.len() > 1 && first.total() > 0.0).then(|| last.total() / first.total() - 1.0)
}

fn judge(value: Option<f64>, limit: f64) -> Option<bool> {
    value.filter(|v| v.is_finite()).map(|v| v <= limit)
}

fn show(value: Option<f64>, unit: &str) -> String {
    match value.filter(|v| v.is_finite()) {
        Some(v) if v >= 100.0 => format!("{v:.0} {unit}"),
        Some(v) => format!("{v:.1} {unit}"),
        None => "not measured".into(),
    }
}

/// Judges the targets on `large`, comparing with `small` for the 2× rules.
pub fn evaluate(
    large: &ScaleResult,
    small: Option<&ScaleResult>,
    bundle: Option<&Bundle>,
) -> Vec<Target> {
    let mut out = Vec::new();

    let keys = large.live_search.latency;
    let handling = large.live_search.handling;
    out.push(Target {
        name: "search keystroke → next paint, p95 (200 ev/s)",
        goal: "≤ 16 ms",
        value: show(keys.map(|s| s.p95), "ms"),
        met: judge(keys.map(|s| s.p95), 16.0),
        limit: match (keys, handling) {
            (Some(k), Some(h)) if h.p95 >= 0.5 * k.p95 => Some(format!(
                "the app's own handling of the keystroke (search over {} rows, re-render): p95 {:.1} ms of the {:.1} ms",
                large.scale.conversations, h.p95, k.p95
            )),
            (Some(k), Some(h)) => Some(format!(
                "not the keystroke's handling (p95 {:.1} ms of {:.1} ms): the wait for the next frame and main-thread work queued ahead of it (events applied in between)",
                h.p95, k.p95
            )),
            _ => None,
        },
    });

    let idle = large.idle;
    let tick = idle.ms_per_second();
    out.push(Target {
        name: "clock tick: main-thread time per 1 s tick",
        goal: "≤ 1 ms",
        value: show(Some(tick), "ms"),
        met: judge(Some(tick), 1.0),
        limit: Some(format!(
            "per tick: script {:.2} ms, style + layout {:.2} ms, the rest (paint, commit, other tasks) {:.2} ms",
            idle.script / idle.wall * 1000.0,
            idle.style_layout / idle.wall * 1000.0,
            (idle.task - idle.script - idle.style_layout) / idle.wall * 1000.0
        )),
    });

    let busy = large.busy;
    out.push(Target {
        name: "main-thread busy share while applying events (200 ev/s)",
        goal: "≤ 10 %",
        value: show(Some(busy.share() * 100.0), "%"),
        met: judge(Some(busy.share() * 100.0), 10.0),
        limit: Some(format!(
            "script {:.1} %, style + layout {:.1} %, the rest (paint, commit, other tasks) {:.1} %; the idle page alone: {:.1} %",
            busy.script / busy.wall * 100.0,
            busy.style_layout / busy.wall * 100.0,
            (busy.task - busy.script - busy.style_layout) / busy.wall * 100.0,
            idle.share() * 100.0
        )),
    });

    let first = large.load.first_rows;
    let phases = load_phases(&large.load);
    out.push(Target {
        name: "first rows painted, from navigation",
        goal: "≤ 1500 ms",
        value: show(first, "ms"),
        met: judge(first, 1500.0),
        limit: phases
            .iter()
            .copied()
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(name, ms)| format!("the largest part is {name}: {ms:.0} ms")),
    });

    let last = large.memory.last();
    let growth = memory_growth(&large.memory);
    let total = last.map(|m| mb(m.total()));
    let not_growing = growth.map(|g| g <= 0.05);
    out.push(Target {
        name: "memory (JS heap + wasm) after the soak, and not growing",
        goal: "≤ 150 MB, ≤ 5 % growth",
        value: match (total, growth) {
            (Some(t), Some(g)) => format!("{t:.1} MB, {:+.1} % since load", g * 100.0),
            (Some(t), None) => format!("{t:.1} MB"),
            _ => "not measured".into(),
        },
        met: match (judge(total, 150.0), not_growing) {
            (Some(a), Some(b)) => Some(a && b),
            (a, _) => a,
        },
        limit: last.map(|m| {
            format!(
                "JS heap {:.1} MB, wasm linear memory {:.1} MB (it never shrinks: its peak, e.g. while decoding the snapshot, stays)",
                mb(m.js_heap),
                mb(m.wasm)
            )
        }),
    });

    if let Some(bundle) = bundle {
        let sum = bundle.wasm_and_js();
        out.push(Target {
            name: "wasm + JS, brotli",
            goal: "≤ 250 KB",
            value: format!("{:.1} KB", sum.brotli as f64 / 1000.0),
            met: Some(sum.brotli <= 250_000),
            limit: Some(format!(
                "wasm {:.1} KB, JS {:.1} KB (brotli)",
                bundle.wasm.brotli as f64 / 1000.0,
                bundle.js.brotli as f64 / 1000.0
            )),
        });
    }

    let view = &large.view;
    out.push(Target {
        name: "rows in the DOM vs rows visible",
        goal: "≤ 2×",
        value: format!("{:.0} / {:.0}", view.rendered, view.visible),
        met: (view.visible > 0.0).then_some(view.rendered <= 2.0 * view.visible),
        limit: Some(format!(
            "{:.0} rows fit in the table's viewport; the rest is overscan",
            view.fit
        )),
    });

    if let Some(small) = small.filter(|s| s.scale != large.scale) {
        let cost = |r: &ScaleResult| r.frozen_search.handling.map(|h| h.p50);
        let ratio = cost(large).zip(cost(small)).map(|(l, s)| l / s);
        out.push(Target {
            name: "per-keystroke cost (handling p50, frozen) vs the smallest scale",
            goal: "≤ 2×",
            value: ratio.map_or("not measured".into(), |r| {
                format!(
                    "{r:.1}× ({:.1} ms vs {:.1} ms)",
                    cost(large).unwrap_or_default(),
                    cost(small).unwrap_or_default()
                )
            }),
            met: judge(ratio, 2.0),
            limit: Some(
                "TODO (lead): which part of a keystroke grows with the row count (search, sort, indicators, re-render)".into(),
            ),
        });
        let tick_small = small.idle.ms_per_second();
        let ratio = tick / tick_small;
        out.push(Target {
            name: "per-tick cost vs the smallest scale",
            goal: "≤ 2×",
            value: format!("{ratio:.1}× ({tick:.2} ms vs {tick_small:.2} ms)"),
            met: judge(Some(ratio), 2.0),
            limit: Some(
                "TODO (lead): which part of a tick grows with the row count (see the tick's script vs style/layout split)".into(),
            ),
        });
    }
    out
}
