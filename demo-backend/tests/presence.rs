//! `POST /api/v1/agents/{id}/presence`: who may set an agent's presence,
//! what it changes, and who sees it.

mod common;

use common::{frozen, get_json, observable_state, post, problem, SseReader, ADMIN, AGENT};
use demo_backend::idempotency::REPLAYED_HEADER;
use demo_backend::Server;
use monitor_core::event::{decode_event, Change, StreamEvent};
use monitor_core::wire::{permission, Agent, AgentsSnapshot, ConversationsSnapshot, Me, UserRef};
use monitor_core::AgentStatus;
use serde_json::{json, Value};

const OPERATOR: &str = "demo-operator";
const ADVANCED: &str = "demo-advanced";

fn presence_path(id: &str) -> String {
    format!("/api/v1/agents/{id}/presence")
}

fn offline() -> Value {
    json!({ "status": "offline" })
}

/// A simulated agent (not the demo agent) with this presence and, if
/// asked, conversations of their own.
async fn agent_with(server: &Server, status: AgentStatus, busy: bool) -> Agent {
    let snapshot: AgentsSnapshot = get_json(server, "/api/v1/monitor/agents", ADMIN).await;
    snapshot
        .agents
        .into_iter()
        .skip(1)
        .find(|a| a.status == status && (!busy || a.active_conversations > 0))
        .expect("such an agent")
}

async fn agent_of(response: reqwest::Response) -> Agent {
    assert_eq!(response.status(), 200);
    assert_eq!(common::content_type(&response), "application/json");
    response.json().await.expect("an agent")
}

fn user(id: &str, name: &str) -> Option<UserRef> {
    Some(UserRef {
        id: id.into(),
        name: name.into(),
    })
}

#[tokio::test]
async fn admins_and_operators_sign_an_agent_out_and_the_agents_list_shows_who() {
    let server = frozen().await;
    for (token, by) in [
        (ADMIN, user("u-admin", "Admin Demo")),
        (OPERATOR, user("u-operator", "Operadora Demo")),
    ] {
        let before = agent_with(&server, AgentStatus::Online, false).await;

        let after =
            agent_of(post(&server, &presence_path(&before.id), token, None, &offline()).await)
                .await;

        assert_eq!(after.status, AgentStatus::Offline);
        assert_eq!(after.status_set_by, by);
        assert!(after.status_since > before.status_since);
        let listed: AgentsSnapshot = get_json(&server, "/api/v1/monitor/agents", ADMIN).await;
        assert_eq!(
            listed.agents.iter().find(|a| a.id == before.id),
            Some(&after)
        );
        assert_eq!(server.agent(&before.id), Some(after));
    }
}

#[tokio::test]
async fn a_signed_out_agent_keeps_their_conversations() {
    let server = frozen().await;
    let agent = agent_with(&server, AgentStatus::Online, true).await;

    let after =
        agent_of(post(&server, &presence_path(&agent.id), ADMIN, None, &offline()).await).await;

    assert_eq!(after.active_conversations, agent.active_conversations);
    let snapshot: ConversationsSnapshot =
        get_json(&server, "/api/v1/monitor/conversations", ADMIN).await;
    let own = snapshot
        .conversations
        .iter()
        .filter(|c| c.agent.as_ref().is_some_and(|a| a.id == agent.id))
        .count();
    assert_eq!(own as u32, agent.active_conversations);
}

#[tokio::test]
async fn setting_the_presence_an_agent_already_has_answers_the_agent_and_changes_nothing() {
    let server = frozen().await;
    let agent = agent_with(&server, AgentStatus::Connected, false).await;
    let state = observable_state(&server).await;

    let body = json!({ "status": "connected" });
    let same = agent_of(post(&server, &presence_path(&agent.id), ADMIN, None, &body).await).await;

    assert_eq!(same, agent, "not even status_since or status_set_by");
    assert_eq!(observable_state(&server).await, state);
}

#[tokio::test]
async fn advanced_agents_and_agents_are_forbidden_and_change_nothing() {
    let server = frozen().await;
    let agent = agent_with(&server, AgentStatus::Online, false).await;
    let state = observable_state(&server).await;
    for token in [ADVANCED, AGENT] {
        let response = post(
            &server,
            &presence_path(&agent.id),
            token,
            Some("k-1"),
            &offline(),
        )
        .await;
        problem(response, 403).await;
    }
    assert_eq!(observable_state(&server).await, state);
}

#[tokio::test]
async fn an_unknown_agent_is_404_and_an_unknown_or_missing_presence_is_refused() {
    let server = frozen().await;
    let agent = agent_with(&server, AgentStatus::Online, false).await;
    let state = observable_state(&server).await;

    problem(
        post(&server, &presence_path("a-9999"), ADMIN, None, &offline()).await,
        404,
    )
    .await;
    let path = presence_path(&agent.id);
    let busy = problem(
        post(&server, &path, ADMIN, None, &json!({ "status": "busy" })).await,
        422,
    )
    .await;
    assert!(busy.contains("busy"), "{busy}");
    // An unknown presence is checked before the agent, like a justification.
    let unknown = presence_path("a-9999");
    problem(
        post(&server, &unknown, ADMIN, None, &json!({ "status": "busy" })).await,
        422,
    )
    .await;
    // JSON that is not a SetPresenceRequest is refused, as for every action.
    for body in [
        json!({}),
        json!({ "presence": "offline" }),
        json!({ "status": 3 }),
    ] {
        problem(post(&server, &path, ADMIN, None, &body).await, 422).await;
    }
    assert_eq!(observable_state(&server).await, state);
}

#[tokio::test]
async fn a_retry_with_the_same_key_replays_the_answer_and_changes_nothing() {
    let server = frozen().await;
    let agent = agent_with(&server, AgentStatus::Online, false).await;
    let path = presence_path(&agent.id);

    let first = post(&server, &path, OPERATOR, Some("presence-1"), &offline()).await;
    assert!(first.headers().get(REPLAYED_HEADER).is_none());
    let first = first.bytes().await.expect("body");
    let state = observable_state(&server).await;

    let retry = post(&server, &path, OPERATOR, Some("presence-1"), &offline()).await;
    assert_eq!(retry.status(), 200);
    assert_eq!(common::header(&retry, REPLAYED_HEADER), "true");
    assert_eq!(retry.bytes().await.expect("body"), first, "byte for byte");
    assert_eq!(observable_state(&server).await, state);

    let online = json!({ "status": "online" });
    problem(
        post(&server, &path, OPERATOR, Some("presence-1"), &online).await,
        422,
    )
    .await;
    assert_eq!(observable_state(&server).await, state);
}

#[tokio::test]
async fn the_stream_carries_the_agent_with_who_set_the_presence() {
    let server = frozen().await;
    let agent = agent_with(&server, AgentStatus::Online, false).await;
    let mut stream = SseReader::connect(&server, ADMIN, None).await;

    let body = json!({ "status": "connected" });
    let answered =
        agent_of(post(&server, &presence_path(&agent.id), OPERATOR, None, &body).await).await;

    let event = stream.next_change().await;
    let decoded = decode_event(
        &event.event,
        event.id.as_deref().unwrap_or_default(),
        &event.data,
    );
    let Ok(StreamEvent::Change {
        change: Change::AgentUpsert(streamed),
        ..
    }) = decoded
    else {
        panic!("expected an agent.upsert, got {event:?}");
    };
    assert_eq!(streamed, answered);
    assert_eq!(streamed.status, AgentStatus::Connected);
    assert_eq!(streamed.status_set_by, user("u-operator", "Operadora Demo"));
}

#[tokio::test]
async fn only_admins_and_operators_are_told_they_may_set_presence() {
    let server = frozen().await;
    for (token, may) in [
        (ADMIN, true),
        (OPERATOR, true),
        (ADVANCED, false),
        (AGENT, false),
    ] {
        let me: Me = get_json(&server, "/api/v1/me", token).await;
        let listed = me
            .permissions
            .iter()
            .any(|p| p == permission::SET_AGENT_PRESENCE);
        assert_eq!(listed, may, "{token}");
    }
}
