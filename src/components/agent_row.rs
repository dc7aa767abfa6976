//! One row of the Agents table: presence with its ticking time, and the load
//! as "active / capacity" with a bar.

use std::sync::Arc;

use leptos::prelude::*;
use monitor_core::agent_select::GROUPS_SEPARATOR;
use monitor_core::wire::Agent;

use super::badges::PresenceBadge;
use super::elapsed::Elapsed;
use crate::i18n::{fill, use_texts};

/// The id of an agent's details button, where focus returns after the dialog.
pub fn agent_details_button_id(agent_id: &str) -> String {
    format!("agent-details-{agent_id}")
}

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
    agent: Arc<Agent>,
    /// 1-based row index within the whole table (header is row 1).
    #[prop(into)]
    row_index: Signal<usize>,
    /// Opens the agent's drill-down.
    on_details: Callback<String>,
) -> impl IntoView {
    let t = use_texts();
    let button_id = agent_details_button_id(&agent.id);
    let Agent {
        id,
        name,
        email,
        status,
        status_since,
        active_conversations,
        capacity,
        transfers,
        departments,
        ..
    } = Agent::clone(&agent);
    let label_name = name.clone();
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
                <button
                    id=button_id
                    class="link-button"
                    aria-label=move || fill(t.get().agent_details_button, &[("name", &label_name)])
                    aria-haspopup="dialog"
                    on:click=move |_| on_details.run(id.clone())
                >
                    {name}
                </button>
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
