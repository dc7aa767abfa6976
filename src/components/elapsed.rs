//! A ticking "time since" cell. It reads the shared clock, so only mounted
//! rows tick and one tick updates a few dozen text nodes at most.

use leptos::prelude::*;
use monitor_core::elapsed::format_elapsed;
use monitor_core::wire::Timestamp;

use crate::state::clock::use_clock;

/// Elapsed time from `since` to the server's now, e.g. "12:34".
#[component]
pub fn Elapsed(
    /// Start of the interval (server time).
    since: Timestamp,
) -> impl IntoView {
    let now = use_clock().now();
    view! { <span class="elapsed">{move || format_elapsed(now.get() - since)}</span> }
}
