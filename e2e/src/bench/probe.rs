//! The JS the benchmark runs in the page, and the shapes it answers with.
//!
//! [`INSTRUMENT`] is installed before any page script runs (CDP
//! `Page.addScriptToEvaluateOnNewDocument`). It only listens and timestamps
//! with `performance.now()` (ms since navigation start); it never changes the
//! page. "After the next paint" is the usual `requestAnimationFrame` +
//! `MessageChannel` pair: the message task runs once the frame's rendering
//! (style, layout, paint, commit to the compositor) is done on the main thread.

use serde::Deserialize;

/// Installed on every new document. `window.__bench` holds what it recorded.
pub const INSTRUMENT: &str = r#"
(() => {
  if (window.__bench) return;
  const B = window.__bench = {
    appStarted: null, rowsInserted: null, firstRows: null, wasm: null,
    interactions: [], events: [], frames: [], tasks: [], pendingStart: null, current: null,
  };
  const afterNextPaint = (cb) => requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => cb(performance.now());
    ch.port2.postMessage(null);
  });
  // Trunk's loader announces the instantiated module; its exports hold the wasm memory.
  addEventListener('TrunkApplicationStarted', (e) => {
    B.appStarted = performance.now();
    B.wasm = e.detail && e.detail.wasm;
  });
  // First data row in the DOM, then the paint that shows it.
  const CELL = '[role=table] [role=rowgroup] [role=row] [role=cell]';
  const watch = new MutationObserver(() => {
    if (B.rowsInserted === null && document.querySelector(CELL)) {
      B.rowsInserted = performance.now();
      watch.disconnect();
      afterNextPaint((t) => { B.firstRows = t; });
    }
  });
  watch.observe(document, { childList: true, subtree: true });
  // An interaction starts at the key press or the click (the event's own
  // timestamp, so time queued behind other work counts), and ends after the
  // paint that follows the app's handling of the resulting input/change.
  addEventListener('keydown', (e) => { B.pendingStart = e.timeStamp; }, true);
  addEventListener('click', (e) => { B.pendingStart = e.timeStamp; }, true);
  const kindOf = (e) => {
    const t = e.target;
    if (!t || t.tagName !== 'INPUT') return null;
    if (e.type === 'input' && t.type === 'search') return 'search';
    if (e.type === 'change' && t.type === 'checkbox') return 'filter';
    return null;
  };
  const begin = (e) => {
    const kind = kindOf(e);
    if (!kind) return;
    const rec = {
      kind, start: B.pendingStart === null ? e.timeStamp : B.pendingStart,
      dispatch: performance.now(), handled: null, paint: null,
    };
    B.pendingStart = null;
    B.current = rec;
    B.interactions.push(rec);
    afterNextPaint((t) => { rec.paint = t; });
  };
  addEventListener('input', begin, true);
  addEventListener('change', begin, true);
  // Bubble-phase listeners added once the app is running run after the
  // app's own handlers (and the microtasks they queue): "handled".
  B.installLate = () => {
    if (B.late) return;
    B.late = true;
    const end = (e) => {
      const rec = B.current;
      if (rec && rec.handled === null && kindOf(e) === rec.kind) rec.handled = performance.now();
    };
    addEventListener('input', end, false);
    addEventListener('change', end, false);
  };
  // Event Timing (input → next paint, rounded to 8 ms, only >= 16 ms reported): a cross-check.
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.interactionId) B.events.push({ id: e.interactionId, name: e.name, duration: e.duration });
      }
    }).observe({ type: 'event', durationThreshold: 16, buffered: true });
  } catch (_) {}
  // Long tasks (>= 50 ms) on the main thread: while one runs, nothing
  // paints and no input is handled.
  try {
    new PerformanceObserver((list) => {
      for (const t of list.getEntries()) B.tasks.push({ start: t.startTime, duration: t.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (_) {}
  // Long animation frames (>= 50 ms), with the scripts that ran in them.
  try {
    new PerformanceObserver((list) => {
      for (const f of list.getEntries()) {
        B.frames.push({
          start: f.startTime, duration: f.duration, blocking: f.blockingDuration,
          render: f.renderStart ? f.startTime + f.duration - f.renderStart : 0,
          scripts: (f.scripts || []).map((s) => ({
            invoker: s.invoker, duration: s.duration,
            source: (s.sourceFunctionName || '') + ' ' + (s.sourceURL || '').split('/').pop(),
          })),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch (_) {}
})();
"#;

/// The page's load timeline.
pub const LOAD_TIMINGS: &str = r#"
const B = window.__bench || {};
const res = performance.getEntriesByType('resource');
const pick = (test) => {
  const e = res.find((r) => test(new URL(r.name).pathname));
  return e ? { start: e.startTime, request: e.requestStart, response: e.responseStart,
               end: e.responseEnd, size: e.encodedBodySize } : null;
};
const paint = (name) => {
  const e = performance.getEntriesByName(name)[0];
  return e ? e.startTime : null;
};
return {
  first_contentful_paint: paint('first-contentful-paint'),
  app_started: B.appStarted, rows_inserted: B.rowsInserted, first_rows: B.firstRows,
  wasm: pick((p) => p.endsWith('.wasm')),
  me: pick((p) => p.endsWith('/me')),
  conversations: pick((p) => p.endsWith('/monitor/conversations')),
  agents: pick((p) => p.endsWith('/monitor/agents')),
  decoded: (() => {
    const m = performance.getEntriesByName('ops:decode conversations', 'measure')[0];
    return m ? { start: m.startTime, end: m.startTime + m.duration } : null;
  })(),
  frames: B.frames || [],
  long_tasks: B.tasks || [],
};
"#;

/// One resource's Resource Timing, in ms since navigation start.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Resource {
    pub start: f64,
    pub request: f64,
    pub response: f64,
    pub end: f64,
    pub size: f64,
}

/// A long animation frame and its scripts.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct LongFrame {
    pub start: f64,
    pub duration: f64,
    pub blocking: f64,
    /// Rendering (style, layout, paint) at the end of the frame.
    pub render: f64,
    pub scripts: Vec<FrameScript>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct FrameScript {
    pub invoker: String,
    pub duration: f64,
    pub source: String,
}

/// [`LOAD_TIMINGS`]' answer.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct LoadTimings {
    pub first_contentful_paint: Option<f64>,
    pub app_started: Option<f64>,
    pub rows_inserted: Option<f64>,
    pub first_rows: Option<f64>,
    pub wasm: Option<Resource>,
    pub me: Option<Resource>,
    pub conversations: Option<Resource>,
    pub agents: Option<Resource>,
    /// The app's own measure of the conversations snapshot's decode.
    pub decoded: Option<Span>,
    pub frames: Vec<LongFrame>,
    /// Main-thread tasks of 50 ms or more (Long Tasks API).
    #[serde(default)]
    pub long_tasks: Vec<LongTask>,
}

impl LoadTimings {
    /// The longest main-thread task that began before the first rows were
    /// painted; `None` if none reached 50 ms (the API's threshold).
    pub fn longest_task_before_rows(&self) -> Option<f64> {
        let rows = self.first_rows?;
        self.long_tasks
            .iter()
            .filter(|t| t.start < rows)
            .map(|t| t.duration)
            .max_by(f64::total_cmp)
    }
}

/// One long task, in ms since navigation start.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct LongTask {
    pub start: f64,
    pub duration: f64,
}

/// A span of the page's time, in ms since navigation start.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Span {
    pub start: f64,
    pub end: f64,
}

/// The conversations table as rendered: rows in the DOM, rows in view.
pub const VIEW: &str = r#"
const B = window.__bench || {};
const table = Array.from(document.querySelectorAll('[role=table]'))
  .find((t) => t.getAttribute('aria-label') === arguments[0]);
let rendered = 0, visible = 0, fit = 0;
if (table) {
  const rows = Array.from(table.querySelectorAll('[role=rowgroup] [role=row]'))
    .filter((r) => r.querySelector('[role=cell]'));
  rendered = rows.length;
  const box = table.getBoundingClientRect();
  const head = table.querySelector('[role=columnheader]');
  const top = Math.max(head ? head.getBoundingClientRect().bottom : box.top, 0);
  const bottom = Math.min(box.top + table.clientHeight, innerHeight);
  visible = rows.filter((r) => { const b = r.getBoundingClientRect(); return b.bottom > top && b.top < bottom; }).length;
  const h = rows.length ? rows[0].getBoundingClientRect().height : 44;
  fit = Math.ceil(Math.max(bottom - top, 0) / h);
}
const memory = B.wasm && B.wasm.memory ? B.wasm.memory.buffer.byteLength : null;
const counted = (name) => (B.wasm && typeof B.wasm[name] === 'function' ? B.wasm[name]() : null);
return { elements: document.getElementsByTagName('*').length, rendered, visible, fit, wasm_memory: memory,
  heap_held: counted('heap_held'), heap_peak: counted('heap_peak'), heap_largest: counted('heap_largest') };
"#;

#[derive(Clone, Debug, Default, Deserialize)]
pub struct View {
    /// `document.getElementsByTagName('*').length`.
    pub elements: f64,
    /// Data rows in the DOM.
    pub rendered: f64,
    /// Data rows at least partly inside the table's scroll viewport.
    pub visible: f64,
    /// Rows that fit in that viewport.
    pub fit: f64,
    /// Bytes of the wasm linear memory (`WebAssembly.Memory.buffer.byteLength`).
    pub wasm_memory: Option<f64>,
    /// Bytes the app holds on its heap (the app's counting allocator).
    pub heap_held: Option<f64>,
    /// The most it held at once since the previous reading.
    pub heap_peak: Option<f64>,
    /// The largest single block asked for since the previous reading.
    pub heap_largest: Option<f64>,
}

/// Async: the median interval between 60 animation frames (ms), i.e. how
/// long "the next paint" can be away.
pub const FRAME_INTERVAL: &str = r#"
const done = arguments[arguments.length - 1];
const stamps = [];
const step = (t) => {
  stamps.push(t);
  if (stamps.length <= 60) { requestAnimationFrame(step); return; }
  const gaps = stamps.slice(1).map((x, i) => x - stamps[i]).sort((a, b) => a - b);
  done(gaps[Math.floor(gaps.length / 2)]);
};
requestAnimationFrame(step);
"#;

/// Customer names on screen (what a supervisor would type).
pub const CUSTOMER_NAMES: &str = r#"
return Array.from(document.querySelectorAll('[role=table] [role=row] .customer__name'))
  .map((e) => e.textContent.trim()).filter((s) => s.length > 0).slice(0, 40);
"#;

/// Watches the conversations table for `arguments[0]` in its text; once it
/// appears, records the wall-clock time (ms since the epoch) after the
/// next paint in `window.__fresh[marker]`. `textContent` forces no layout.
pub const WATCH_FOR_TEXT: &str = r#"
const marker = arguments[0];
window.__fresh = window.__fresh || {};
const table = document.querySelector('[role=table]');
if (!table) return false;
const observer = new MutationObserver(() => {
  if (!table.textContent.includes(marker)) return;
  observer.disconnect();
  requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => { window.__fresh[marker] = performance.timeOrigin + performance.now(); };
    ch.port2.postMessage(null);
  });
});
observer.observe(table, { childList: true, subtree: true, characterData: true });
return true;
"#;

/// The id of the first conversation row on screen (from its Options button).
pub const FIRST_ROW_ID: &str = r#"
const b = document.querySelector('[role=table] [role=row] button[id^=options-]');
return b ? b.id.slice('options-'.length) : null;
"#;

/// Starts a fresh interaction record (and installs the late listeners).
pub const RESET_INTERACTIONS: &str = r#"
const B = window.__bench;
B.installLate();
B.interactions = []; B.events = []; B.current = null; B.pendingStart = null;
return true;
"#;

/// The interactions recorded since the last reset.
pub const INTERACTIONS: &str = r#"
const B = window.__bench;
return { interactions: B.interactions, events: B.events };
"#;

/// One input or change, in ms since navigation start.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Interaction {
    pub kind: String,
    /// The key press's or click's event timestamp.
    pub start: f64,
    /// When the input/change event reached the window (capture).
    pub dispatch: f64,
    /// When the app's handlers (and their microtasks) were done.
    pub handled: Option<f64>,
    /// After the next paint.
    pub paint: Option<f64>,
}

/// An Event Timing entry that was part of an interaction.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct EventTiming {
    pub id: f64,
    pub name: String,
    pub duration: f64,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Recorded {
    pub interactions: Vec<Interaction>,
    pub events: Vec<EventTiming>,
}
