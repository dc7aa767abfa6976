//! The last hour of the operation, a minute at a time: how many were
//! waiting, the longest of their waits, and the service level of the half
//! hour before each minute. Computed from the same records as the
//! indicators ([`super::windows`]), so the last point agrees with them.

use std::collections::HashMap;

use chrono::TimeDelta;
use serde::{Deserialize, Serialize};

use super::compute::{threshold_ms, Scope, RECENT};
use super::record::{WaitOutcome, WaitRecord};
use crate::enums::ConversationStatus;
use crate::wire::{Conversation, Timestamp};

/// How far back the trends reach.
pub const TREND_SPAN: TimeDelta = TimeDelta::minutes(60);
/// The distance between two points.
pub const TREND_STEP: TimeDelta = TimeDelta::minutes(1);
/// Points of a trend: both ends of the hour included.
pub const TREND_POINTS: usize = 61;

/// The operation at one instant of the last hour.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrendPoint {
    pub at: Timestamp,
    /// Conversations in a queue of the scope at `at`.
    pub queued: u64,
    /// The longest of their waits at `at`, in seconds; `null` with nobody waiting.
    #[serde(default)]
    pub longest_wait_secs: Option<f64>,
    /// Share of the waits that ended in the half hour up to `at` (answered
    /// or abandoned) that were answered within their department's
    /// threshold; `null` when no wait ended then.
    #[serde(default)]
    pub service_level: Option<f64>,
}

/// `GET /api/v1/monitor/trends`: the last hour, oldest point first, the
/// last one at `server_time`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrendsSnapshot {
    pub server_time: Timestamp,
    pub sequence: u64,
    pub points: Vec<TrendPoint>,
}

/// The instants of the trend ending at `now`, oldest first.
pub fn trend_instants(now: Timestamp) -> [Timestamp; TREND_POINTS] {
    std::array::from_fn(|i| now - TREND_SPAN + TREND_STEP * i as i32)
}

/// One stay in a queue as the trend sees it: from `from` until `until`
/// (`None`: still waiting).
struct Stay {
    from: Timestamp,
    until: Option<Timestamp>,
}

/// The trend of `scope` at the instants of [`trend_instants`]`(now)`, from
/// the waits that ended (`waits`) and the conversations queued now
/// (`conversations`; other statuses are ignored).
///
/// The records are the day's: at a point before midnight the waits that
/// ended before midnight are not known, so early in the day the first
/// points undercount.
pub fn trend<'a>(
    scope: &Scope<'_>,
    waits: impl IntoIterator<Item = &'a WaitRecord>,
    conversations: impl IntoIterator<Item = &'a Conversation>,
    now: Timestamp,
) -> Vec<TrendPoint> {
    let instants = trend_instants(now);
    let first = instants[0];
    let thresholds: HashMap<&str, i64> = scope
        .departments
        .iter()
        .map(|d| (d.id.as_str(), threshold_ms(scope.thresholds, &d.id)))
        .collect();
    let mut stays = Vec::new();
    // (left_at, answered in time) of the waits the service levels need.
    let mut ended = Vec::new();
    for w in waits {
        let Some(&threshold) = thresholds.get(w.department_id.as_str()) else {
            continue;
        };
        if w.left_at > first {
            stays.push(Stay {
                from: w.queued_at,
                until: Some(w.left_at),
            });
        }
        if w.left_at >= first - RECENT && w.left_at <= now {
            let in_time = w.outcome == WaitOutcome::Answered
                && (w.left_at - w.queued_at).num_milliseconds().max(0) <= threshold;
            ended.push((w.left_at, in_time));
        }
    }
    for c in conversations {
        if c.status == ConversationStatus::Queued
            && thresholds.contains_key(c.department.id.as_str())
        {
            stays.push(Stay {
                from: c.status_since,
                until: None,
            });
        }
    }
    instants
        .iter()
        .map(|&at| point(at, &stays, &ended))
        .collect()
}

fn point(at: Timestamp, stays: &[Stay], ended: &[(Timestamp, bool)]) -> TrendPoint {
    let mut queued = 0;
    let mut longest: Option<i64> = None;
    for s in stays {
        if s.from <= at && s.until.is_none_or(|u| at < u) {
            queued += 1;
            let wait = (at - s.from).num_milliseconds();
            longest = Some(longest.map_or(wait, |l| l.max(wait)));
        }
    }
    let from = at - RECENT;
    let (offered, in_time) = ended
        .iter()
        .filter(|(left, _)| *left >= from && *left <= at)
        .fold((0u64, 0u64), |(o, i), (_, ok)| (o + 1, i + u64::from(*ok)));
    TrendPoint {
        at,
        queued,
        longest_wait_secs: longest.map(|ms| ms as f64 / 1000.0),
        service_level: (offered > 0).then(|| in_time as f64 / offered as f64),
    }
}
