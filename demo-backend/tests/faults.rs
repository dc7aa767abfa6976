//! Request faults: refused API calls (503) and added latency, set from the
//! options or switched at run time.

mod common;

use std::time::{Duration, Instant};

use common::{frozen, frozen_with, get, observable_state, post, problem, ADMIN};
use demo_backend::{Faults, Options, Server};
use monitor_core::wire::ConversationsSnapshot;
use serde_json::json;

const EVENTS: &str = "/api/v1/monitor/events";

fn failing() -> Faults {
    Faults {
        fail_share: 1.0,
        ..Faults::default()
    }
}

/// Whether GET `path` as admin is answered with a 503 problem (else asserts a 200).
async fn refused(server: &Server, path: &str) -> bool {
    let response = get(server, path, Some(ADMIN)).await;
    if response.status() == 503 {
        problem(response, 503).await;
        return true;
    }
    assert_eq!(response.status(), 200, "GET {path}");
    false
}

#[tokio::test]
async fn with_fail_share_one_every_api_call_and_the_stream_connection_is_a_503_problem() {
    let server = frozen_with(Options {
        faults: failing(),
        ..Default::default()
    })
    .await;
    assert_eq!(server.faults(), failing());
    for path in [
        "/api/v1/me",
        "/api/v1/monitor/conversations",
        "/api/v1/monitor/agents",
        "/api/v1/departments",
        EVENTS,
    ] {
        assert!(refused(&server, path).await, "GET {path}");
    }
    // Even without a token: the outage comes before authentication.
    let anonymous = get(&server, "/api/v1/me", None).await;
    problem(anonymous, 503).await;
}

#[tokio::test]
async fn a_refused_action_is_not_performed() {
    let server = frozen().await;
    let before = observable_state(&server).await;
    let id = before.0["conversations"][0]["id"]
        .as_str()
        .expect("a conversation")
        .to_owned();
    server.set_faults(failing());
    let path = format!("/api/v1/conversations/{id}/end");
    let body = json!({ "justification": "Spam" });
    problem(post(&server, &path, ADMIN, Some("k-1"), &body).await, 503).await;
    server.set_faults(Faults::default());
    assert_eq!(observable_state(&server).await, before);
    // The same key later acts: the refusal was not remembered as its answer.
    let response = post(&server, &path, ADMIN, Some("k-1"), &body).await;
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn setting_faults_at_run_time_takes_effect_and_default_restores_normal_answers() {
    let server = frozen().await;
    assert_eq!(server.faults(), Faults::default());
    assert!(!refused(&server, "/api/v1/me").await);
    server.set_faults(failing());
    assert!(refused(&server, "/api/v1/me").await);
    assert!(refused(&server, EVENTS).await);
    server.set_faults(Faults::default());
    assert_eq!(server.faults(), Faults::default());
    let snapshot: ConversationsSnapshot =
        common::get_json(&server, "/api/v1/monitor/conversations", ADMIN).await;
    assert!(!snapshot.conversations.is_empty());
    common::SseReader::connect(&server, ADMIN, None).await;
}

#[tokio::test]
async fn a_fail_share_of_a_half_refuses_some_requests_and_answers_the_others() {
    let server = frozen_with(Options {
        faults: Faults {
            fail_share: 0.5,
            ..Faults::default()
        },
        ..Default::default()
    })
    .await;
    let mut failures = 0;
    for _ in 0..100 {
        if refused(&server, "/api/v1/me").await {
            failures += 1;
        }
    }
    assert!((20..=80).contains(&failures), "{failures} of 100 refused");
}

#[tokio::test]
async fn static_files_are_served_while_every_api_call_fails() {
    let dist = tempfile::tempdir().expect("temp dir");
    std::fs::write(dist.path().join("index.html"), "<title>Monitor</title>").expect("write");
    let server = frozen_with(Options {
        static_dir: Some(dist.path().to_owned()),
        faults: failing(),
        ..Default::default()
    })
    .await;
    for path in ["/", "/index.html", "/conversations/c-000001"] {
        assert_eq!(get(&server, path, None).await.status(), 200, "{path}");
    }
    problem(get(&server, "/api/v1/me", Some(ADMIN)).await, 503).await;
}

#[tokio::test]
async fn latency_delays_api_responses_and_the_stream_connection() {
    let latency = Duration::from_millis(300);
    let server = frozen().await;
    server.set_faults(Faults {
        latency_ms: 300,
        ..Faults::default()
    });
    let started = Instant::now();
    assert!(!refused(&server, "/api/v1/me").await);
    assert!(started.elapsed() >= latency, "{:?}", started.elapsed());

    let resume = common::sequence(&server).await.to_string();
    let started = Instant::now();
    // A change made while the stream's response is held back is not lost.
    let (mut stream, id) = tokio::join!(
        common::SseReader::connect(&server, ADMIN, Some(&resume)),
        async {
            tokio::time::sleep(latency / 3).await;
            server.inject_arrival("Paciente")
        }
    );
    assert!(started.elapsed() >= latency, "{:?}", started.elapsed());
    let event = stream.next_change().await;
    assert_eq!(event.json()["conversation"]["id"], id.as_str());
}
