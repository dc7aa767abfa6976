//! The per-scale details and the description of how each figure is measured.

use super::*;
use crate::bench::phases::load_phases;

pub(super) fn details(outcomes: &[Outcome]) -> String {
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

pub(super) const METHOD: &str = "\
All figures come from the browser itself (headless Chromium driven by chromedriver):

- **First rows painted**: an init script (CDP `Page.addScriptToEvaluateOnNewDocument`) watches the \
DOM with a `MutationObserver`; when the first data cell of a `[role=table]` appears it waits for the \
next `requestAnimationFrame` plus a `MessageChannel` task (the frame's rendering done) and records \
`performance.now()`, i.e. ms since navigation start. The tab already holds the token in \
`sessionStorage` (restored session) and the HTTP cache is emptied first.
- **Snapshot decode**: from the last byte of `/monitor/conversations` (Resource Timing) to the end \
of the app's own User Timing measure `ops:decode conversations` (body bytes copied into wasm and \
decoded). The agents snapshot is fetched alongside, so it no longer waits for the decode.
- **Keystroke / filter change → next paint**: real keys (`send_keys`) and clicks through WebDriver, \
one every 150 ms (clicks 300 ms). From the `keydown` (or `click`) event's `timeStamp` to after the \
first paint following the `input` (or `change`) event. **Handling** is from that event's dispatch \
to a bubble-phase listener registered after the app's own (so after the app's handlers and the \
microtasks they queued). Typed text: the first letters of customer names on screen, then as many \
backspaces. Event Timing entries (≥ 16 ms, 8 ms granularity) are counted as a cross-check. \
The **keystroke floor** is the same probe on a page whose search box only copies its text into \
one text node: no keystroke can be painted sooner on this machine.
- **A change → next paint**: with the live backend, a customer message with a unique marker is \
injected (the demo backend's library hook) into the first conversation on screen; the page \
watches the table's text (`MutationObserver`, `textContent`, no forced layout) and records the \
wall-clock time after the paint that shows the marker. From the injection to that paint, both \
on this machine's clock; markers whose row left the screen before they arrived are counted as \
not seen.
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
