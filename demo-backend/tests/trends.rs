//! `GET /api/v1/monitor/trends` serves the last hour exactly as the
//! simulation's own records and its queue give it, counted here by hand;
//! a profile without `indicators.trends` (the agent) is refused.

mod common;

use chrono::TimeDelta;
use common::{get, get_json, operation_with_a_history, ADMIN, AGENT};
use monitor_core::kpi::{TrendsSnapshot, WaitOutcome};
use monitor_core::wire::{ConversationsSnapshot, Timestamp};
use monitor_core::ConversationStatus;

const TRENDS: &str = "/api/v1/monitor/trends";

/// Equal, but for the last bit: serde_json's default float parsing may
/// read a number one unit in the last place away from what was written.
fn assert_close(got: Option<f64>, expected: Option<f64>, what: &str) {
    match (got, expected) {
        (Some(g), Some(e)) => assert!(
            (g - e).abs() <= 1e-12 * e.abs().max(1.0),
            "{what}: {g} ≠ {e}"
        ),
        (g, e) => assert_eq!(g, e, "{what}"),
    }
}

#[tokio::test]
async fn the_trends_are_exactly_what_the_simulations_records_give() {
    let server = operation_with_a_history().await;
    let response = get(&server, TRENDS, Some(ADMIN)).await;
    assert_eq!(response.status(), 200);
    assert_eq!(common::header(&response, "cache-control"), "no-store");
    let got: TrendsSnapshot = response.json().await.unwrap();
    let (waits, _) = server.day_records();
    let conversations: ConversationsSnapshot =
        get_json(&server, "/api/v1/monitor/conversations", ADMIN).await;
    assert_eq!(
        conversations.sequence, got.sequence,
        "nothing moved in between"
    );
    let queued_since: Vec<Timestamp> = conversations
        .conversations
        .iter()
        .filter(|c| c.status == ConversationStatus::Queued)
        .map(|c| c.status_since)
        .collect();

    assert_eq!(got.points.len(), 61);
    let now = got.server_time;
    for (i, p) in got.points.iter().enumerate() {
        let at = now - TimeDelta::minutes(60 - i as i64);
        assert_eq!(p.at, at, "point {i}");
        let starts: Vec<Timestamp> = waits
            .iter()
            .filter(|w| w.queued_at <= at && at < w.left_at)
            .map(|w| w.queued_at)
            .chain(queued_since.iter().copied().filter(|s| *s <= at))
            .collect();
        assert_eq!(p.queued, starts.len() as u64, "queue at point {i}");
        let longest = starts
            .iter()
            .map(|s| (at - *s).num_milliseconds() as f64 / 1000.0)
            .reduce(f64::max);
        assert_close(
            p.longest_wait_secs,
            longest,
            &format!("longest wait at point {i}"),
        );
        let ended: Vec<_> = waits
            .iter()
            .filter(|w| w.left_at >= at - TimeDelta::minutes(30) && w.left_at <= at)
            .collect();
        // Every department has the default limits: two minutes.
        let in_time = ended
            .iter()
            .filter(|w| w.outcome == WaitOutcome::Answered)
            .filter(|w| w.left_at - w.queued_at <= TimeDelta::seconds(120))
            .count();
        let expected = (!ended.is_empty()).then(|| in_time as f64 / ended.len() as f64);
        assert_close(
            p.service_level,
            expected,
            &format!("service level at point {i}"),
        );
    }
    // A history that moved: the check above is not about an empty hour.
    let last = got.points.last().unwrap();
    assert!(last.service_level.is_some(), "{last:?}");
    assert!(got.points.iter().any(|p| p.queued > 0));
}

#[tokio::test]
async fn the_agent_profile_is_refused_the_trends() {
    let server = common::frozen().await;
    let response = get(&server, TRENDS, Some(AGENT)).await;
    assert_eq!(response.status(), 403);
    assert_eq!(common::content_type(&response), "application/problem+json");
    let response = get(&server, TRENDS, None).await;
    assert_eq!(response.status(), 401);
}
