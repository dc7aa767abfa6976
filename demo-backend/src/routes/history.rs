//! `GET /api/v1/conversations/{id}/actions`: who transferred or ended a
//! conversation, when, and how.

use axum::extract::State;
use axum::Json;
use monitor_core::wire::ActionsList;

use super::action::not_found;
use super::path_id::PathId;
use crate::auth::Caller;
use crate::problem::ApiError;
use crate::state::AppState;

pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    PathId(id): PathId,
) -> Result<Json<ActionsList>, ApiError> {
    let actions = {
        let sim = state.sim();
        let world = sim.world();
        let record = caller
            .scope(world)
            .visible(world, &id)
            .ok_or_else(|| not_found(&id))?;
        record.actions.clone()
    };
    Ok(Json(ActionsList {
        server_time: state.clock().now(),
        actions,
    }))
}
