//! Stream faults: duplicated, reordered and malformed change events, cut
//! connections and refused resumes — and a stream back to exact once they
//! are switched off.

mod common;

use std::time::{Duration, Instant};

use common::{frozen, sequence, SseEvent, SseReader, ADMIN, PATIENCE};
use demo_backend::{Faults, Server};
use monitor_core::event::decode_event;

/// The sequence (`id`) of a change event.
fn id_of(event: &SseEvent) -> u64 {
    event
        .id
        .as_deref()
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("a change event with a numeric id: {event:?}"))
}

/// A frozen server with these faults and an admin stream opened on it.
async fn streaming_with(faults: Faults) -> (Server, SseReader, u64) {
    let server = frozen().await;
    server.set_faults(faults);
    let base = sequence(&server).await;
    let stream = SseReader::connect(&server, ADMIN, None).await;
    (server, stream, base)
}

#[tokio::test]
async fn duplicate_share_one_sends_each_change_twice_with_the_same_id() {
    let (server, mut stream, base) = streaming_with(Faults {
        duplicate_share: 1.0,
        ..Faults::default()
    })
    .await;
    server.inject_arrival("A");
    server.inject_arrival("B");
    let mut received = Vec::new();
    for _ in 0..4 {
        received.push(stream.next_change().await);
    }
    let ids: Vec<u64> = received.iter().map(id_of).collect();
    assert_eq!(ids, [base + 1, base + 1, base + 2, base + 2]);
    assert_eq!(received[0], received[1], "the copy is the same event");
}

#[tokio::test]
async fn reorder_share_one_sends_ids_out_of_order_with_after_as_the_server_computed_it() {
    let (server, mut stream, base) = streaming_with(Faults {
        reorder_share: 1.0,
        ..Faults::default()
    })
    .await;
    server.inject_arrival("A");
    server.inject_arrival("B");
    let first = stream.next_change().await;
    let second = stream.next_change().await;
    assert_eq!((id_of(&first), id_of(&second)), (base + 2, base + 1));
    // A client applying by `after` sees that base + 1 is missing: a gap.
    assert_eq!(first.json()["after"], base + 1);
    assert_eq!(second.json()["after"], base);
}

#[tokio::test]
async fn malformed_share_one_keeps_the_event_name_and_id_but_the_data_is_not_json() {
    let (server, mut stream, base) = streaming_with(Faults {
        malformed_share: 1.0,
        ..Faults::default()
    })
    .await;
    server.inject_arrival("A");
    let event = stream.next_change().await;
    assert_eq!(event.event, "conversation.upsert");
    assert_eq!(id_of(&event), base + 1);
    assert!(serde_json::from_str::<serde_json::Value>(&event.data).is_err());
    let decoded = decode_event(&event.event, "1", &event.data);
    assert!(decoded.is_err(), "{decoded:?}");
}

#[tokio::test]
async fn drop_stream_secs_cuts_the_stream_and_a_resume_gets_what_was_missed() {
    let started = Instant::now();
    let (server, mut stream, base) = streaming_with(Faults {
        drop_stream_secs: 1,
        ..Faults::default()
    })
    .await;
    server.inject_arrival("Before The Cut");
    let last = id_of(&stream.next_change().await);
    assert!(stream.ends().await, "the stream was cut");
    let lived = started.elapsed();
    assert!(lived >= Duration::from_secs(1), "cut after {lived:?}");
    assert!(lived < PATIENCE, "cut after {lived:?}");

    let missed = server.inject_arrival("While Away");
    let mut resumed = SseReader::connect(&server, ADMIN, Some(&last.to_string())).await;
    let event = resumed.next_change().await;
    assert_eq!(id_of(&event), base + 2);
    assert_eq!(event.json()["after"], last);
    assert_eq!(event.json()["conversation"]["id"], missed.as_str());
}

#[tokio::test]
async fn turning_drops_on_at_run_time_cuts_streams_that_are_already_open() {
    let (server, mut stream, _) = streaming_with(Faults::default()).await;
    tokio::time::sleep(Duration::from_millis(1_100)).await;
    server.set_faults(Faults {
        drop_stream_secs: 1,
        ..Faults::default()
    });
    let started = Instant::now();
    assert!(stream.ends().await);
    // Already older than the limit: cut at once, not a second later.
    assert!(started.elapsed() < Duration::from_millis(900));
}

#[tokio::test]
async fn refuse_resume_answers_a_resume_with_resync_then_live_changes() {
    let server = frozen().await;
    server.set_faults(Faults {
        refuse_resume: true,
        ..Faults::default()
    });
    let base = sequence(&server).await;
    let mut resumed = SseReader::connect(&server, ADMIN, Some(&base.to_string())).await;
    assert_eq!(resumed.next_change().await.event, "resync");
    let mut fresh = SseReader::connect(&server, ADMIN, None).await;
    server.inject_arrival("Live");
    for stream in [&mut resumed, &mut fresh] {
        let event = stream.next_change().await;
        assert_eq!(
            event.event, "conversation.upsert",
            "no resync without a resume"
        );
        assert_eq!(id_of(&event), base + 1);
    }
}

#[tokio::test]
async fn with_the_faults_switched_off_again_the_stream_is_exact() {
    let noisy = Faults {
        duplicate_share: 1.0,
        reorder_share: 1.0,
        malformed_share: 1.0,
        refuse_resume: true,
        ..Faults::default()
    };
    let (server, _noisy_stream, _) = streaming_with(noisy).await;
    server.set_faults(Faults::default());
    let base = sequence(&server).await;
    let mut stream = SseReader::connect(&server, ADMIN, Some(&base.to_string())).await;
    for name in ["A", "B", "C"] {
        server.inject_arrival(name);
    }
    for n in 1..=3 {
        let event = stream.next_change().await;
        assert_eq!(id_of(&event), base + n);
        assert_eq!(event.json()["after"], base + n - 1);
    }
}
