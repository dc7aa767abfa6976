//! Sign-in, profiles and permission enforcement.

mod common;

use common::{content_type, frozen, get, get_json, ADMIN, AGENT};
use monitor_core::wire::{permission, AgentsSnapshot, Me, Problem};
use monitor_core::Profile;

async fn assert_problem(response: reqwest::Response, status: u16) -> Problem {
    assert_eq!(response.status(), status);
    assert_eq!(content_type(&response), "application/problem+json");
    let problem: Problem = response.json().await.expect("problem body");
    assert_eq!(problem.status, status);
    problem
}

#[tokio::test]
async fn missing_token_is_refused_with_a_problem_json_401() {
    let server = frozen().await;
    for path in [
        "/api/v1/me",
        "/api/v1/monitor/conversations",
        "/api/v1/monitor/events",
    ] {
        let response = get(&server, path, None).await;
        assert_eq!(
            response
                .headers()
                .get("www-authenticate")
                .map(|v| v.as_bytes()),
            Some(&b"Bearer"[..])
        );
        assert_problem(response, 401).await;
    }
}

#[tokio::test]
async fn unknown_token_is_refused_with_a_problem_json_401() {
    let server = frozen().await;
    let response = get(&server, "/api/v1/me", Some("demo-nobody")).await;
    assert_problem(response, 401).await;
}

#[tokio::test]
async fn each_demo_token_signs_in_with_its_profile_and_permissions() {
    let server = frozen().await;
    let supervisors = [
        ("demo-admin", Profile::Admin),
        ("demo-operator", Profile::Operator),
        ("demo-advanced", Profile::AdvancedAgent),
    ];
    for (token, profile) in supervisors {
        let me: Me = get_json(&server, "/api/v1/me", token).await;
        assert_eq!(me.profile, profile, "{token}");
        for p in [
            permission::SUPERVISE,
            permission::VIEW_ALL_CONVERSATIONS,
            permission::VIEW_AGENTS,
            permission::VIEW_AVERAGES,
            permission::VIEW_TRENDS,
            permission::TRANSFER,
            permission::END,
            permission::BULK_END,
        ] {
            assert!(
                me.permissions.iter().any(|have| have == p),
                "{token} lacks {p}"
            );
        }
    }
    let me: Me = get_json(&server, "/api/v1/me", AGENT).await;
    assert_eq!(me.profile, Profile::Agent);
    assert!(me.permissions.is_empty(), "{:?}", me.permissions);
    // The agent user is one of the simulated agents.
    let agents: AgentsSnapshot = get_json(&server, "/api/v1/monitor/agents", ADMIN).await;
    assert!(agents
        .agents
        .iter()
        .any(|a| a.id == me.id && a.name == me.name));
}

#[tokio::test]
async fn agent_token_is_forbidden_from_the_agents_snapshot() {
    let server = frozen().await;
    let response = get(&server, "/api/v1/monitor/agents", Some(AGENT)).await;
    assert_problem(response, 403).await;
}

#[tokio::test]
async fn unknown_api_path_and_wrong_method_are_problem_json() {
    let server = frozen().await;
    let response = get(&server, "/api/v1/nothing-here", Some(ADMIN)).await;
    assert_problem(response, 404).await;
    let response = reqwest::Client::new()
        .delete(format!("{}/api/v1/me", server.base_url()))
        .bearer_auth(ADMIN)
        .send()
        .await
        .unwrap();
    assert_problem(response, 405).await;
}
