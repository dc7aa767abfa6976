//! `POST /api/v1/conversations/{id}/end` and `POST /api/v1/conversations/bulk-end`:
//! finish conversations with a justification.

use std::collections::HashSet;

use axum::extract::State;
use axum::response::Response;
use monitor_core::wire::{
    permission, BulkEndOutcome, BulkEndRequest, BulkEndResponse, BulkEndResult, EndRequest,
    Timestamp, UserRef, BULK_END_MAX_IDS,
};

use super::action::{self, Incoming, Needs};
use super::path_id::PathId;
use crate::auth::{Caller, Scope};
use crate::problem::ApiError;
use crate::sim::actions::Refusal;
use crate::sim::Sim;
use crate::state::AppState;

const END: Needs = Needs {
    permission: permission::END,
    denied: "your profile cannot end conversations",
};

const BULK_END: Needs = Needs {
    permission: permission::BULK_END,
    denied: "your profile cannot end conversations in bulk",
};

pub async fn end(
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
        END,
        incoming,
        |sim, scope, request: EndRequest| {
            let justification = action::justification(&request.justification)?;
            if scope.visible(sim.world(), &id).is_none() {
                return Err(action::not_found(&id));
            }
            sim.end_conversation(&id, justification, &by, clock.now())
                .map_err(|r| action::refused(&id, r))
        },
    )
}

pub async fn bulk_end(
    State(state): State<AppState>,
    caller: Caller,
    incoming: Incoming,
) -> Response {
    let by = action::actor(&caller);
    let clock = state.clock();
    action::run(
        &state,
        &caller,
        BULK_END,
        incoming,
        |sim, scope, request: BulkEndRequest| {
            // Anything wrong with the request as a whole refuses all of it.
            let justification = action::justification(&request.justification)?;
            check_ids(&request.ids)?;
            let now = clock.now();
            let results = request
                .ids
                .iter()
                .map(|id| end_one(sim, scope, id, justification, &by, now))
                .collect();
            Ok(BulkEndResponse { results })
        },
    )
}

/// 1 to [`BULK_END_MAX_IDS`] ids, each once: a repeated id would report the
/// first occurrence's ending as `already_finished`.
fn check_ids(ids: &[String]) -> Result<(), ApiError> {
    if ids.is_empty() || ids.len() > BULK_END_MAX_IDS {
        return Err(ApiError::unprocessable(format!(
            "`ids` must hold 1 to {BULK_END_MAX_IDS} ids; it holds {}",
            ids.len()
        )));
    }
    let mut seen = HashSet::with_capacity(ids.len());
    match ids.iter().find(|id| !seen.insert(id.as_str())) {
        Some(repeated) => Err(ApiError::unprocessable(format!(
            "`ids` names {repeated} more than once"
        ))),
        None => Ok(()),
    }
}

/// One id's part of a bulk end.
fn end_one(
    sim: &mut Sim,
    scope: &Scope,
    id: &str,
    justification: &str,
    by: &UserRef,
    now: Timestamp,
) -> BulkEndResult {
    let result = |outcome, detail: Option<String>| BulkEndResult {
        id: id.to_owned(),
        outcome,
        detail,
    };
    if scope.visible(sim.world(), id).is_none() {
        return result(
            BulkEndOutcome::NotFound,
            Some(format!("no conversation {id}")),
        );
    }
    match sim.end_conversation_in_bulk(id, justification, by, now) {
        Ok(_) => result(BulkEndOutcome::Ended, None),
        Err(Refusal::InProgress) => result(
            BulkEndOutcome::Refused,
            Some("in progress: someone is serving it, so it is never ended in bulk".to_owned()),
        ),
        Err(Refusal::Finished) => result(
            BulkEndOutcome::AlreadyFinished,
            Some("already finished".to_owned()),
        ),
        Err(Refusal::NotFound) => result(
            BulkEndOutcome::NotFound,
            Some(format!("no conversation {id}")),
        ),
        Err(Refusal::Invalid(why)) => result(BulkEndOutcome::Refused, Some(why)),
    }
}
