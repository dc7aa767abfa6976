//! `POST /api/v1/agents/{id}/presence`: a supervisor sets an agent's
//! presence on their behalf; `offline` signs them out.

use axum::extract::State;
use axum::response::Response;
use monitor_core::wire::{permission, SetPresenceRequest};

use super::action::{self, Incoming, Needs};
use super::path_id::PathId;
use crate::auth::Caller;
use crate::problem::ApiError;
use crate::sim::presence::PresenceRefusal;
use crate::state::AppState;

const NEEDS: Needs = Needs {
    permission: permission::SET_AGENT_PRESENCE,
    denied: "your profile cannot set agents' presence",
};

pub async fn set(
    State(state): State<AppState>,
    caller: Caller,
    PathId(id): PathId,
    incoming: Incoming,
) -> Response {
    let by = action::actor(&caller);
    let clock = state.clock();
    action::run(
        &state,
        &caller,
        NEEDS,
        incoming,
        |sim, _scope, request: SetPresenceRequest| {
            let status = request.status;
            let refused = |refusal| match refusal {
                PresenceRefusal::UnknownStatus => ApiError::unprocessable(format!(
                    "unknown presence {:?}: expected online, connected or offline",
                    status.as_str()
                )),
                PresenceRefusal::UnknownAgent => ApiError::not_found(format!("no agent {id}")),
            };
            sim.set_agent_presence(&id, status.clone(), &by, clock.now())
                .map_err(refused)
        },
    )
}
