//! The REST snapshots: determinism, scope and transcripts.

mod common;

use std::collections::HashSet;
use std::time::Duration;

use common::{frozen, frozen_with, get, get_json, spawn, ADMIN, AGENT, PATIENCE};
use demo_backend::sim::preview::preview;
use demo_backend::Options;
use monitor_core::wire::{
    AgentsSnapshot, ConversationsSnapshot, DepartmentsList, Me, MessagesList,
};
use monitor_core::ConversationStatus;

const CONVERSATIONS: &str = "/api/v1/monitor/conversations";

/// A snapshot's JSON without the fields that must differ between servers:
/// the time, and the sequence (each run starts its own).
async fn without_server_time(server: &demo_backend::Server, path: &str) -> serde_json::Value {
    let mut value: serde_json::Value = get_json(server, path, ADMIN).await;
    let object = value.as_object_mut().expect("object");
    object.remove("server_time");
    object.remove("sequence");
    value
}

#[tokio::test]
async fn same_seed_gives_identical_initial_conversations_and_agents() {
    let a = frozen_with(Options {
        seed: 42,
        ..Default::default()
    })
    .await;
    let b = frozen_with(Options {
        seed: 42,
        ..Default::default()
    })
    .await;
    for path in [CONVERSATIONS, "/api/v1/monitor/agents"] {
        let (left, right) = (
            without_server_time(&a, path).await,
            without_server_time(&b, path).await,
        );
        assert_eq!(left, right, "{path}");
    }
    let snapshot: ConversationsSnapshot = get_json(&a, CONVERSATIONS, ADMIN).await;
    assert_eq!(snapshot.conversations.len(), 300);
}

#[tokio::test]
async fn another_seed_gives_different_conversations() {
    let a = frozen_with(Options {
        seed: 1,
        ..Default::default()
    })
    .await;
    let b = frozen_with(Options {
        seed: 2,
        ..Default::default()
    })
    .await;
    assert_ne!(
        without_server_time(&a, CONVERSATIONS).await,
        without_server_time(&b, CONVERSATIONS).await
    );
}

#[tokio::test]
async fn agent_snapshot_holds_only_own_conversations_and_queued_ones_in_own_departments() {
    let server = frozen().await;
    let me: Me = get_json(&server, "/api/v1/me", AGENT).await;
    let agents: AgentsSnapshot = get_json(&server, "/api/v1/monitor/agents", ADMIN).await;
    let departments: HashSet<String> = agents
        .agents
        .iter()
        .find(|a| a.id == me.id)
        .expect("the agent user is a simulated agent")
        .departments
        .iter()
        .map(|d| d.id.clone())
        .collect();
    let all: ConversationsSnapshot = get_json(&server, CONVERSATIONS, ADMIN).await;
    let mine: ConversationsSnapshot = get_json(&server, CONVERSATIONS, AGENT).await;
    assert_eq!(mine.sequence, all.sequence);

    let expected: Vec<_> = all
        .conversations
        .iter()
        .filter(|c| {
            c.agent.as_ref().is_some_and(|a| a.id == me.id)
                || (c.status == ConversationStatus::Queued
                    && departments.contains(&c.department.id))
        })
        .collect();
    let got: Vec<_> = mine.conversations.iter().collect();
    assert_eq!(got, expected);
    assert!(
        got.iter().any(|c| c.agent.is_some()),
        "the agent has own conversations"
    );
    assert!(
        got.iter().any(|c| c.agent.is_none()),
        "the agent sees a queue"
    );
    assert!(got.len() < all.conversations.len());
}

#[tokio::test]
async fn transcript_is_served_in_scope_and_404_outside_it() {
    let server = frozen().await;
    let me: Me = get_json(&server, "/api/v1/me", AGENT).await;
    let all: ConversationsSnapshot = get_json(&server, CONVERSATIONS, ADMIN).await;
    let own = all
        .conversations
        .iter()
        .find(|c| c.agent.as_ref().is_some_and(|a| a.id == me.id))
        .unwrap();
    let foreign = all
        .conversations
        .iter()
        .find(|c| c.agent.as_ref().is_some_and(|a| a.id != me.id))
        .unwrap();

    let path = |id: &str| format!("/api/v1/conversations/{id}/messages");
    let transcript: MessagesList = get_json(&server, &path(&own.id), AGENT).await;
    assert!(transcript.messages.len() >= 4);
    assert!(transcript
        .messages
        .iter()
        .any(|m| m.text.contains(&own.customer.name)
            || m.author_name.as_deref() == Some(own.customer.name.as_str())));

    let response = get(&server, &path(&foreign.id), Some(AGENT)).await;
    assert_eq!(
        response.status(),
        404,
        "another agent's conversation looks unknown"
    );
    let response = get(&server, &path(&foreign.id), Some(ADMIN)).await;
    assert_eq!(response.status(), 200);
    let response = get(&server, &path("c-999999"), Some(ADMIN)).await;
    assert_eq!(response.status(), 404);
    assert_eq!(common::content_type(&response), "application/problem+json");
}

#[tokio::test]
async fn each_row_carries_the_last_message_of_its_transcript() {
    let server = frozen().await;
    let all: ConversationsSnapshot = get_json(&server, CONVERSATIONS, ADMIN).await;
    for c in all.conversations.iter().take(40) {
        let path = format!("/api/v1/conversations/{}/messages", c.id);
        let transcript: MessagesList = get_json(&server, &path, ADMIN).await;
        let last = transcript.messages.last().expect("a transcript");
        let row = c.last_message.as_ref().expect("a last message");
        assert_eq!(
            (&row.author, row.sent_at, row.text.as_str()),
            (&last.author, last.sent_at, preview(&last.text).as_str()),
            "{}",
            c.id
        );
        assert_eq!(c.updated_at, Some(row.sent_at));
    }
}

#[tokio::test]
async fn departments_list_their_agents() {
    let server = frozen().await;
    let list: DepartmentsList = get_json(&server, "/api/v1/departments", ADMIN).await;
    let agents: AgentsSnapshot = get_json(&server, "/api/v1/monitor/agents", ADMIN).await;
    assert!(list.departments.len() >= 5);
    for agent in &agents.agents {
        for d in &agent.departments {
            let department = list.departments.iter().find(|x| x.id == d.id).unwrap();
            assert!(
                department.agent_ids.contains(&agent.id),
                "{} not in {}",
                agent.id,
                d.id
            );
        }
    }
}

#[tokio::test]
async fn finished_conversations_are_listed_with_scope_finished() {
    let server = spawn(Options {
        rate: 2_000.0,
        ..Default::default()
    })
    .await;
    let path = format!("{CONVERSATIONS}?scope=finished");
    let deadline = tokio::time::Instant::now() + PATIENCE;
    let finished = loop {
        let page: ConversationsSnapshot = get_json(&server, &path, ADMIN).await;
        if !page.conversations.is_empty() {
            break page;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "nothing finished in time"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(finished
        .conversations
        .iter()
        .all(|c| c.status == ConversationStatus::Finished && c.finished_at.is_some()));
    let active: ConversationsSnapshot = get_json(&server, CONVERSATIONS, ADMIN).await;
    assert!(active
        .conversations
        .iter()
        .all(|c| c.status != ConversationStatus::Finished));

    let response = get(
        &server,
        &format!("{CONVERSATIONS}?scope=finished&from=yesterday"),
        Some(ADMIN),
    )
    .await;
    assert_eq!(response.status(), 400);
    let response = get(
        &server,
        &format!("{CONVERSATIONS}?scope=everything"),
        Some(ADMIN),
    )
    .await;
    assert_eq!(response.status(), 400);
}
