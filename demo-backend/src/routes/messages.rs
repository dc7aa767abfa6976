//! `GET /api/v1/conversations/{id}/messages`: the transcript.

use axum::extract::State;
use axum::Json;
use monitor_core::wire::MessagesList;

use super::path_id::PathId;
use crate::auth::Caller;
use crate::problem::ApiError;
use crate::sim::transcript::transcript;
use crate::state::AppState;

pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    PathId(id): PathId,
) -> Result<Json<MessagesList>, ApiError> {
    let messages = {
        let sim = state.sim();
        let world = sim.world();
        let record = caller
            .scope(world)
            .visible(world, &id)
            .ok_or_else(|| ApiError::not_found(format!("no conversation {id}")))?;
        transcript(sim.seed(), record)
    };
    Ok(Json(MessagesList {
        server_time: state.clock().now(),
        messages,
    }))
}
