//! `GET /api/v1/monitor/conversations`: the active conversations in the
//! caller's scope, or (`scope=finished`) pages of finished ones.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::Json;
use chrono::{DateTime, Utc};
use monitor_core::wire::{Conversation, ConversationsSnapshot, Timestamp};
use serde::Deserialize;

use crate::auth::{Caller, Scope};
use crate::problem::ApiError;
use crate::sim::model::World;
use crate::state::AppState;

/// Finished conversations per page.
pub const PAGE_SIZE: usize = 200;

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    scope: Option<String>,
    from: Option<String>,
    to: Option<String>,
    cursor: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Json<ConversationsSnapshot>, ApiError> {
    let Query(query) = query.map_err(|e| ApiError::bad_request(e.body_text()))?;
    let finished = match query.scope.as_deref() {
        None | Some("active") => None,
        Some("finished") => Some(FinishedFilter::parse(&query)?),
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "unknown scope {other:?}: expected `active` or `finished`"
            )))
        }
    };
    // State and sequence are read under the same lock, so the snapshot is
    // exactly the state as of `sequence`; serializing happens after unlocking.
    let (conversations, next_cursor, sequence) = {
        let sim = state.sim();
        let world = sim.world();
        let scope = caller.scope(world);
        let (conversations, next) = match finished {
            None => {
                let active = world.active.iter().map(|r| &r.conversation);
                (
                    active
                        .filter(|c| scope.sees_conversation(c))
                        .cloned()
                        .collect(),
                    None,
                )
            }
            Some(filter) => filter.page(world, &scope),
        };
        (conversations, next, sim.journal().sequence())
    };
    Ok(Json(ConversationsSnapshot {
        server_time: state.clock().now(),
        sequence,
        conversations,
        next_cursor,
    }))
}

/// `from` ≤ finished_at < `to`, newest first, continuing below `cursor`.
#[derive(Debug, Clone, Copy, Default)]
struct FinishedFilter {
    from: Option<Timestamp>,
    to: Option<Timestamp>,
    /// Exclusive upper bound on the serials of the finished store.
    before_serial: Option<u64>,
}

const CURSOR_PREFIX: &str = "f-";

impl FinishedFilter {
    fn parse(q: &ListQuery) -> Result<Self, ApiError> {
        let time = |name: &str, raw: &Option<String>| -> Result<Option<Timestamp>, ApiError> {
            raw.as_deref()
                .map(|s| {
                    // An unencoded `+00:00` arrives as a space.
                    DateTime::parse_from_rfc3339(&s.replace(' ', "+"))
                        .map(|t| t.with_timezone(&Utc))
                        .map_err(|_| {
                            ApiError::bad_request(format!(
                                "`{name}` is not an RFC 3339 time: {s:?}"
                            ))
                        })
                })
                .transpose()
        };
        let before_serial = q
            .cursor
            .as_deref()
            .map(|c| {
                c.strip_prefix(CURSOR_PREFIX)
                    .and_then(|n| n.parse::<u64>().ok())
                    .ok_or_else(|| ApiError::bad_request(format!("invalid cursor {c:?}")))
            })
            .transpose()?;
        Ok(Self {
            from: time("from", &q.from)?,
            to: time("to", &q.to)?,
            before_serial,
        })
    }

    fn page(self, world: &World, scope: &Scope) -> (Vec<Conversation>, Option<String>) {
        let store = &world.finished;
        let mut serial = self
            .before_serial
            .unwrap_or(u64::MAX)
            .min(store.end_serial());
        let mut page = Vec::new();
        while serial > store.first_serial() {
            serial -= 1;
            let Some(record) = store.at_serial(serial) else {
                break;
            };
            let c = &record.conversation;
            let at = c.finished_at.unwrap_or(c.status_since);
            let in_range = self.from.is_none_or(|f| at >= f) && self.to.is_none_or(|t| at < t);
            if !in_range || !scope.sees_finished(c) {
                continue;
            }
            if page.len() == PAGE_SIZE {
                // One more match exists: the next page starts with it.
                return (page, Some(format!("{CURSOR_PREFIX}{}", serial + 1)));
            }
            page.push(c.clone());
        }
        (page, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::{seed, Sim, SimConfig};

    fn world_with_finished() -> World {
        let mut sim = Sim::new(
            SimConfig {
                seed: 2,
                agents: 40,
                conversations: 300,
                ..SimConfig::default()
            },
            seed::anchor(),
        );
        let mut now = seed::anchor();
        while sim.world().finished.len() < 2 * PAGE_SIZE + 10 {
            now += chrono::TimeDelta::seconds(1);
            sim.advance(10, now);
        }
        sim.world().clone()
    }

    #[test]
    fn finished_pages_are_newest_first_disjoint_and_complete() {
        let world = world_with_finished();
        let mut filter = FinishedFilter::default();
        let mut seen = Vec::new();
        let mut pages = 0;
        loop {
            let (page, next) = filter.page(&world, &Scope::All);
            assert!(page.len() <= PAGE_SIZE);
            seen.extend(page);
            pages += 1;
            let Some(next) = next else { break };
            let query = ListQuery {
                cursor: Some(next),
                ..Default::default()
            };
            filter = FinishedFilter::parse(&query).unwrap();
        }
        assert_eq!(pages, 3);
        assert_eq!(seen.len(), world.finished.len());
        assert!(seen
            .windows(2)
            .all(|w| w[0].finished_at >= w[1].finished_at));
        let ids: std::collections::HashSet<_> = seen.iter().map(|c| &c.id).collect();
        assert_eq!(ids.len(), seen.len());
    }

    #[test]
    fn finished_time_range_and_bad_parameters() {
        let world = world_with_finished();
        let newest = world
            .finished
            .at_serial(world.finished.end_serial() - 1)
            .unwrap();
        let cut = newest.conversation.finished_at.unwrap();
        let query = ListQuery {
            from: Some(cut.to_rfc3339()),
            ..Default::default()
        };
        let (page, _) = FinishedFilter::parse(&query)
            .unwrap()
            .page(&world, &Scope::All);
        assert!(!page.is_empty() && page.iter().all(|c| c.finished_at >= Some(cut)));
        let query = ListQuery {
            to: Some(cut.to_rfc3339()),
            ..Default::default()
        };
        let (page, _) = FinishedFilter::parse(&query)
            .unwrap()
            .page(&world, &Scope::All);
        assert!(!page.is_empty() && page.iter().all(|c| c.finished_at < Some(cut)));
        let bad = ListQuery {
            from: Some("yesterday".into()),
            ..Default::default()
        };
        assert!(FinishedFilter::parse(&bad).is_err());
        let bad = ListQuery {
            cursor: Some("x".into()),
            ..Default::default()
        };
        assert!(FinishedFilter::parse(&bad).is_err());
    }
}
