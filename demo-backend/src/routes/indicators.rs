//! `GET /api/v1/monitor/indicators`: the key performance indicators of the
//! day so far and of the last half hour, overall, per department and per
//! channel, in the caller's scope: every department, or an agent's own
//! departments with the main values only (no averages).
//!
//! Polled, not streamed: the figures move with every answer and every end,
//! and a few kilobytes every quarter of a minute cost less than a new
//! change kind that every consumer of the stream would have to apply. The
//! live parts (the queue, the longest wait) the monitor already computes
//! from the stream.

use axum::extract::State;
use axum::http::header::CACHE_CONTROL;
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use axum::Json;
use monitor_core::kpi::{self, IndicatorsSnapshot, Scope as KpiScope};
use monitor_core::wire::{permission, DepartmentRef};

use crate::auth::{Caller, Scope};
use crate::sim::model::World;
use crate::state::AppState;

/// The departments `caller` may see figures of, in the order of
/// `/departments`.
pub(super) fn departments_in_scope(caller: &Caller, world: &World) -> Vec<DepartmentRef> {
    match caller.scope(world) {
        Scope::All => world.departments.clone(),
        Scope::Agent { departments, .. } => world
            .departments
            .iter()
            .filter(|d| departments.contains(&d.id))
            .cloned()
            .collect(),
    }
}

pub async fn get(State(state): State<AppState>, caller: Caller) -> Response {
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
        let history = sim.history();
        let [day, recent] = kpi::windows(
            &scope,
            history.waits(),
            history.handles(),
            world.active.iter().map(|r| &r.conversation),
            &world.agents,
            kpi::day_and_recent(now),
            now,
        );
        IndicatorsSnapshot {
            server_time: now,
            sequence: sim.journal().sequence(),
            day,
            last_30_minutes: recent,
        }
    };
    let snapshot = if caller.can(permission::VIEW_AVERAGES) {
        snapshot
    } else {
        IndicatorsSnapshot {
            day: snapshot.day.without_averages(),
            last_30_minutes: snapshot.last_30_minutes.without_averages(),
            ..snapshot
        }
    };
    let mut response = Json(snapshot).into_response();
    // Figures of an instant: a cache must never answer with older ones.
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
