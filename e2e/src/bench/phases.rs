//! Where the time to the first rows goes: the load's phases, from the
//! page's Resource and User Timing, as the report and the targets show them.

use super::probe::LoadTimings;

/// The parts of the time to first rows, in order, in ms.
pub fn load_phases(t: &LoadTimings) -> Vec<(&'static str, f64)> {
    let (Some(c), Some(rows), Some(paint)) = (&t.conversations, t.rows_inserted, t.first_rows)
    else {
        return Vec::new();
    };
    // The app measures its decode (agents load alongside, since the
    // snapshot is fetched with them); older builds: up to the next request.
    let next = t
        .decoded
        .as_ref()
        .map(|d| d.end)
        .or(t.agents.as_ref().map(|a| a.start))
        .unwrap_or(rows);
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
        ("snapshot decode (last byte → decoded)", next - c.end),
        (
            "agents snapshot, board load, render (→ rows in the DOM)",
            rows - next,
        ),
        ("first paint of the rows", paint - rows),
    ]
}
