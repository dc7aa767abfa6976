//! Strict requests: an action acts only on exactly what the client meant.
//! An unknown field is a 422 naming it, a body not sent as JSON a 415, one
//! that is not JSON a 400; none of them changes anything. Every error,
//! whatever refused the request (the path included), is problem+json.

mod common;

use common::{frozen, get_json, observable_state, problem, ADMIN, PATIENCE};
use demo_backend::Server;
use monitor_core::wire::{ConversationsSnapshot, DepartmentsList};
use monitor_core::ConversationStatus;
use reqwest::Method;
use serde_json::{json, Value};

const BULK_END: &str = "/api/v1/conversations/bulk-end";

/// Sends `body` as it is, with this Content-Type (none if `None`), as admin.
async fn send(
    server: &Server,
    method: Method,
    path: &str,
    content_type: Option<&str>,
    body: &str,
) -> reqwest::Response {
    let mut request = reqwest::Client::new()
        .request(method, format!("{}{path}", server.base_url()))
        .bearer_auth(ADMIN)
        .body(body.to_owned());
    if let Some(content_type) = content_type {
        request = request.header("content-type", content_type);
    }
    tokio::time::timeout(PATIENCE, request.send())
        .await
        .expect("response in time")
        .expect("request sent")
}

async fn post_json(server: &Server, path: &str, body: &str) -> reqwest::Response {
    send(server, Method::POST, path, Some("application/json"), body).await
}

/// A queued conversation's id, and a department other than its own with an
/// agent in it.
async fn queued_and_elsewhere(server: &Server) -> (String, String, String) {
    let snapshot: ConversationsSnapshot =
        get_json(server, "/api/v1/monitor/conversations", ADMIN).await;
    let queued = snapshot
        .conversations
        .into_iter()
        .find(|c| c.status == ConversationStatus::Queued)
        .expect("a queued conversation");
    let departments: DepartmentsList = get_json(server, "/api/v1/departments", ADMIN).await;
    let other = departments
        .departments
        .into_iter()
        .find(|d| d.id != queued.department.id && !d.agent_ids.is_empty())
        .expect("another department with agents");
    (queued.id, other.id, other.agent_ids[0].clone())
}

/// Every action with a valid body, and a field a client might add or
/// misspell in it.
async fn every_action(server: &Server) -> Vec<(String, Value, &'static str)> {
    let (id, department, agent) = queued_and_elsewhere(server).await;
    vec![
        (
            format!("/api/v1/conversations/{id}/transfer"),
            json!({ "department_id": department }),
            "agentId",
        ),
        (
            format!("/api/v1/conversations/{id}/end"),
            json!({ "justification": "Spam" }),
            "notify",
        ),
        (
            BULK_END.to_owned(),
            json!({ "ids": [id], "justification": "Spam" }),
            "force",
        ),
        (
            format!("/api/v1/agents/{agent}/presence"),
            json!({ "status": "offline" }),
            "reason",
        ),
    ]
}

/// Issue 14: `agentId` (camel case) was ignored, so the conversation was
/// queued in the department instead of assigned to the agent.
#[tokio::test]
async fn a_transfer_with_a_misspelt_agent_id_is_a_422_naming_it_and_moves_nothing() {
    let server = frozen().await;
    let (id, department, agent) = queued_and_elsewhere(&server).await;
    let before = observable_state(&server).await;
    let body = format!(r#"{{"department_id": "{department}", "agentId": "{agent}"}}"#);
    let path = format!("/api/v1/conversations/{id}/transfer");
    let detail = problem(post_json(&server, &path, &body).await, 422).await;
    assert!(detail.contains("unknown field `agentId`"), "{detail}");
    assert!(
        detail.contains("`agent_id`"),
        "the 422 says what is known: {detail}"
    );
    assert_eq!(observable_state(&server).await, before);
}

#[tokio::test]
async fn every_action_refuses_an_unknown_field_with_a_422_naming_it() {
    let server = frozen().await;
    let before = observable_state(&server).await;
    for (path, mut body, field) in every_action(&server).await {
        body[field] = json!("x");
        let detail = problem(post_json(&server, &path, &body.to_string()).await, 422).await;
        assert!(detail.contains(&format!("`{field}`")), "{path}: {detail}");
    }
    assert_eq!(observable_state(&server).await, before);
}

#[tokio::test]
async fn a_body_not_sent_as_json_is_a_415_and_changes_nothing() {
    let server = frozen().await;
    let before = observable_state(&server).await;
    for (path, body, _) in every_action(&server).await {
        // The JSON is right; only its declared type is not.
        for content_type in [
            Some("text/plain"),
            Some("application/x-www-form-urlencoded"),
            Some("text/json"),
            None,
        ] {
            let response = send(
                &server,
                Method::POST,
                &path,
                content_type,
                &body.to_string(),
            )
            .await;
            let detail = problem(response, 415).await;
            assert!(detail.contains("application/json"), "{detail}");
        }
    }
    assert_eq!(observable_state(&server).await, before);
}

#[tokio::test]
async fn a_body_that_is_not_json_is_a_400_and_json_of_another_shape_a_422() {
    let server = frozen().await;
    let before = observable_state(&server).await;
    let (id, _, _) = queued_and_elsewhere(&server).await;
    let end = format!("/api/v1/conversations/{id}/end");
    for body in ["", "justification=Spam", "{\"justification\": \"Spam\""] {
        let detail = problem(post_json(&server, &end, body).await, 400).await;
        assert!(detail.contains("not JSON"), "{body:?}: {detail}");
    }
    for body in [
        "{}",
        r#"{"justification": ["Spam"]}"#,
        // What serde alone would take as `{"justification": "Spam"}`.
        r#"["Spam"]"#,
        "null",
    ] {
        problem(post_json(&server, &end, body).await, 422).await;
    }
    assert_eq!(observable_state(&server).await, before);
}

#[tokio::test]
async fn json_with_a_charset_parameter_is_json() {
    let server = frozen().await;
    let (id, _, _) = queued_and_elsewhere(&server).await;
    let response = send(
        &server,
        Method::POST,
        &format!("/api/v1/conversations/{id}/end"),
        Some("application/json; charset=utf-8"),
        r#"{"justification": "Spam"}"#,
    )
    .await;
    assert_eq!(response.status(), 200);
}

/// Issue 14: an id that did not percent-decode to UTF-8 got axum's
/// plain-text 400.
#[tokio::test]
async fn every_error_is_problem_json_even_for_a_path_id_that_is_not_utf8() {
    let server = frozen().await;
    let end = r#"{"justification": "Spam"}"#;
    let cases: [(Method, &str, Option<&str>, &str, u16); 12] = [
        (
            Method::GET,
            "/api/v1/conversations/%FF/messages",
            None,
            "",
            400,
        ),
        (
            Method::GET,
            "/api/v1/conversations/%C3%28/actions",
            None,
            "",
            400,
        ),
        (
            Method::POST,
            "/api/v1/conversations/%FF/end",
            Some("application/json"),
            end,
            400,
        ),
        (
            Method::POST,
            "/api/v1/conversations/%FE/transfer",
            Some("application/json"),
            "{}",
            400,
        ),
        (
            Method::POST,
            "/api/v1/agents/%80/presence",
            Some("application/json"),
            "{}",
            400,
        ),
        // Not a valid escape at all: taken as it is, and no such conversation.
        (
            Method::GET,
            "/api/v1/conversations/%zz/messages",
            None,
            "",
            404,
        ),
        (
            Method::GET,
            "/api/v1/monitor/conversations?scope=nonsense",
            None,
            "",
            400,
        ),
        (Method::GET, "/api/v1/nothing-here", None, "", 404),
        (Method::GET, "/api/v1/conversations/bulk-end", None, "", 405),
        (Method::DELETE, "/api/v1/me", None, "", 405),
        (Method::POST, BULK_END, Some("text/plain"), "{}", 415),
        (
            Method::POST,
            BULK_END,
            Some("application/json"),
            &"x".repeat(3 << 20),
            413,
        ),
    ];
    for (method, path, content_type, body, status) in cases {
        let response = send(&server, method.clone(), path, content_type, body).await;
        problem(response, status).await;
    }
}
