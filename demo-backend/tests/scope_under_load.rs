//! An agent's stream stays in the agent's scope while the simulation runs
//! hot: many assignments, transfers and ends interleave with every event.

mod common;

use std::collections::HashSet;
use std::time::Duration;

use common::{get_json, spawn, SseReader, AGENT};
use demo_backend::Options;
use monitor_core::event::{decode_event, Change, StreamEvent};
use monitor_core::wire::{DepartmentsList, Me};
use monitor_core::ConversationStatus;

/// How long the stream is watched.
const WATCH: Duration = Duration::from_secs(2);

#[tokio::test]
async fn under_load_an_agent_stream_carries_only_its_own_and_its_departments_queued_conversations()
{
    let server = spawn(Options {
        rate: 200.0,
        conversations: 300,
        ..Default::default()
    })
    .await;
    let me: Me = get_json(&server, "/api/v1/me", AGENT).await;
    let list: DepartmentsList = get_json(&server, "/api/v1/departments", AGENT).await;
    let departments: HashSet<String> = list
        .departments
        .into_iter()
        .filter(|d| d.agent_ids.contains(&me.id))
        .map(|d| d.id)
        .collect();
    assert!(!departments.is_empty(), "the demo agent has departments");

    let mut stream = SseReader::connect(&server, AGENT, None).await;
    let deadline = tokio::time::Instant::now() + WATCH;
    let mut upserts = 0;
    while tokio::time::Instant::now() < deadline {
        let event = stream.next_change().await;
        let id = event.id.as_deref().unwrap_or_default();
        let decoded = decode_event(&event.event, id, &event.data).expect("decodable event");
        match decoded {
            StreamEvent::Change {
                change: Change::ConversationUpsert(c),
                ..
            } => {
                let own = c.agent.as_ref().is_some_and(|a| a.id == me.id);
                let queued_in_mine = c.status == ConversationStatus::Queued
                    && departments.contains(&c.department.id);
                assert!(own || queued_in_mine, "out of scope: {c:?}");
                upserts += 1;
            }
            StreamEvent::Change {
                change: Change::AgentUpsert(a),
                ..
            } => panic!("an agent stream got agent.upsert for {}", a.id),
            // Removals carry no scope to check; a resync is allowed under load.
            _ => {}
        }
    }
    assert!(upserts > 0, "the load reached the agent's scope");
}
