//! The last hour's trend against a plain oracle that looks at every record
//! again for every point, and its last point against the indicators of
//! the same records (the cards and the sparklines must agree).

mod common;

use chrono::Duration;
use monitor_core::kpi::{
    trend, trend_instants, windows, Scope, WaitOutcome, WaitRecord, TREND_POINTS,
};
use monitor_core::wire::{Conversation, DepartmentRef, Timestamp};
use monitor_core::ConversationStatus;
use proptest::prelude::*;
use proptest::sample::select;

use common::{at_minute, conv, department, thresholds};

/// Departments a record may name; "dx" is never in scope.
const DEPARTMENTS: &[&str] = &["d1", "d2", "dx"];

fn now() -> Timestamp {
    at_minute(1_440)
}

/// An instant from two hours before now up to now, in milliseconds.
fn instant() -> impl Strategy<Value = Timestamp> {
    (-120i64 * 60_000..=0).prop_map(|ms| now() + Duration::milliseconds(ms))
}

fn wait() -> impl Strategy<Value = WaitRecord> {
    (
        select(DEPARTMENTS),
        instant(),
        0i64..1_800_000,
        any::<bool>(),
    )
        .prop_map(|(d, left_at, ms, answered)| WaitRecord {
            department_id: d.into(),
            channel: monitor_core::Channel::Webchat,
            queued_at: left_at - Duration::milliseconds(ms),
            left_at,
            outcome: if answered {
                WaitOutcome::Answered
            } else {
                WaitOutcome::Abandoned
            },
        })
}

fn conversation() -> impl Strategy<Value = Conversation> {
    (select(DEPARTMENTS), instant(), any::<bool>()).prop_map(|(d, since, queued)| Conversation {
        department: department(d, d),
        status_since: since,
        status: if queued {
            ConversationStatus::Queued
        } else {
            ConversationStatus::InProgress
        },
        ..conv("c")
    })
}

fn limit_ms(d: &str) -> i64 {
    if d == "d2" {
        30_000
    } else {
        120_000
    }
}

fn scope_departments() -> Vec<DepartmentRef> {
    vec![department("d1", "d1"), department("d2", "d2")]
}

proptest! {
    #[test]
    fn every_point_is_what_the_records_say_at_its_minute(
        waits in prop::collection::vec(wait(), 0..60),
        conversations in prop::collection::vec(conversation(), 0..20),
    ) {
        let departments = scope_departments();
        let thresholds = thresholds();
        let scope = Scope { departments: &departments, thresholds: &thresholds };
        let points = trend(&scope, &waits, &conversations, now());
        prop_assert_eq!(points.len(), TREND_POINTS);
        let in_scope = |d: &str| d != "dx";
        for (p, at) in points.iter().zip(trend_instants(now())) {
            prop_assert_eq!(p.at, at);
            // Who was in a queue at `at`: a recorded wait spanning it, or a
            // conversation queued now that had joined by then.
            let mut starts: Vec<Timestamp> = waits
                .iter()
                .filter(|w| in_scope(&w.department_id) && w.queued_at <= at && at < w.left_at)
                .map(|w| w.queued_at)
                .collect();
            starts.extend(
                conversations
                    .iter()
                    .filter(|c| c.status == ConversationStatus::Queued)
                    .filter(|c| in_scope(&c.department.id) && c.status_since <= at)
                    .map(|c| c.status_since),
            );
            prop_assert_eq!(p.queued, starts.len() as u64);
            let longest = starts.iter().map(|s| (at - *s).num_milliseconds()).max();
            prop_assert_eq!(p.longest_wait_secs, longest.map(|ms| ms as f64 / 1000.0));
            let ended: Vec<&WaitRecord> = waits
                .iter()
                .filter(|w| in_scope(&w.department_id))
                .filter(|w| w.left_at >= at - Duration::minutes(30) && w.left_at <= at)
                .collect();
            let in_time = ended
                .iter()
                .filter(|w| w.outcome == WaitOutcome::Answered)
                .filter(|w| (w.left_at - w.queued_at).num_milliseconds() <= limit_ms(&w.department_id))
                .count();
            let expected = (!ended.is_empty()).then(|| in_time as f64 / ended.len() as f64);
            prop_assert_eq!(p.service_level, expected);
        }
    }

    #[test]
    fn the_last_point_agrees_with_the_last_half_hours_indicators(
        waits in prop::collection::vec(wait(), 0..60),
        conversations in prop::collection::vec(conversation(), 0..20),
    ) {
        let departments = scope_departments();
        let thresholds = thresholds();
        let scope = Scope { departments: &departments, thresholds: &thresholds };
        let points = trend(&scope, &waits, &conversations, now());
        let [recent] = windows(
            &scope,
            &waits,
            [],
            &conversations,
            [],
            [now() - Duration::minutes(30)],
            now(),
        );
        let last = points.last().unwrap();
        prop_assert_eq!(last.at, now());
        prop_assert_eq!(last.service_level, recent.overall.service_level);
        prop_assert_eq!(last.longest_wait_secs, recent.overall.longest_wait_secs);
        let queued = conversations
            .iter()
            .filter(|c| c.status == ConversationStatus::Queued && c.department.id != "dx")
            .count() as u64;
        prop_assert_eq!(last.queued, queued);
    }
}

#[test]
fn points_are_a_minute_apart_and_end_now() {
    let instants = trend_instants(now());
    assert_eq!(instants[0], now() - Duration::minutes(60));
    assert_eq!(instants[TREND_POINTS - 1], now());
    assert!(instants
        .windows(2)
        .all(|w| w[1] - w[0] == Duration::minutes(1)));
}

#[test]
fn a_wait_counts_until_the_instant_it_ends_but_not_at_it() {
    let departments = scope_departments();
    let thresholds = thresholds();
    let scope = Scope {
        departments: &departments,
        thresholds: &thresholds,
    };
    let w = WaitRecord {
        department_id: "d1".into(),
        channel: monitor_core::Channel::Webchat,
        queued_at: now() - Duration::minutes(10),
        left_at: now() - Duration::minutes(5),
        outcome: WaitOutcome::Abandoned,
    };
    let points = trend(&scope, [&w], [], now());
    let queued: Vec<u64> = points[50..=55].iter().map(|p| p.queued).collect();
    assert_eq!(queued, [1, 1, 1, 1, 1, 0]);
    assert_eq!(points[54].longest_wait_secs, Some(240.0));
    // Abandoned within the threshold is still not served in time.
    assert_eq!(points[55].service_level, Some(0.0));
    assert_eq!(points[54].service_level, None);
}
