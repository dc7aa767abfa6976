//! The indicator cards, one behaviour each.

mod common;

use chrono::Duration;
use common::{agent_row, at_minute, conv};
use monitor_core::wire::{Agent, Conversation};
use monitor_core::{agent_indicators, AgentStatus, ConversationStats, ConversationStatus};

fn all(n: usize) -> Vec<usize> {
    (0..n).collect()
}

fn with_status(id: &str, status: ConversationStatus) -> Conversation {
    let mut c = conv(id);
    c.status = status;
    c
}

#[test]
fn an_empty_view_counts_nothing_and_has_no_averages() {
    let i = ConversationStats::from_rows(&[], &[]).at(at_minute(10));
    assert_eq!((i.total, i.queued, i.other), (0, 0, 0));
    assert_eq!(i.average_wait, None);
    assert_eq!(i.longest_wait, None);
    assert_eq!(i.average_duration, None);
    assert_eq!(i.transfers_per_conversation, None);
    // Rows in the list but none in view: the same.
    let list = vec![conv("a")];
    assert_eq!(
        ConversationStats::from_rows(&list, &[])
            .at(at_minute(10))
            .total,
        0
    );
}

#[test]
fn a_single_queued_conversation_waits_since_its_status_changed() {
    let mut c = conv("a");
    c.created_at = at_minute(-30);
    c.status_since = at_minute(-5);
    c.transfers = 2;
    let i = ConversationStats::from_rows(&[c], &[0]).at(at_minute(0));
    assert_eq!((i.total, i.queued), (1, 1));
    assert_eq!(i.average_wait, Some(Duration::minutes(5)));
    assert_eq!(i.longest_wait, Some(Duration::minutes(5)));
    assert_eq!(i.average_duration, Some(Duration::minutes(30)));
    assert_eq!(i.transfers_per_conversation, Some(2.0));
}

#[test]
fn each_known_status_is_counted_in_its_own_box() {
    let list = vec![
        with_status("a", ConversationStatus::Queued),
        with_status("b", ConversationStatus::InProgress),
        with_status("c", ConversationStatus::InProgress),
        with_status("d", ConversationStatus::Pending),
        with_status("e", ConversationStatus::Inactive),
    ];
    let i = ConversationStats::from_rows(&list, &all(5)).at(at_minute(0));
    let counts = (i.queued, i.in_progress, i.pending, i.inactive, i.other);
    assert_eq!(counts, (1, 2, 1, 1, 0));
    assert_eq!(i.total, 5);
}

#[test]
fn unknown_and_finished_statuses_are_counted_as_other() {
    let list = vec![
        with_status("a", ConversationStatus::Other("escalated".into())),
        with_status("b", ConversationStatus::Finished),
        with_status("c", ConversationStatus::Queued),
    ];
    let i = ConversationStats::from_rows(&list, &all(3)).at(at_minute(0));
    assert_eq!((i.other, i.queued, i.total), (2, 1, 3));
}

#[test]
fn waits_are_measured_over_queued_conversations_only() {
    let mut list = vec![conv("a"), conv("b"), conv("c")];
    list[0].status_since = at_minute(-2);
    list[1].status_since = at_minute(-6);
    list[2].status = ConversationStatus::InProgress;
    list[2].status_since = at_minute(-60);
    let i = ConversationStats::from_rows(&list, &all(3)).at(at_minute(0));
    assert_eq!(i.average_wait, Some(Duration::minutes(4)));
    assert_eq!(i.longest_wait, Some(Duration::minutes(6)));
}

#[test]
fn only_the_rows_in_view_are_counted() {
    let list = vec![
        with_status("a", ConversationStatus::Queued),
        with_status("b", ConversationStatus::Pending),
        with_status("c", ConversationStatus::Pending),
    ];
    let i = ConversationStats::from_rows(&list, &[2, 1]).at(at_minute(0));
    assert_eq!((i.total, i.queued, i.pending), (2, 0, 2));
}

#[test]
fn indices_past_the_end_are_skipped() {
    let list = vec![conv("a")];
    let i = ConversationStats::from_rows(&list, &[0, 1, usize::MAX]).at(at_minute(0));
    assert_eq!(i.total, 1);
    let a = agent_indicators(&[agent_row("u1")], &[3, 0]);
    assert_eq!(a.total, 1);
}

#[test]
fn the_same_stats_give_longer_times_as_the_clock_moves() {
    let mut list = vec![conv("a"), conv("b")];
    list[1].status = ConversationStatus::Pending;
    let stats = ConversationStats::from_rows(&list, &all(2));
    let first = stats.at(at_minute(1));
    let later = stats.at(at_minute(3));
    assert_eq!(first.average_wait, Some(Duration::minutes(1)));
    assert_eq!(later.average_wait, Some(Duration::minutes(3)));
    assert_eq!(later.average_duration, Some(Duration::minutes(3)));
}

#[test]
fn a_timestamp_after_now_counts_as_no_time_elapsed() {
    // Clock skew: a conversation stamped 2 minutes ahead of the client's clock.
    let mut list = vec![conv("a"), conv("b")];
    list[0].created_at = at_minute(2);
    list[0].status_since = at_minute(2);
    list[1].created_at = at_minute(-4);
    list[1].status_since = at_minute(-4);
    let i = ConversationStats::from_rows(&list, &all(2)).at(at_minute(0));
    assert_eq!(i.average_wait, Some(Duration::minutes(2)));
    assert_eq!(i.average_duration, Some(Duration::minutes(2)));
    assert_eq!(i.longest_wait, Some(Duration::minutes(4)));
    let ahead = ConversationStats::from_rows(&list[..1], &[0]).at(at_minute(0));
    assert_eq!(ahead.longest_wait, Some(Duration::zero()));
}

#[test]
fn means_are_rounded_down_to_the_millisecond() {
    let mut list = vec![conv("a"), conv("b"), conv("c")];
    list[0].status_since = at_minute(0) + Duration::milliseconds(1);
    let i =
        ConversationStats::from_rows(&list, &all(3)).at(at_minute(0) + Duration::milliseconds(2));
    // (1 + 2 + 2) / 3 ms.
    assert_eq!(i.average_wait, Some(Duration::milliseconds(1)));
}

#[test]
fn transfers_per_conversation_is_the_mean_over_all_rows() {
    let mut list = vec![conv("a"), conv("b"), conv("c"), conv("d")];
    list[0].transfers = 3;
    list[1].status = ConversationStatus::InProgress;
    list[1].transfers = 2;
    let i = ConversationStats::from_rows(&list, &all(4)).at(at_minute(0));
    assert_eq!(i.transfers_per_conversation, Some(1.25));
}

fn agent_in(id: &str, status: AgentStatus, active: u32, capacity: u32) -> Agent {
    let mut a = agent_row(id);
    a.status = status;
    (a.active_conversations, a.capacity) = (active, capacity);
    a
}

#[test]
fn an_empty_view_of_agents_counts_nothing_and_has_no_occupancy() {
    let i = agent_indicators(&[], &[]);
    assert_eq!((i.total, i.online, i.offline), (0, 0, 0));
    assert_eq!(i.occupancy, None);
}

#[test]
fn agents_are_counted_by_status_with_unknown_ones_as_other() {
    let list = vec![
        agent_in("a", AgentStatus::Online, 1, 3),
        agent_in("b", AgentStatus::Online, 0, 3),
        agent_in("c", AgentStatus::Connected, 2, 2),
        agent_in("d", AgentStatus::Offline, 0, 5),
        agent_in("e", AgentStatus::Other("away".into()), 1, 2),
    ];
    let i = agent_indicators(&list, &all(5));
    let counts = (i.online, i.connected, i.offline, i.other, i.total);
    assert_eq!(counts, (2, 1, 1, 1, 5));
    // (1 + 0 + 2 + 1) / (3 + 3 + 2 + 2); the offline agent's capacity is not offered.
    assert_eq!(i.occupancy, Some(0.4));
}

#[test]
fn occupancy_ignores_offline_agents_even_with_conversations() {
    let list = vec![
        agent_in("a", AgentStatus::Online, 1, 4),
        agent_in("b", AgentStatus::Offline, 3, 3),
    ];
    assert_eq!(agent_indicators(&list, &all(2)).occupancy, Some(0.25));
}

#[test]
fn occupancy_is_none_without_capacity_and_may_exceed_one() {
    let list = vec![
        agent_in("a", AgentStatus::Online, 2, 0),
        agent_in("b", AgentStatus::Offline, 0, 5),
    ];
    assert_eq!(agent_indicators(&list, &all(2)).occupancy, None);
    let over = vec![agent_in("a", AgentStatus::Connected, 3, 2)];
    assert_eq!(agent_indicators(&over, &[0]).occupancy, Some(1.5));
}
