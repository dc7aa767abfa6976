//! `POST /api/v1/conversations/{id}/transfer`: move a conversation to a
//! department's queue, or straight to one of its agents.

use axum::extract::State;
use axum::response::Response;
use monitor_core::wire::{permission, TransferRequest};

use super::action::{self, Incoming, Needs};
use super::path_id::PathId;
use crate::auth::Caller;
use crate::state::AppState;

const NEEDS: Needs = Needs {
    permission: permission::TRANSFER,
    denied: "your profile cannot transfer conversations",
};

pub async fn transfer(
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
        |sim, scope, request: TransferRequest| {
            if scope.visible(sim.world(), &id).is_none() {
                return Err(action::not_found(&id));
            }
            // An empty agent is what a cleared form field sends: no agent.
            let agent = request.agent_id.as_deref().filter(|a| !a.is_empty());
            let now = clock.now();
            sim.transfer_conversation(&id, &request.department_id, agent, &by, now)
                .map_err(|r| action::refused(&id, r))
        },
    )
}
