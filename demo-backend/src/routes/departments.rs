//! `GET /api/v1/departments`: departments with their agents' ids.

use axum::extract::State;
use axum::Json;
use monitor_core::wire::{Department, DepartmentsList};

use crate::auth::Caller;
use crate::state::AppState;

pub async fn list(State(state): State<AppState>, _caller: Caller) -> Json<DepartmentsList> {
    let departments = {
        let sim = state.sim();
        let world = sim.world();
        world
            .departments
            .iter()
            .zip(&world.members)
            .map(|(d, members)| Department {
                id: d.id.clone(),
                name: d.name.clone(),
                agent_ids: members
                    .iter()
                    .map(|&a| world.agents[a].id.clone())
                    .collect(),
            })
            .collect()
    };
    Json(DepartmentsList {
        server_time: state.clock().now(),
        departments,
    })
}
