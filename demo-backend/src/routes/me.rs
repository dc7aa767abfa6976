//! `GET /api/v1/me`: who the caller is and what they may do.

use axum::Json;
use monitor_core::wire::Me;

use crate::auth::Caller;

pub async fn get(caller: Caller) -> Json<Me> {
    Json(caller.me)
}
