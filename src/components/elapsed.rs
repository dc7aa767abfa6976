//! A ticking "time since" cell. It reads the shared clock, so only mounted
//! rows tick; a row of a virtual table that is rendered but off screen (the
//! overscan) keeps its text and does not tick until it scrolls into view.

use leptos::prelude::*;
use monitor_core::elapsed::format_elapsed;
use monitor_core::wire::Timestamp;

use crate::state::clock::use_clock;

/// Whether the row around a cell is inside the table's viewport (provided
/// by the virtual table to each row it renders).
#[derive(Clone, Copy)]
pub struct OnScreen(pub Signal<bool>);

/// Elapsed time from `since` to the server's now, e.g. "12:34".
#[component]
pub fn Elapsed(
    /// Start of the interval (server time).
    since: Timestamp,
) -> impl IntoView {
    let now = use_clock().now();
    let on_screen = use_context::<OnScreen>().map(|o| o.0);
    let shown = StoredValue::new(format_elapsed(now.get_untracked() - since));
    let text = move || {
        if on_screen.is_none_or(|s| s.get()) {
            let text = format_elapsed(now.get() - since);
            shown.set_value(text.clone());
            text
        } else {
            shown.get_value()
        }
    };
    view! { <span class="elapsed">{text}</span> }
}
