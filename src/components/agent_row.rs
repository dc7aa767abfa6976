//! One row of the Agents table: presence with its ticking time, and the load
//! as "active / capacity" with a bar.

use leptos::prelude::*;
use monitor_core::agent_select::GROUPS_SEPARATOR;
use monitor_core::wire::Agent;

use super::badges::PresenceBadge;
use super::elapsed::Elapsed;

/// Load as a share of capacity, 0–100, for the bar; full when capacity is 0.
fn load_percent(active: u32, capacity: u32) -> f64 {
    if capacity == 0 {
        return if active > 0 { 100.0 } else { 0.0 };
    }
    (f64::from(active) / f64::from(capacity) * 100.0).min(100.0)
}

/// An agent as a table row.
#[component]
pub fn AgentRow(
    /// The agent shown.
    agent: Agent,
    /// 1-based row index within the whole table (header is row 1).
    #[prop(into)]
    row_index: Signal<usize>,
) -> impl IntoView {
    let Agent {
        name,
        email,
        status,
        status_since,
        active_conversations,
        capacity,
        transfers,
        departments,
        ..
    } = agent;
    let percent = load_percent(active_conversations, capacity);
    let full = active_conversations >= capacity;
    // The same separator the Groups sort uses, so the column reads the way it sorts.
    let groups = departments
        .iter()
        .map(|d| d.name.as_str())
        .collect::<Vec<_>>()
        .join(GROUPS_SEPARATOR);
    view! {
        <div class="table__row" role="row" aria-rowindex=move || row_index.get()>
            <div class="table__cell table__cell--stacked" role="cell">
                <span>{name}</span>
                <span class="muted small">{email}</span>
            </div>
            <div class="table__cell" role="cell">
                <PresenceBadge status />
            </div>
            <div class="table__cell table__cell--number" role="cell">
                <Elapsed since=status_since />
            </div>
            <div class="table__cell" role="cell">
                <span class="load" class:load--full=full>
                    <span class="load__text">{format!("{active_conversations} / {capacity}")}</span>
                    <span class="load__bar" aria-hidden="true">
                        <span class="load__fill" style:width=format!("{percent:.0}%")></span>
                    </span>
                </span>
            </div>
            <div class="table__cell table__cell--number" role="cell">{transfers}</div>
            <div class="table__cell" role="cell" title=groups.clone()>{groups.clone()}</div>
        </div>
    }
}
