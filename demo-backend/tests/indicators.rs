//! `GET /api/v1/monitor/indicators` serves exactly what the simulation's
//! own records of the day give, recomputed here from them by hand; the
//! agent profile gets the main values of its own departments only.

mod common;

use chrono::{DurationRound, TimeDelta};
use common::{get, get_json, operation_with_a_history, ADMIN, AGENT};
use monitor_core::kpi::{Figures, HandleRecord, IndicatorsSnapshot, WaitOutcome, WaitRecord};
use monitor_core::wire::{Agent, AgentsSnapshot, Conversation, ConversationsSnapshot, Timestamp};
use monitor_core::{AgentStatus, Channel, ConversationStatus};
use std::collections::BTreeSet;

const INDICATORS: &str = "/api/v1/monitor/indicators";

/// What the records, the queue and the agents give for one scope over the
/// window from `from` to `now`: counted by hand, in the plainest way.
struct Expected<'a> {
    waits: &'a [WaitRecord],
    handles: &'a [HandleRecord],
    conversations: &'a [Conversation],
    agents: &'a [Agent],
    now: Timestamp,
}

impl Expected<'_> {
    fn figures(
        &self,
        from: Timestamp,
        department: Option<&str>,
        channel: Option<&Channel>,
    ) -> Figures {
        let in_scope = |d: &str, c: &Channel| {
            department.is_none_or(|x| x == d) && channel.is_none_or(|x| x == c)
        };
        let in_window = |at: Timestamp| at >= from && at <= self.now;
        let ms = |d: TimeDelta| d.num_milliseconds() as f64;
        let mut f = Figures::default();
        let mut wait_ms = 0.0;
        for w in self.waits {
            if !in_scope(&w.department_id, &w.channel) || !in_window(w.left_at) {
                continue;
            }
            f.offered += 1;
            if w.outcome == WaitOutcome::Abandoned {
                f.abandoned += 1;
                continue;
            }
            f.answered += 1;
            wait_ms += ms(w.left_at - w.queued_at);
            // Every department has the default limits: two minutes.
            if w.left_at - w.queued_at <= TimeDelta::seconds(120) {
                f.answered_in_time += 1;
            }
        }
        let mut handle_ms = 0.0;
        for h in self.handles {
            if in_scope(&h.department_id, &h.channel) && in_window(h.ended_at) {
                f.handled += 1;
                handle_ms += ms(h.ended_at - h.answered_at);
            }
        }
        let rate = |n: u64, of: u64| (of > 0).then(|| n as f64 / of as f64);
        f.service_level = rate(f.answered_in_time, f.offered);
        f.abandonment_rate = rate(f.abandoned, f.offered);
        f.average_speed_of_answer_secs =
            (f.answered > 0).then(|| wait_ms / 1000.0 / f.answered as f64);
        f.average_handle_secs = (f.handled > 0).then(|| handle_ms / 1000.0 / f.handled as f64);
        f.longest_wait_secs = self
            .conversations
            .iter()
            .filter(|c| c.status == ConversationStatus::Queued)
            .filter(|c| in_scope(&c.department.id, &c.channel))
            .map(|c| ms(self.now - c.status_since) / 1000.0)
            .reduce(f64::max);
        if channel.is_none() {
            let staff = self.agents.iter().filter(|a| {
                a.status != AgentStatus::Offline
                    && department.is_none_or(|d| a.departments.iter().any(|x| x.id == d))
            });
            let (busy, capacity) = staff.fold((0, 0), |(b, c), a| {
                (b + a.active_conversations, c + a.capacity)
            });
            f.occupancy = rate(u64::from(busy), u64::from(capacity));
        }
        f
    }
}

fn assert_close(got: &Figures, expected: &Figures, what: &str) {
    let counts = |f: &Figures| {
        (
            f.offered,
            f.answered,
            f.answered_in_time,
            f.abandoned,
            f.handled,
        )
    };
    assert_eq!(counts(got), counts(expected), "{what}");
    let values = |f: &Figures| {
        [
            f.service_level,
            f.abandonment_rate,
            f.longest_wait_secs,
            f.average_speed_of_answer_secs,
            f.average_handle_secs,
            f.occupancy,
        ]
    };
    for (g, e) in values(got).into_iter().zip(values(expected)) {
        match (g, e) {
            (Some(g), Some(e)) => assert!((g - e).abs() < 1e-9, "{what}: {g} ≠ {e}"),
            (g, e) => assert_eq!(g, e, "{what}"),
        }
    }
}

#[tokio::test]
async fn the_indicators_are_exactly_what_the_simulations_records_give() {
    let server = operation_with_a_history().await;
    let response = get(&server, INDICATORS, Some(ADMIN)).await;
    assert_eq!(response.status(), 200);
    assert_eq!(common::header(&response, "cache-control"), "no-store");
    let got: IndicatorsSnapshot = response.json().await.unwrap();
    let (waits, handles) = server.day_records();
    let conversations: ConversationsSnapshot =
        get_json(&server, "/api/v1/monitor/conversations", ADMIN).await;
    let agents: AgentsSnapshot = get_json(&server, "/api/v1/monitor/agents", ADMIN).await;
    assert_eq!(
        conversations.sequence, got.sequence,
        "nothing moved in between"
    );
    let expected = Expected {
        waits: &waits,
        handles: &handles,
        conversations: &conversations.conversations,
        agents: &agents.agents,
        now: got.server_time,
    };

    let midnight = got.server_time.duration_trunc(TimeDelta::days(1)).unwrap();
    assert_eq!(got.day.from, midnight);
    assert_eq!(
        got.last_30_minutes.from,
        got.server_time - TimeDelta::minutes(30)
    );
    assert!(got.day.overall.handled >= 20 && got.day.overall.abandoned >= 1);
    for window in [&got.day, &got.last_30_minutes] {
        let from = window.from;
        assert_close(
            &window.overall,
            &expected.figures(from, None, None),
            "overall",
        );
        let ids: Vec<&str> = window
            .departments
            .iter()
            .map(|d| d.department_id.as_str())
            .collect();
        assert_eq!(
            ids,
            [
                "d-sales",
                "d-support",
                "d-billing",
                "d-returns",
                "d-vip",
                "d-technical"
            ]
        );
        for d in &window.departments {
            let e = expected.figures(from, Some(&d.department_id), None);
            assert_close(&d.figures, &e, &d.department_id);
        }
        let seen: BTreeSet<Channel> = waits
            .iter()
            .filter(|w| w.left_at >= from)
            .map(|w| w.channel.clone())
            .chain(
                handles
                    .iter()
                    .filter(|h| h.ended_at >= from)
                    .map(|h| h.channel.clone()),
            )
            .chain(
                conversations
                    .conversations
                    .iter()
                    .filter(|c| c.status == ConversationStatus::Queued)
                    .map(|c| c.channel.clone()),
            )
            .collect();
        let channels: Vec<Channel> = window.channels.iter().map(|c| c.channel.clone()).collect();
        assert_eq!(channels, seen.into_iter().collect::<Vec<_>>());
        for c in &window.channels {
            let e = expected.figures(from, None, Some(&c.channel));
            assert_close(&c.figures, &e, c.channel.as_str());
        }
    }
}

#[tokio::test]
async fn an_agent_gets_the_main_values_of_their_own_departments_only() {
    let server = operation_with_a_history().await;
    let admin: IndicatorsSnapshot = get_json(&server, INDICATORS, ADMIN).await;
    let agent: IndicatorsSnapshot = get_json(&server, INDICATORS, AGENT).await;

    let ids = |s: &IndicatorsSnapshot| -> Vec<String> {
        s.day
            .departments
            .iter()
            .map(|d| d.department_id.clone())
            .collect()
    };
    assert_eq!(ids(&agent), ["d-sales", "d-support"]);
    assert_eq!(ids(&admin).len(), 6);
    for window in [&agent.day, &agent.last_30_minutes] {
        let all = std::iter::once(&window.overall)
            .chain(window.departments.iter().map(|d| &d.figures))
            .chain(window.channels.iter().map(|c| &c.figures));
        for f in all {
            assert_eq!(f.average_speed_of_answer_secs, None);
            assert_eq!(f.average_handle_secs, None);
            assert_eq!(f.occupancy, None);
        }
    }
    // The main values are the admin's, department by department.
    for (a, b) in agent.day.departments.iter().zip(&admin.day.departments) {
        assert_eq!(a.figures.offered, b.figures.offered);
        assert_eq!(a.figures.service_level, b.figures.service_level);
    }
    let sum = |s: &IndicatorsSnapshot| -> u64 {
        s.day.departments.iter().map(|d| d.figures.offered).sum()
    };
    assert_eq!(agent.day.overall.offered, sum(&agent));
    assert!(admin.day.overall.offered > agent.day.overall.offered);
    assert!(
        admin.day.overall.occupancy.is_some() && admin.day.overall.average_handle_secs.is_some()
    );
}

#[tokio::test]
async fn without_a_token_the_indicators_are_401() {
    let server = common::frozen().await;
    let response = get(&server, INDICATORS, None).await;
    assert_eq!(response.status(), 401);
    assert_eq!(common::content_type(&response), "application/problem+json");
}
