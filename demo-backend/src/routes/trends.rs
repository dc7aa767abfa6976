//! `GET /api/v1/monitor/trends`: the last hour of the caller's scope as
//! points a minute apart (queue size, longest wait, service level of the
//! half hour before each), for those allowed to see trends.
//!
//! Polled like the indicators, and computed the same way from the same
//! records, so a chart and a card never tell two stories.

use axum::extract::State;
use axum::http::header::CACHE_CONTROL;
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use axum::Json;
use monitor_core::kpi::{self, Scope as KpiScope, TrendsSnapshot};
use monitor_core::wire::permission;

use super::indicators::departments_in_scope;
use crate::auth::Caller;
use crate::problem::ApiError;
use crate::state::AppState;

pub async fn get(State(state): State<AppState>, caller: Caller) -> Result<Response, ApiError> {
    if !caller.can(permission::VIEW_TRENDS) {
        return Err(ApiError::forbidden("your profile cannot see the trends"));
    }
    let snapshot = {
        let sim = state.sim();
        let world = sim.world();
        let departments = departments_in_scope(&caller, world);
        let scope = KpiScope {
            departments: &departments,
            thresholds: state.thresholds(),
        };
        // Under the lock, so no record is newer than `now`.
        let now = state.clock().now();
        let points = kpi::trend(
            &scope,
            sim.history().waits(),
            world.active.iter().map(|r| &r.conversation),
            now,
        );
        TrendsSnapshot {
            server_time: now,
            sequence: sim.journal().sequence(),
            points,
        }
    };
    let mut response = Json(snapshot).into_response();
    // Figures of an instant: a cache must never answer with older ones.
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}
