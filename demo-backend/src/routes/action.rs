//! What the action endpoints (transfer, end, bulk end, agent presence)
//! share: the permission check, body decoding, the justification rule, and
//! carrying the effect out at most once per `Idempotency-Key`.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use monitor_core::wire::{checked_justification, UserRef};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::json_body;
use crate::auth::{Caller, Scope};
use crate::idempotency::{self, Fingerprint, Kept, Lookup, REPLAYED_HEADER};
use crate::problem::ApiError;
use crate::sim::actions::Refusal;
use crate::sim::Sim;
use crate::state::AppState;

/// An action request as received: the raw parts its fingerprint is made of.
#[derive(Debug)]
pub struct Incoming {
    method: Method,
    path: String,
    headers: HeaderMap,
    body: Bytes,
}

impl<S: Send + Sync> FromRequest<S> for Incoming {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let method = request.method().clone();
        let path = request.uri().path().to_owned();
        let headers = request.headers().clone();
        let body = Bytes::from_request(request, state)
            .await
            .map_err(|e| ApiError::new(e.status(), e.body_text()))?;
        Ok(Self {
            method,
            path,
            headers,
            body,
        })
    }
}

/// The permission an action needs, and what a caller without it is told.
#[derive(Debug, Clone, Copy)]
pub struct Needs {
    pub permission: &'static str,
    pub denied: &'static str,
}

/// Who an action is attributed to.
pub fn actor(caller: &Caller) -> UserRef {
    UserRef {
        id: caller.me.id.clone(),
        name: caller.me.name.clone(),
    }
}

/// The trimmed justification, or a 422 saying what is wrong with it.
pub fn justification(raw: &str) -> Result<&str, ApiError> {
    checked_justification(raw).map_err(|e| ApiError::unprocessable(e.to_string()))
}

/// The 404 of an unknown or out-of-scope conversation.
pub fn not_found(id: &str) -> ApiError {
    ApiError::not_found(format!("no conversation {id}"))
}

/// The problem for a refused action on conversation `id`.
pub fn refused(id: &str, refusal: Refusal) -> ApiError {
    match refusal {
        Refusal::NotFound => not_found(id),
        Refusal::Finished => ApiError::conflict(format!("conversation {id} is already finished")),
        Refusal::InProgress => ApiError::conflict(format!(
            "conversation {id} is in progress: someone is serving it"
        )),
        Refusal::Invalid(why) => ApiError::unprocessable(why),
    }
}

/// Runs an action for `caller`: 403 without the permission it `needs`,
/// 400 for a malformed key, 415, 400 or 422 for a body that is not exactly
/// a `B` ([`json_body::decode`]), then — under the key lock, then the
/// simulation lock — either the kept response of this key or `apply`, whose
/// success is answered 200 and kept under the key.
pub fn run<B, T>(
    state: &AppState,
    caller: &Caller,
    needs: Needs,
    incoming: Incoming,
    apply: impl FnOnce(&mut Sim, &Scope, B) -> Result<T, ApiError>,
) -> Response
where
    B: DeserializeOwned,
    T: Serialize,
{
    match execute(state, caller, needs, incoming, apply) {
        Ok(response) => response,
        Err(problem) => problem.into_response(),
    }
}

fn execute<B, T>(
    state: &AppState,
    caller: &Caller,
    needs: Needs,
    incoming: Incoming,
    apply: impl FnOnce(&mut Sim, &Scope, B) -> Result<T, ApiError>,
) -> Result<Response, ApiError>
where
    B: DeserializeOwned,
    T: Serialize,
{
    if !caller.can(needs.permission) {
        return Err(ApiError::forbidden(needs.denied));
    }
    let key = idempotency::key(&incoming.headers)?;
    let request: B = json_body::decode(&incoming.headers, &incoming.body)?;
    let fingerprint = Fingerprint::of(&incoming.method, &incoming.path, &incoming.body);
    let caller_id = caller.me.id.as_str();

    // Held until the response is kept: an identical request racing this one
    // waits here, then finds the response instead of acting again.
    let mut keys = state.keys();
    if let Some(key) = &key {
        match keys.lookup(caller_id, key, fingerprint) {
            Lookup::Fresh => {}
            Lookup::Replay(kept) => return Ok(respond(kept, true)),
            Lookup::Mismatch => {
                return Err(ApiError::unprocessable(format!(
                    "Idempotency-Key {key:?} was already used with another request; \
                     use a new key for a new action"
                )))
            }
        }
    }
    let outcome = {
        let mut sim = state.sim();
        let scope = caller.scope(sim.world());
        apply(&mut sim, &scope, request)?
    };
    let body = serde_json::to_vec(&outcome).map_err(|e| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the response could not be encoded: {e}"),
        )
    })?;
    let kept = Kept {
        status: StatusCode::OK,
        body: Bytes::from(body),
    };
    if let Some(key) = &key {
        keys.keep(caller_id, key, fingerprint, kept.clone());
    }
    Ok(respond(kept, false))
}

fn respond(kept: Kept, replayed: bool) -> Response {
    let mut response = (kept.status, kept.body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    if replayed {
        headers.insert(
            HeaderName::from_static(REPLAYED_HEADER),
            HeaderValue::from_static("true"),
        );
    }
    response
}
