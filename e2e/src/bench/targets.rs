//! The targets, judged on the reference scale (50k conversations, 2k
//! agents, 200 events/s), with a line on what limits each missed one where
//! the figures say it.

use super::bundle::Bundle;
use super::floor::Floor;
use super::page::MemorySample;
use super::phases::load_phases;
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

pub fn mb(bytes: f64) -> f64 {
    bytes / 1_000_000.0
}

/// Seconds after load from which memory should be flat: by then the live
/// events, the typing and the filter clicks have run once.
pub const WARM_UP_SECS: f64 = 60.0;

/// Growth of JS heap + wasm up to the last sample, as a share, and the
/// sample it is measured from (seconds after load): the first one at or
/// after [`WARM_UP_SECS`] if a later one exists, else the first one.
pub fn memory_growth(samples: &[MemorySample]) -> Option<(f64, f64)> {
    let last = samples.last()?;
    let warm = samples[..samples.len() - 1]
        .iter()
        .find(|m| m.at >= WARM_UP_SECS);
    let base = warm.or(samples.first())?;
    (samples.len() > 1 && base.total() > 0.0).then(|| (base.at, last.total() / base.total() - 1.0))
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

/// The scale the targets are stated for: 50,000 conversations when it was
/// measured, else the largest one.
pub const REFERENCE_CONVERSATIONS: usize = 50_000;

/// The result the targets are judged on (see [`REFERENCE_CONVERSATIONS`]).
pub fn reference<'a>(results: &[&'a ScaleResult]) -> Option<&'a ScaleResult> {
    results
        .iter()
        .copied()
        .find(|r| r.scale.conversations == REFERENCE_CONVERSATIONS)
        .or_else(|| {
            results
                .iter()
                .copied()
                .max_by_key(|r| r.scale.conversations)
        })
}

/// Judges the targets on the reference scale of `results`, comparing with
/// the smallest (and the largest) for the cost-per-keystroke rules and
/// checking memory at every scale.
pub fn evaluate(
    results: &[&ScaleResult],
    bundle: Option<&Bundle>,
    floor: Option<&Floor>,
) -> Vec<Target> {
    let Some(large) = reference(results) else {
        return Vec::new();
    };
    let small = results
        .iter()
        .copied()
        .min_by_key(|r| r.scale.conversations);
    let largest = results
        .iter()
        .copied()
        .max_by_key(|r| r.scale.conversations);
    let mut out = Vec::new();
    let rows = large.scale.conversations;
    let key_floor = floor.and_then(|f| f.keystroke.latency).map(|s| s.p95);

    for (name, handling_name, interactions) in [
        (
            "search keystroke → next paint, p95 (200 ev/s)",
            "search keystroke: the app's handling, p95 (200 ev/s)",
            &large.live_search,
        ),
        (
            "filter change → next paint, p95 (200 ev/s)",
            "filter change: the app's handling, p95 (200 ev/s)",
            &large.live_filter,
        ),
    ] {
        let handling = interactions.handling.map(|s| s.p95);
        out.push(Target {
            name: handling_name,
            goal: "≤ 4 ms",
            value: show(handling, "ms"),
            met: judge(handling, 4.0),
            limit: Some(format!(
                "the engine's update and the re-render of the visible rows at {rows} rows (handling p50 {:.1} ms)",
                interactions.handling.map_or(f64::NAN, |s| s.p50)
            )),
        });
        let latency = interactions.latency.map(|s| s.p95);
        out.push(Target {
            name,
            goal: "≤ the keystroke floor + 4 ms",
            value: match key_floor {
                Some(f) => format!("{} (floor {f:.1} ms)", show(latency, "ms")),
                None => show(latency, "ms"),
            },
            met: key_floor.and_then(|f| judge(latency, f + 4.0)),
            limit: interactions.to_paint.map(|p| {
                format!(
                    "from handled to painted p95 {:.1} ms: rendering and the wait for the next frame,                      with events applied in between",
                    p.p95
                )
            }),
        });
    }

    let busy = large.busy;
    let fresh = large.freshness.map(|s| s.p95);
    out.push(Target {
        name: "main-thread busy share while applying events (200 ev/s)",
        goal: "≤ 5 %",
        value: show(Some(busy.share() * 100.0), "%"),
        met: judge(Some(busy.share() * 100.0), 5.0),
        limit: Some(format!(
            "script {:.1} %, style + layout {:.1} %, the rest (paint, commit, other tasks) {:.1} %; the idle page alone: {:.1} %",
            busy.script / busy.wall * 100.0,
            busy.style_layout / busy.wall * 100.0,
            (busy.task - busy.script - busy.style_layout) / busy.wall * 100.0,
            large.idle.share() * 100.0
        )),
    });
    out.push(Target {
        name: "a change on screen after the backend emits it, p95 (200 ev/s)",
        goal: "≤ 250 ms",
        value: format!(
            "{} ({} of {} seen)",
            show(fresh, "ms"),
            large.freshness.map_or(0, |s| s.n),
            large.freshness.map_or(0, |s| s.n) + large.freshness_missed
        ),
        met: judge(fresh, 250.0),
        limit: Some(
            "the flush interval (100 ms) plus the stream's transit and the next frame".into(),
        ),
    });

    let idle = large.idle;
    let tick = idle.median_second();
    let tick_floor = floor.map(|f| f.ticking.median_second());
    out.push(Target {
        name: "clock tick: main-thread time per 1 s tick (median second)",
        goal: "≤ 2× the browser's floor",
        value: match tick_floor {
            Some(f) => format!("{tick:.2} ms ({:.1}× the floor's {f:.2} ms)", tick / f),
            None => format!("{tick:.2} ms"),
        },
        met: tick_floor.map(|f| tick <= 2.0 * f),
        limit: Some(format!(
            "per tick: script {:.2} ms, style + layout {:.2} ms, the rest (paint, commit, other tasks) {:.2} ms",
            idle.script / idle.wall * 1000.0,
            idle.style_layout / idle.wall * 1000.0,
            (idle.task - idle.script - idle.style_layout) / idle.wall * 1000.0,
        )),
    });

    let first = large.load.first_rows;
    let phases = load_phases(&large.load);
    out.push(Target {
        name: "first rows painted, from navigation",
        goal: "≤ 1000 ms",
        value: show(first, "ms"),
        met: judge(first, 1000.0),
        limit: phases
            .iter()
            .copied()
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(name, ms)| format!("the largest part is {name}: {ms:.0} ms")),
    });

    // At the smallest scale the app's own start-up is all there is.
    if let Some(small) = small.filter(|s| s.scale.conversations < rows) {
        let first = small.load.first_rows;
        out.push(Target {
            name: "first rows painted at the smallest scale, from navigation",
            goal: "≤ 300 ms",
            value: show(first, "ms"),
            met: judge(first, 300.0),
            limit: load_phases(&small.load)
                .iter()
                .copied()
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(name, ms)| format!("the largest part is {name}: {ms:.0} ms")),
        });
    }

    let decode = load_phases(&large.load)
        .iter()
        .find(|(name, _)| name.starts_with("snapshot decode"))
        .map(|(_, ms)| *ms);
    out.push(Target {
        name: "snapshot decode (last byte → decoded)",
        goal: "≤ 200 ms",
        value: show(decode, "ms"),
        met: judge(decode, 200.0),
        limit: decode.map(|_| {
            "serde_json over every row (in slices of 12 ms, so the time includes the browser's turns between them)".into()
        }),
    });

    // The Long Tasks API reports tasks of 50 ms or more: none is the goal.
    let longest = large.load.longest_task_before_rows();
    out.push(Target {
        name: "longest main-thread task while loading",
        goal: "≤ 50 ms",
        value: match (longest, first) {
            (Some(longest), _) => format!("{longest:.0} ms"),
            (None, Some(_)) => "none of 50 ms or more".into(),
            (None, None) => "—".into(),
        },
        met: first.map(|_| longest.is_none_or(|l| l <= 50.0)),
        limit: longest.map(|_| {
            let tasks = large
                .load
                .long_tasks
                .iter()
                .filter(|t| Some(t.start) < first);
            format!(
                "{} tasks of 50 ms or more before the first rows, {:.0} ms in all",
                tasks.clone().count(),
                tasks.map(|t| t.duration).sum::<f64>()
            )
        }),
    });

    // Every scale: at most 150 MB, and flat after the warm-up.
    let verdicts: Vec<(String, bool)> = results
        .iter()
        .map(|r| {
            let total = r.memory.last().map_or(f64::NAN, |m| mb(m.total()));
            let growth = memory_growth(&r.memory);
            let flat = growth.is_none_or(|(_, g)| g <= 0.05);
            (
                format!(
                    "{}: {total:.1} MB{}",
                    r.scale.label(),
                    growth.map_or(String::new(), |(since, g)| format!(
                        " ({:+.1} % since {since:.0} s)",
                        g * 100.0
                    ))
                ),
                total <= 150.0 && flat,
            )
        })
        .collect();
    out.push(Target {
        name: "memory (JS heap + wasm) after the soak, at every scale",
        goal: "≤ 150 MB and ≤ 5 % growth",
        value: verdicts
            .iter()
            .map(|(v, _)| v.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        met: (!verdicts.is_empty()).then(|| verdicts.iter().all(|(_, ok)| *ok)),
        limit: large.memory.last().map(|m| {
            format!(
                "at {}: JS heap {:.1} MB, wasm linear memory {:.1} MB (the wasm memory never shrinks: the snapshot decode's peak stays)",
                large.scale.label(),
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

    let cost = |r: &ScaleResult| r.frozen_search.handling.map(|h| h.p50);
    for (other, goal, limit_ratio, name) in [
        (
            Some(large),
            "≤ 1.5× the smallest scale",
            1.5,
            "per-keystroke handling (p50, frozen) at the reference scale vs the smallest",
        ),
        (
            largest.filter(|l| l.scale != large.scale),
            "≤ 2× the smallest scale",
            2.0,
            "per-keystroke handling (p50, frozen) at the largest scale vs the smallest",
        ),
    ] {
        let (Some(other), Some(small)) = (other, small.filter(|s| s.scale != large.scale)) else {
            continue;
        };
        let ratio = cost(other).zip(cost(small)).map(|(l, s)| l / s);
        out.push(Target {
            name,
            goal,
            value: ratio.map_or("not measured".into(), |r| {
                format!(
                    "{r:.1}× ({:.1} ms at {} vs {:.1} ms at {})",
                    cost(other).unwrap_or_default(),
                    other.scale.label(),
                    cost(small).unwrap_or_default(),
                    small.scale.label()
                )
            }),
            met: judge(ratio, limit_ratio),
            limit: Some(keystroke_split(small, other)),
        });
    }
    out
}

/// Where a keystroke's time goes at both scales: the app's handlers (script)
/// versus handled → painted (rendering and the wait for the frame).
fn keystroke_split(small: &ScaleResult, large: &ScaleResult) -> String {
    let p50 = |s: Option<super::stats::Summary>| s.map_or(f64::NAN, |s| s.p50);
    let (a, b) = (&small.frozen_search, &large.frozen_search);
    format!(
        "the app's handlers (script) take {:.1} ms at {} and {:.1} ms at {} (p50); from handled to \
         painted (rendering, waiting for the frame) {:.1} ms and {:.1} ms",
        p50(a.handling),
        small.scale.label(),
        p50(b.handling),
        large.scale.label(),
        p50(a.to_paint),
        p50(b.to_paint)
    )
}
