//! `GET /api/v1/conversations/{id}/messages`: the transcript.

use axum::extract::{Path, State};
use axum::Json;
use monitor_core::wire::MessagesList;

use crate::auth::Caller;
use crate::problem::ApiError;
use crate::sim::transcript::transcript;
use crate::state::AppState;

pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<MessagesList>, ApiError> {
    let messages = {
        let sim = state.sim();
        let world = sim.world();
        let scope = caller.scope(world);
        let visible = match (world.active.get(&id), world.finished.get(&id)) {
            (Some(r), _) => scope.sees_conversation(&r.conversation).then_some(r),
            (None, Some(r)) => scope.sees_finished(&r.conversation).then_some(r),
            (None, None) => None,
        };
        // Out of scope looks exactly like unknown: no probing for ids.
        let record = visible.ok_or_else(|| ApiError::not_found(format!("no conversation {id}")))?;
        transcript(sim.seed(), record)
    };
    Ok(Json(MessagesList {
        server_time: crate::clock::now(),
        messages,
    }))
}
