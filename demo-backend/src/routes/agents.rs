//! `GET /api/v1/monitor/agents`: every agent, for callers allowed to see them.

use axum::extract::State;
use axum::Json;
use monitor_core::wire::{permission, AgentsSnapshot};

use crate::auth::Caller;
use crate::problem::ApiError;
use crate::state::AppState;

pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<AgentsSnapshot>, ApiError> {
    if !caller.can(permission::VIEW_AGENTS) {
        return Err(ApiError::forbidden("your profile cannot see the agents"));
    }
    // Agents and sequence under one lock: the snapshot is exactly "as of sequence".
    let (agents, sequence) = {
        let sim = state.sim();
        (sim.world().agents.clone(), sim.journal().sequence())
    };
    Ok(Json(AgentsSnapshot {
        server_time: state.clock().now(),
        sequence,
        agents,
    }))
}
