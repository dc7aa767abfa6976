//! Properties of the indicators, checked against a direct computation over
//! the rows for the instant asked (what the summary must stay equal to).

mod common;

use chrono::{DateTime, Duration};
use common::{agent_row, conv};
use monitor_core::wire::{Agent, Conversation, Timestamp};
use monitor_core::{agent_indicators, AgentStatus, ConversationStats, ConversationStatus};
use proptest::prelude::*;
use proptest::sample::select;

/// An instant in a ±30-day window around a fixed date, to the millisecond,
/// so that `now` falls before, among and after the rows' timestamps.
fn instant() -> impl Strategy<Value = Timestamp> {
    (-2_592_000_000i64..2_592_000_000).prop_map(|ms| {
        DateTime::from_timestamp(1_790_000_000, 0).unwrap_or_default() + Duration::milliseconds(ms)
    })
}

fn conversation() -> impl Strategy<Value = Conversation> {
    (
        select(vec![
            ConversationStatus::Queued,
            ConversationStatus::InProgress,
            ConversationStatus::Pending,
            ConversationStatus::Inactive,
            ConversationStatus::Finished,
            ConversationStatus::Other("escalated".into()),
        ]),
        instant(),
        instant(),
        any::<u32>(),
    )
        .prop_map(|(status, created, since, transfers)| {
            let mut c = conv("c");
            (c.status, c.created_at, c.status_since) = (status, created, since);
            c.transfers = transfers;
            c
        })
}

fn agent() -> impl Strategy<Value = Agent> {
    (
        select(vec![
            AgentStatus::Online,
            AgentStatus::Connected,
            AgentStatus::Offline,
            AgentStatus::Other("away".into()),
        ]),
        any::<u32>(),
        prop_oneof![Just(0u32), any::<u32>()],
    )
        .prop_map(|(status, active, capacity)| {
            let mut a = agent_row("u");
            (a.status, a.active_conversations, a.capacity) = (status, active, capacity);
            a
        })
}

/// Row indices, some repeated and some past the end of a list of `len`.
fn rows(len: usize) -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(0..len + 2, 0..len + 4)
}

/// max(0, now − t), in whole milliseconds.
fn elapsed_ms(now: Timestamp, t: Timestamp) -> i128 {
    i128::from((now - t).num_milliseconds().max(0))
}

fn mean(values: &[i128]) -> Option<Duration> {
    let n = i128::try_from(values.len()).ok().filter(|n| *n > 0)?;
    let ms = i64::try_from(values.iter().sum::<i128>() / n).ok()?;
    Some(Duration::milliseconds(ms))
}

/// Checks `ConversationStats` against a direct computation over the rows.
fn check_conversations(
    list: &[Conversation],
    rows: &[usize],
    now: Timestamp,
) -> Result<(), TestCaseError> {
    let got = ConversationStats::from_rows(list, rows).at(now);
    let in_view: Vec<&Conversation> = rows.iter().filter_map(|&i| list.get(i)).collect();
    let count = |s: ConversationStatus| in_view.iter().filter(|c| c.status == s).count();
    let queued: Vec<&&Conversation> = in_view
        .iter()
        .filter(|c| c.status == ConversationStatus::Queued)
        .collect();
    let waits: Vec<i128> = queued
        .iter()
        .map(|c| elapsed_ms(now, c.status_since))
        .collect();
    let durations: Vec<i128> = in_view
        .iter()
        .map(|c| elapsed_ms(now, c.created_at))
        .collect();
    let transfers: u64 = in_view.iter().map(|c| u64::from(c.transfers)).sum();

    prop_assert_eq!(got.total, in_view.len());
    prop_assert_eq!(got.queued, queued.len());
    prop_assert_eq!(got.in_progress, count(ConversationStatus::InProgress));
    prop_assert_eq!(got.pending, count(ConversationStatus::Pending));
    prop_assert_eq!(got.inactive, count(ConversationStatus::Inactive));
    prop_assert_eq!(
        got.other,
        in_view.len() - queued.len() - got.in_progress - got.pending - got.inactive
    );
    prop_assert_eq!(got.average_wait, mean(&waits));
    prop_assert_eq!(
        got.longest_wait,
        waits
            .iter()
            .max()
            .and_then(|&ms| i64::try_from(ms).ok())
            .map(Duration::milliseconds)
    );
    prop_assert_eq!(got.average_duration, mean(&durations));
    prop_assert_eq!(
        got.transfers_per_conversation,
        (!in_view.is_empty()).then(|| transfers as f64 / in_view.len() as f64)
    );
    Ok(())
}

/// A list of conversations and row indices into it.
fn view() -> impl Strategy<Value = (Vec<Conversation>, Vec<usize>)> {
    prop::collection::vec(conversation(), 0..30).prop_flat_map(|list| {
        let n = list.len();
        (Just(list), rows(n))
    })
}

proptest! {
    /// `now` before, among and after the rows' timestamps (clock skew).
    #[test]
    fn the_summary_read_at_any_instant_equals_a_direct_computation(
        (list, rows) in view(),
        now in instant(),
    ) {
        check_conversations(&list, &rows, now)?;
    }

    /// Right after a change: `now` within seconds of a row's timestamp,
    /// where a few rows are just ahead of it.
    #[test]
    fn the_summary_read_next_to_a_timestamp_equals_a_direct_computation(
        (list, rows) in view(),
        pick in any::<prop::sample::Index>(),
        created in any::<bool>(),
        offset_ms in -3_000i64..3_000,
    ) {
        let now = if list.is_empty() {
            common::at_minute(0)
        } else {
            let c = &list[pick.index(list.len())];
            let t = if created { c.created_at } else { c.status_since };
            t + Duration::milliseconds(offset_ms)
        };
        check_conversations(&list, &rows, now)?;
    }

    /// The usual tick: every timestamp is in the past.
    #[test]
    fn the_summary_read_after_every_timestamp_equals_a_direct_computation(
        (list, rows) in view(),
        later in instant(),
    ) {
        check_conversations(&list, &rows, later + Duration::days(61))?;
    }

    #[test]
    fn agent_indicators_equal_a_direct_computation(
        (list, rows) in prop::collection::vec(agent(), 0..30)
            .prop_flat_map(|list| { let n = list.len(); (Just(list), rows(n)) }),
    ) {
        let got = agent_indicators(&list, &rows);
        let in_view: Vec<&Agent> = rows.iter().filter_map(|&i| list.get(i)).collect();
        let count = |s: AgentStatus| in_view.iter().filter(|a| a.status == s).count();
        let working: Vec<&&Agent> =
            in_view.iter().filter(|a| a.status != AgentStatus::Offline).collect();
        let active: u64 = working.iter().map(|a| u64::from(a.active_conversations)).sum();
        let capacity: u64 = working.iter().map(|a| u64::from(a.capacity)).sum();

        prop_assert_eq!(got.total, in_view.len());
        prop_assert_eq!(got.online, count(AgentStatus::Online));
        prop_assert_eq!(got.connected, count(AgentStatus::Connected));
        prop_assert_eq!(got.offline, count(AgentStatus::Offline));
        prop_assert_eq!(got.other, count(AgentStatus::Other("away".into())));
        prop_assert_eq!(got.occupancy, (capacity > 0).then(|| active as f64 / capacity as f64));
    }
}
