//! The indicators' one-pass computation against a plain oracle that
//! filters the records anew for every window and scope.

mod common;

use std::collections::BTreeSet;

use chrono::Duration;
use monitor_core::kpi::{
    windows, ChannelFigures, DepartmentFigures, Figures, HandleRecord, Scope, WaitOutcome,
    WaitRecord, Window,
};
use monitor_core::thresholds::WaitThresholds;
use monitor_core::wire::{Agent, Conversation, DepartmentRef, Timestamp};
use monitor_core::{AgentStatus, Channel, ConversationStatus};
use proptest::prelude::*;
use proptest::sample::{select, subsequence};

use common::{agent_row, at_minute, conv, department, thresholds};

/// Departments a record may name; "dx" is never in scope.
const DEPARTMENTS: &[&str] = &["d1", "d2", "d3", "dx"];

fn channel() -> impl Strategy<Value = Channel> {
    select(vec![
        Channel::Whatsapp,
        Channel::Email,
        Channel::Other("line".into()),
    ])
}

/// An instant around "now" (minute 1440): from over a day before to a
/// little after, in milliseconds.
fn instant() -> impl Strategy<Value = Timestamp> {
    (-1_600i64 * 60_000..1_445 * 60_000).prop_map(|ms| at_minute(0) + Duration::milliseconds(ms))
}

fn now() -> Timestamp {
    at_minute(1_440)
}

fn wait() -> impl Strategy<Value = WaitRecord> {
    (
        select(DEPARTMENTS),
        channel(),
        instant(),
        -5_000i64..900_000,
        any::<bool>(),
    )
        .prop_map(|(d, channel, left_at, ms, answered)| WaitRecord {
            department_id: d.into(),
            channel,
            queued_at: left_at - Duration::milliseconds(ms),
            left_at,
            outcome: if answered {
                WaitOutcome::Answered
            } else {
                WaitOutcome::Abandoned
            },
        })
}

fn handle() -> impl Strategy<Value = HandleRecord> {
    (select(DEPARTMENTS), channel(), instant(), 0i64..7_200_000).prop_map(
        |(d, channel, ended_at, ms)| HandleRecord {
            department_id: d.into(),
            channel,
            answered_at: ended_at - Duration::milliseconds(ms),
            ended_at,
        },
    )
}

fn conversation() -> impl Strategy<Value = Conversation> {
    (select(DEPARTMENTS), channel(), instant(), any::<bool>()).prop_map(
        |(d, channel, since, queued)| Conversation {
            department: department(d, d),
            channel,
            status_since: since,
            status: if queued {
                ConversationStatus::Queued
            } else {
                ConversationStatus::Pending
            },
            ..conv("c")
        },
    )
}

fn agent() -> impl Strategy<Value = Agent> {
    (
        subsequence(DEPARTMENTS, 0..=3),
        select(vec![
            AgentStatus::Online,
            AgentStatus::Connected,
            AgentStatus::Offline,
        ]),
        0u32..8,
        0u32..8,
    )
        .prop_map(|(departments, status, active, capacity)| Agent {
            departments: departments.iter().map(|d| department(d, d)).collect(),
            status,
            active_conversations: active,
            capacity,
            ..agent_row("a")
        })
}

// The oracle, written out plainly for one window and one scope.

fn ratio(part: u64, whole: u64) -> Option<f64> {
    if whole == 0 {
        None
    } else {
        Some(part as f64 / whole as f64)
    }
}

fn mean(total_ms: i64, count: u64) -> Option<f64> {
    if count == 0 {
        None
    } else {
        Some(total_ms as f64 / 1000.0 / count as f64)
    }
}

#[derive(Debug)]
struct Case {
    in_scope: Vec<DepartmentRef>,
    waits: Vec<WaitRecord>,
    handles: Vec<HandleRecord>,
    conversations: Vec<Conversation>,
    agents: Vec<Agent>,
}

fn oracle(
    case: &Case,
    from: Timestamp,
    department: Option<&str>,
    channel: Option<&Channel>,
) -> Figures {
    let thresholds = thresholds();
    let now = now();
    let scoped =
        |d: &str| case.in_scope.iter().any(|s| s.id == d) && department.is_none_or(|x| x == d);
    let on = |c: &Channel| channel.is_none_or(|x| x == c);
    let waits: Vec<&WaitRecord> = case
        .waits
        .iter()
        .filter(|w| scoped(&w.department_id) && on(&w.channel))
        .filter(|w| w.left_at >= from && w.left_at <= now)
        .collect();
    let waited = |w: &WaitRecord| (w.left_at - w.queued_at).num_milliseconds().max(0);
    let answered: Vec<&&WaitRecord> = waits
        .iter()
        .filter(|w| w.outcome == WaitOutcome::Answered)
        .collect();
    let in_time = answered
        .iter()
        .filter(|w| {
            let limit = thresholds.limits(&w.department_id, &ConversationStatus::Queued);
            waited(w) <= limit.unwrap().warning_secs as i64 * 1000
        })
        .count() as u64;
    let abandoned = waits.len() as u64 - answered.len() as u64;
    let handles: Vec<&HandleRecord> = case
        .handles
        .iter()
        .filter(|h| scoped(&h.department_id) && on(&h.channel))
        .filter(|h| h.ended_at >= from && h.ended_at <= now)
        .collect();
    let longest = case
        .conversations
        .iter()
        .filter(|c| c.status == ConversationStatus::Queued)
        .filter(|c| scoped(&c.department.id) && on(&c.channel))
        .map(|c| (now - c.status_since).num_milliseconds().max(0))
        .max();
    let signed_in: Vec<&Agent> = case
        .agents
        .iter()
        .filter(|a| a.status != AgentStatus::Offline)
        .filter(|a| a.departments.iter().any(|d| scoped(&d.id)))
        .collect();
    let busy: u64 = signed_in
        .iter()
        .map(|a| u64::from(a.active_conversations))
        .sum();
    let capacity: u64 = signed_in.iter().map(|a| u64::from(a.capacity)).sum();
    let offered = waits.len() as u64;
    Figures {
        offered,
        answered: answered.len() as u64,
        answered_in_time: in_time,
        abandoned,
        handled: handles.len() as u64,
        service_level: ratio(in_time, offered),
        abandonment_rate: ratio(abandoned, offered),
        longest_wait_secs: longest.map(|ms| ms as f64 / 1000.0),
        average_speed_of_answer_secs: mean(
            answered.iter().map(|w| waited(w)).sum(),
            answered.len() as u64,
        ),
        average_handle_secs: mean(
            handles
                .iter()
                .map(|h| (h.ended_at - h.answered_at).num_milliseconds().max(0))
                .sum(),
            handles.len() as u64,
        ),
        occupancy: if channel.is_some() {
            None
        } else {
            ratio(busy, capacity)
        },
    }
}

fn oracle_window(case: &Case, from: Timestamp) -> Window {
    let now = now();
    let scoped = |d: &str| case.in_scope.iter().any(|s| s.id == d);
    let mut channels = BTreeSet::new();
    for w in &case.waits {
        if scoped(&w.department_id) && w.left_at >= from && w.left_at <= now {
            channels.insert(w.channel.clone());
        }
    }
    for h in &case.handles {
        if scoped(&h.department_id) && h.ended_at >= from && h.ended_at <= now {
            channels.insert(h.channel.clone());
        }
    }
    for c in &case.conversations {
        if scoped(&c.department.id) && c.status == ConversationStatus::Queued {
            channels.insert(c.channel.clone());
        }
    }
    Window {
        from,
        overall: oracle(case, from, None, None),
        departments: case
            .in_scope
            .iter()
            .map(|d| DepartmentFigures {
                department_id: d.id.clone(),
                figures: oracle(case, from, Some(&d.id), None),
            })
            .collect(),
        channels: channels
            .into_iter()
            .map(|c| ChannelFigures {
                figures: oracle(case, from, None, Some(&c)),
                channel: c,
            })
            .collect(),
    }
}

fn case() -> impl Strategy<Value = Case> {
    (
        subsequence(&DEPARTMENTS[..3], 0..=3),
        proptest::collection::vec(wait(), 0..60),
        proptest::collection::vec(handle(), 0..40),
        proptest::collection::vec(conversation(), 0..20),
        proptest::collection::vec(agent(), 0..10),
    )
        .prop_map(|(in_scope, waits, handles, conversations, agents)| Case {
            in_scope: in_scope.iter().map(|d| department(d, d)).collect(),
            waits,
            handles,
            conversations,
            agents,
        })
}

proptest! {
    #[test]
    fn every_window_and_scope_matches_the_plain_oracle(case in case(), from_minute in 0i64..1_440) {
        let thresholds = thresholds();
        let scope = Scope { departments: &case.in_scope, thresholds: &thresholds };
        let froms = [at_minute(0), at_minute(from_minute), now() - monitor_core::kpi::RECENT];
        let got = windows(
            &scope,
            &case.waits,
            &case.handles,
            &case.conversations,
            &case.agents,
            froms,
            now(),
        );
        let expected = froms.map(|from| oracle_window(&case, from));
        prop_assert_eq!(got, expected);
    }
}

#[test]
fn nothing_to_count_is_null_not_zero() {
    let thresholds = WaitThresholds::default();
    let departments = [department("d1", "Sales")];
    let scope = Scope {
        departments: &departments,
        thresholds: &thresholds,
    };
    let none: [WaitRecord; 0] = [];
    let got = windows(&scope, &none, &[], &[], &[], [at_minute(0)], now());
    let figures = &got[0].departments[0].figures;
    assert_eq!(figures.offered, 0);
    assert_eq!(figures.service_level, None);
    assert_eq!(figures.abandonment_rate, None);
    assert_eq!(figures.average_handle_secs, None);
    assert_eq!(figures.occupancy, None);
    assert!(got[0].channels.is_empty());
}

#[test]
fn a_wait_exactly_at_the_threshold_is_in_time_and_one_past_it_is_not() {
    let thresholds = WaitThresholds::default();
    let departments = [department("d1", "Sales")];
    let scope = Scope {
        departments: &departments,
        thresholds: &thresholds,
    };
    let answered = |ms: i64| WaitRecord {
        department_id: "d1".into(),
        channel: Channel::Whatsapp,
        queued_at: at_minute(10) - Duration::milliseconds(ms),
        left_at: at_minute(10),
        outcome: WaitOutcome::Answered,
    };
    let waits = [answered(120_000), answered(120_001), answered(5_000)];
    let got = windows(&scope, &waits, &[], &[], &[], [at_minute(0)], now());
    let overall = &got[0].overall;
    assert_eq!((overall.answered, overall.answered_in_time), (3, 2));
    assert_eq!(overall.service_level, Some(2.0 / 3.0));
    assert_eq!(overall.average_speed_of_answer_secs, Some(245.001 / 3.0));
}
