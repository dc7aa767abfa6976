//! Supervisors' actions: transfer, end, bulk end, their refusals, and the
//! action history.

mod common;
#[path = "actions/subjects.rs"]
mod subjects;

use common::{frozen, get, get_json, observable_state, post, problem, ADMIN, AGENT};
use monitor_core::wire::{
    ActionKind, ActionsList, BulkEndOutcome, BulkEndResponse, Conversation, ConversationsSnapshot,
    MessagesList, JUSTIFICATION_MAX_CHARS,
};
use monitor_core::{AgentStatus, ConversationStatus};
use serde_json::json;
use subjects::view;

const CONVERSATIONS: &str = "/api/v1/monitor/conversations";

fn transfer_path(id: &str) -> String {
    format!("/api/v1/conversations/{id}/transfer")
}

fn end_path(id: &str) -> String {
    format!("/api/v1/conversations/{id}/end")
}

const BULK_END: &str = "/api/v1/conversations/bulk-end";

async fn conversation_of(response: reqwest::Response) -> Conversation {
    assert_eq!(response.status(), 200);
    assert_eq!(common::content_type(&response), "application/json");
    response.json().await.expect("a conversation")
}

#[tokio::test]
async fn transfer_without_agent_queues_it_in_the_new_department_for_every_monitor() {
    let server = frozen().await;
    let before = view(&server).await;
    let (c, department, _) = before.transferable(|c| c.agent.is_some());
    let old_agent = c.agent.clone().unwrap().id;

    let body = json!({ "department_id": department });
    let moved =
        conversation_of(post(&server, &transfer_path(&c.id), ADMIN, None, &body).await).await;

    assert_eq!(moved.status, ConversationStatus::Queued);
    assert_eq!(moved.agent, None);
    assert_eq!(moved.department.id, department);
    assert_eq!(moved.transfers, c.transfers + 1);
    assert!(moved.status_since > c.status_since);
    let after = view(&server).await;
    assert_eq!(after.conversation(|x| x.id == c.id), moved);
    assert_eq!(
        after.agent(&old_agent).active_conversations,
        before.agent(&old_agent).active_conversations - 1
    );
}

#[tokio::test]
async fn transfer_to_an_agent_puts_it_in_progress_with_them_and_moves_the_load() {
    let server = frozen().await;
    let before = view(&server).await;
    let (c, department, agent) = before.transferable(|c| c.status == ConversationStatus::Queued);

    let body = json!({ "department_id": department, "agent_id": agent });
    let moved =
        conversation_of(post(&server, &transfer_path(&c.id), ADMIN, None, &body).await).await;

    assert_eq!(moved.status, ConversationStatus::InProgress);
    assert_eq!(moved.agent.map(|a| a.id), Some(agent.clone()));
    assert_eq!(moved.transfers, c.transfers + 1);
    let after = view(&server).await;
    assert_eq!(
        after.agent(&agent).active_conversations,
        before.agent(&agent).active_conversations + 1
    );
}

#[tokio::test]
async fn transfers_that_cannot_be_done_are_422_and_change_nothing() {
    let server = frozen().await;
    let v = view(&server).await;
    let offline = v
        .agents
        .iter()
        .find(|a| a.status == AgentStatus::Offline)
        .unwrap();
    let full = v
        .agents
        .iter()
        .find(|a| a.status != AgentStatus::Offline && a.active_conversations >= a.capacity)
        .unwrap();
    // Not the full agent's own: they may keep what they already serve.
    let (c, department, _) = v.transferable(|c| c.agent.as_ref().is_some_and(|a| a.id != full.id));
    let members = &v
        .departments
        .departments
        .iter()
        .find(|d| d.id == department)
        .unwrap()
        .agent_ids;
    let outsider = v.agents.iter().find(|a| !members.contains(&a.id)).unwrap();
    let state = observable_state(&server).await;

    let cases = [
        json!({ "department_id": "d-nowhere" }),
        json!({ "department_id": department, "agent_id": outsider.id }),
        json!({ "department_id": offline.departments[0].id, "agent_id": offline.id }),
        json!({ "department_id": full.departments[0].id, "agent_id": full.id }),
    ];
    for body in &cases {
        let response = post(&server, &transfer_path(&c.id), ADMIN, None, body).await;
        let detail = problem(response, 422).await;
        assert!(!detail.is_empty(), "{body}");
    }
    assert_eq!(observable_state(&server).await, state);
    let response = post(&server, &transfer_path("c-999999"), ADMIN, None, &cases[1]).await;
    problem(response, 404).await;
    // Without the department it is not a transfer request at all.
    let response = post(
        &server,
        &transfer_path(&c.id),
        ADMIN,
        None,
        &json!({ "agent_id": "a-0002" }),
    )
    .await;
    let detail = problem(response, 422).await;
    assert!(detail.contains("department_id"), "{detail}");
}

#[tokio::test]
async fn actions_on_a_finished_conversation_are_409() {
    let server = frozen().await;
    let c = view(&server).await.conversation(|c| c.agent.is_some());
    let end = json!({ "justification": "Cliente duplicado" });
    conversation_of(post(&server, &end_path(&c.id), ADMIN, None, &end).await).await;

    problem(
        post(&server, &end_path(&c.id), ADMIN, None, &end).await,
        409,
    )
    .await;
    let transfer = json!({ "department_id": "d-sales" });
    problem(
        post(&server, &transfer_path(&c.id), ADMIN, None, &transfer).await,
        409,
    )
    .await;
}

#[tokio::test]
async fn the_agent_token_is_forbidden_from_every_action() {
    let server = frozen().await;
    let c = view(&server)
        .await
        .conversation(|c| c.status == ConversationStatus::Queued);
    let state = observable_state(&server).await;
    let requests = [
        (
            transfer_path(&c.id),
            json!({ "department_id": "d-support" }),
        ),
        (end_path(&c.id), json!({ "justification": "x" })),
        (
            BULK_END.to_owned(),
            json!({ "ids": [c.id], "justification": "x" }),
        ),
    ];
    for (path, body) in &requests {
        problem(post(&server, path, AGENT, Some("k-1"), body).await, 403).await;
    }
    assert_eq!(observable_state(&server).await, state);
}

#[tokio::test]
async fn end_with_a_blank_or_overlong_justification_is_422_and_changes_nothing() {
    let server = frozen().await;
    let c = view(&server).await.conversation(|c| c.agent.is_some());
    let state = observable_state(&server).await;
    let overlong = "a".repeat(JUSTIFICATION_MAX_CHARS + 1);
    for justification in ["", "   \n\t ", overlong.as_str()] {
        let body = json!({ "justification": justification });
        problem(
            post(&server, &end_path(&c.id), ADMIN, None, &body).await,
            422,
        )
        .await;
        let bulk = json!({ "ids": [c.id], "justification": justification });
        problem(post(&server, BULK_END, ADMIN, None, &bulk).await, 422).await;
    }
    assert_eq!(observable_state(&server).await, state);
}

#[tokio::test]
async fn an_ended_conversation_leaves_the_active_list_and_is_listed_finished_with_its_transcript() {
    let server = frozen().await;
    let before = view(&server).await;
    let c = before.conversation(|c| c.status == ConversationStatus::InProgress);
    let agent = c.agent.clone().unwrap().id;

    let body = json!({ "justification": "  Resuelto por teléfono  " });
    let ended = conversation_of(post(&server, &end_path(&c.id), ADMIN, None, &body).await).await;

    assert_eq!(ended.status, ConversationStatus::Finished);
    assert!(ended.finished_at.is_some());
    assert_eq!(
        ended.end_justification.as_deref(),
        Some("Resuelto por teléfono")
    );
    let after = view(&server).await;
    assert!(after.conversations.iter().all(|x| x.id != c.id));
    assert_eq!(
        after.agent(&agent).active_conversations,
        before.agent(&agent).active_conversations - 1
    );
    let finished: ConversationsSnapshot =
        get_json(&server, &format!("{CONVERSATIONS}?scope=finished"), ADMIN).await;
    assert_eq!(finished.conversations.first(), Some(&ended));
    let transcript: MessagesList = get_json(
        &server,
        &format!("/api/v1/conversations/{}/messages", c.id),
        ADMIN,
    )
    .await;
    let last = transcript.messages.last().unwrap();
    assert!(last.text.ends_with(": Resuelto por teléfono"), "{last:?}");
}

#[tokio::test]
async fn bulk_end_refuses_in_progress_ones_and_ends_the_rest_in_request_order() {
    let server = frozen().await;
    let v = view(&server).await;
    let busy = v.conversation(|c| c.status == ConversationStatus::InProgress);
    let queued = v.conversation(|c| c.status == ConversationStatus::Queued);
    let pending = v.conversation(|c| c.status == ConversationStatus::Pending);
    let finished = v.conversation(|c| c.status == ConversationStatus::Inactive);
    let end = json!({ "justification": "antes" });
    conversation_of(post(&server, &end_path(&finished.id), ADMIN, None, &end).await).await;

    let ids = [&queued.id, &busy.id, "c-999999", &finished.id, &pending.id];
    let body = json!({ "ids": ids, "justification": "Cierre de turno" });
    let response = post(&server, BULK_END, ADMIN, None, &body).await;
    assert_eq!(response.status(), 200);
    let results: BulkEndResponse = response.json().await.unwrap();

    let got: Vec<_> = results
        .results
        .iter()
        .map(|r| (r.id.as_str(), r.outcome.clone()))
        .collect();
    let expected = [
        (queued.id.as_str(), BulkEndOutcome::Ended),
        (busy.id.as_str(), BulkEndOutcome::Refused),
        ("c-999999", BulkEndOutcome::NotFound),
        (finished.id.as_str(), BulkEndOutcome::AlreadyFinished),
        (pending.id.as_str(), BulkEndOutcome::Ended),
    ];
    assert_eq!(got, expected);
    assert!(results.results[1]
        .detail
        .as_deref()
        .unwrap()
        .contains("in progress"));
    let after = view(&server).await;
    assert_eq!(after.conversation(|c| c.id == busy.id), busy, "untouched");
    assert!(after
        .conversations
        .iter()
        .all(|c| c.id != queued.id && c.id != pending.id));
}

#[tokio::test]
async fn bulk_end_needs_one_to_a_thousand_distinct_ids() {
    let server = frozen().await;
    let many: Vec<String> = (0..1_001).map(|i| format!("c-{i:06}")).collect();
    for ids in [json!([]), json!(many), json!(["c-000001", "c-000001"])] {
        let body = json!({ "ids": ids, "justification": "x" });
        problem(post(&server, BULK_END, ADMIN, None, &body).await, 422).await;
    }
    let body = json!({ "ids": many[..1_000], "justification": "x" });
    assert_eq!(
        post(&server, BULK_END, ADMIN, None, &body).await.status(),
        200
    );
}

#[tokio::test]
async fn the_action_history_says_who_transferred_and_ended_it_and_why() {
    let server = frozen().await;
    let v = view(&server).await;
    let (c, department, agent) = v.transferable(|c| c.agent.is_some());
    let path = format!("/api/v1/conversations/{}/actions", c.id);
    let empty: ActionsList = get_json(&server, &path, ADMIN).await;
    assert!(empty.actions.is_empty());

    let transfer = json!({ "department_id": department, "agent_id": agent });
    conversation_of(
        post(
            &server,
            &transfer_path(&c.id),
            "demo-operator",
            None,
            &transfer,
        )
        .await,
    )
    .await;
    let end = json!({ "justification": " Spam " });
    conversation_of(post(&server, &end_path(&c.id), ADMIN, None, &end).await).await;

    let history: ActionsList = get_json(&server, &path, ADMIN).await;
    let [moved, ended] = history.actions.as_slice() else {
        panic!("two actions: {history:?}");
    };
    assert_eq!(moved.kind, ActionKind::Transfer);
    assert_eq!(
        (moved.by.id.as_str(), moved.by.name.as_str()),
        ("u-operator", "Operadora Demo")
    );
    assert_eq!(moved.from_department.as_ref(), Some(&c.department));
    assert_eq!(moved.from_agent, c.agent);
    assert_eq!(
        moved.to_department.as_ref().map(|d| d.id.as_str()),
        Some(department.as_str())
    );
    assert_eq!(
        moved.to_agent.as_ref().map(|a| a.id.as_str()),
        Some(agent.as_str())
    );
    assert_eq!(ended.kind, ActionKind::End);
    assert_eq!(
        (ended.by.id.as_str(), ended.justification.as_deref()),
        ("u-admin", Some("Spam"))
    );
    assert!(ended.at >= moved.at);
    let unknown = get(
        &server,
        "/api/v1/conversations/c-999999/actions",
        Some(ADMIN),
    )
    .await;
    problem(unknown, 404).await;
}
