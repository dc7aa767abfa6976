//! Board tests. They live inside the crate to check the private id index.

use std::collections::HashMap;

use chrono::DateTime;

use super::*;
use crate::enums::AgentStatus;
use crate::query::ConversationQuery;

fn conv(id: &str, status: ConversationStatus, transfers: u32) -> Conversation {
    let mut c = crate::test_support::conversation(id);
    c.status = status;
    (c.created_at, c.status_since) = (DateTime::UNIX_EPOCH, DateTime::UNIX_EPOCH);
    c.transfers = transfers;
    c
}

fn agent(id: &str, active: u32) -> Agent {
    Agent {
        id: id.to_owned(),
        name: format!("Agent {id}"),
        email: None,
        status: AgentStatus::Online,
        status_since: DateTime::UNIX_EPOCH,
        active_conversations: active,
        capacity: 5,
        transfers: 0,
        departments: vec![],
        status_set_by: None,
    }
}

fn conversations_at(sequence: u64, conversations: Vec<Conversation>) -> ConversationsSnapshot {
    ConversationsSnapshot {
        server_time: DateTime::UNIX_EPOCH,
        sequence,
        conversations,
        next_cursor: None,
    }
}

fn agents_at(sequence: u64, agents: Vec<Agent>) -> AgentsSnapshot {
    AgentsSnapshot {
        server_time: DateTime::UNIX_EPOCH,
        sequence,
        agents,
    }
}

fn upsert(id: &str, status: ConversationStatus) -> Change {
    Change::ConversationUpsert(conv(id, status, 0))
}

fn ids(board: &Board) -> Vec<&str> {
    let mut ids: Vec<&str> = board.conversations().map(|c| c.id.as_str()).collect();
    ids.sort_unstable();
    ids
}

#[test]
fn a_snapshot_drops_finished_conversations_and_keeps_the_last_duplicate() {
    let mut board = Board::new();
    board.load_conversations(conversations_at(
        7,
        vec![
            conv("a", ConversationStatus::Queued, 0),
            conv("b", ConversationStatus::Finished, 0),
            conv("a", ConversationStatus::Pending, 2),
        ],
    ));
    assert_eq!(ids(&board), ["a"]);
    assert_eq!(board.conversation("a").map(|c| c.transfers), Some(2));
    assert!(board.conversation("b").is_none());
    assert_eq!(board.sequence(), 7);
}

#[test]
fn the_stream_resumes_from_the_older_snapshot() {
    let mut board = Board::new();
    board.load_conversations(conversations_at(10, vec![]));
    board.load_agents(agents_at(8, vec![]));
    assert_eq!(board.sequence(), 8);
}

#[test]
fn an_event_already_in_the_agents_snapshot_does_not_roll_it_back() {
    let mut board = Board::new();
    board.load_conversations(conversations_at(5, vec![]));
    board.load_agents(agents_at(7, vec![agent("x", 3)]));
    // Sequence 6 is older than the agents snapshot (7): skipped for agents...
    assert_eq!(
        board.apply(6, 5, Change::AgentUpsert(agent("x", 1))),
        Applied::Changed
    );
    assert_eq!(board.agent("x").map(|a| a.active_conversations), Some(3));
    // ...while conversation events after 5 are news to the conversations.
    assert_eq!(
        board.apply(7, 6, upsert("c", ConversationStatus::Queued)),
        Applied::Changed
    );
    assert_eq!(ids(&board), ["c"]);
    assert_eq!(
        board.apply(8, 7, Change::AgentUpsert(agent("x", 4))),
        Applied::Changed
    );
    assert_eq!(board.agent("x").map(|a| a.active_conversations), Some(4));
    assert_eq!(board.sequence(), 8);
}

#[test]
fn an_own_transfer_shows_at_once_and_its_stream_event_changes_nothing_more() {
    let mut board = Board::new();
    board.load_conversations(conversations_at(
        5,
        vec![conv("c1", ConversationStatus::InProgress, 0)],
    ));
    let transferred = conv("c1", ConversationStatus::Queued, 1);
    board.reflect_action(transferred.clone());
    assert_eq!(board.conversation("c1").map(|c| &**c), Some(&transferred));
    assert_eq!(board.sequence(), 5, "the stream position does not move");
    let applied = board.apply(6, 5, Change::ConversationUpsert(transferred.clone()));
    assert_eq!(applied, Applied::Changed);
    let all: Vec<&Conversation> = board.conversations().map(|c| &**c).collect();
    assert_eq!(all, [&transferred]);
}

#[test]
fn an_own_end_removes_the_conversation_at_once() {
    let mut board = Board::new();
    board.load_conversations(conversations_at(
        5,
        vec![conv("c1", ConversationStatus::Pending, 0)],
    ));
    board.reflect_action(conv("c1", ConversationStatus::Finished, 0));
    assert!(board.conversation("c1").is_none());
    assert_eq!(
        board.apply(6, 5, Change::ConversationRemove { id: "c1".into() }),
        Applied::Changed
    );
    assert_eq!(board.conversation_count(), 0);
}

#[test]
fn a_duplicate_or_old_event_is_ignored() {
    let mut board = Board::new();
    board.load_conversations(conversations_at(3, vec![]));
    assert_eq!(
        board.apply(3, 2, upsert("a", ConversationStatus::Queued)),
        Applied::Ignored
    );
    assert_eq!(
        board.apply(1, 0, upsert("a", ConversationStatus::Queued)),
        Applied::Ignored
    );
    assert_eq!(board.conversation_count(), 0);
    assert_eq!(board.sequence(), 3);
}

#[test]
fn gap_in_after_asks_for_a_resync_and_changes_nothing() {
    let mut board = Board::new();
    board.load_conversations(conversations_at(3, vec![]));
    assert_eq!(
        board.apply(5, 4, upsert("a", ConversationStatus::Queued)),
        Applied::Gap
    );
    assert_eq!(board.conversation_count(), 0);
    assert_eq!(board.sequence(), 3);
}

#[test]
fn a_scoped_stream_may_skip_sequences_as_long_as_after_matches() {
    let mut board = Board::new();
    board.load_conversations(conversations_at(3, vec![]));
    assert_eq!(
        board.apply(9, 3, upsert("a", ConversationStatus::Queued)),
        Applied::Changed
    );
    assert_eq!(board.sequence(), 9);
}

#[test]
fn an_upsert_to_finished_removes_the_conversation() {
    let mut board = Board::new();
    board.load_conversations(conversations_at(
        0,
        vec![conv("a", ConversationStatus::Queued, 0)],
    ));
    assert_eq!(
        board.apply(1, 0, upsert("a", ConversationStatus::Finished)),
        Applied::Changed
    );
    assert!(board.conversation("a").is_none());
    assert_eq!(board.conversation_count(), 0);
}

#[test]
fn removing_an_unknown_conversation_only_advances_the_position() {
    let mut board = Board::new();
    board.load_conversations(conversations_at(
        0,
        vec![conv("a", ConversationStatus::Queued, 0)],
    ));
    let remove = Change::ConversationRemove { id: "zz".into() };
    assert_eq!(board.apply(1, 0, remove), Applied::Changed);
    assert_eq!(ids(&board), ["a"]);
    assert_eq!(board.sequence(), 1);
}

#[test]
fn removing_from_the_middle_keeps_the_moved_conversation_findable() {
    let mut board = Board::new();
    let list = ["a", "b", "c", "d"].map(|id| conv(id, ConversationStatus::Queued, 0));
    board.load_conversations(conversations_at(0, list.to_vec()));
    board.apply(1, 0, Change::ConversationRemove { id: "b".into() });
    assert_eq!(board.conversation("d").map(|c| c.id.as_str()), Some("d"));
    assert_eq!(ids(&board), ["a", "c", "d"]);
}

#[test]
fn reloading_a_snapshot_replaces_everything() {
    let mut board = Board::new();
    board.load_conversations(conversations_at(
        0,
        vec![conv("a", ConversationStatus::Queued, 0)],
    ));
    board.apply(1, 0, upsert("b", ConversationStatus::Queued));
    board.load_conversations(conversations_at(
        20,
        vec![conv("c", ConversationStatus::Queued, 0)],
    ));
    assert_eq!(ids(&board), ["c"]);
    assert_eq!(board.sequence(), 20);
}

#[test]
fn presence_changes_are_logged_from_snapshots_and_the_stream() {
    let mut board = Board::new();
    board.load_conversations(conversations_at(0, vec![]));
    board.load_agents(agents_at(0, vec![agent("x", 0), agent("y", 0)]));
    let mut paused = agent("x", 0);
    paused.status = AgentStatus::Connected;
    paused.status_since = DateTime::UNIX_EPOCH + chrono::Duration::minutes(3);
    board.apply(1, 0, Change::AgentUpsert(paused.clone()));
    // The same presence again (only the load changed) adds nothing.
    paused.active_conversations = 2;
    board.apply(2, 1, Change::AgentUpsert(paused));
    let statuses: Vec<_> = board.presence().of("x").map(|c| c.status.clone()).collect();
    assert_eq!(statuses, [AgentStatus::Online, AgentStatus::Connected]);
    // A reloaded snapshot without "y" forgets "y".
    board.load_agents(agents_at(5, vec![agent("x", 0)]));
    assert_eq!(board.presence().of("y").count(), 0);
    assert_eq!(
        board.presence().of("x").count(),
        2,
        "nothing recorded twice"
    );
}

#[test]
fn an_archive_keeps_finished_conversations_and_shows_them_in_views() {
    let mut board = Board::new();
    let view = board.open_conversation_view(ConversationQuery::default());
    for id in ["a", "b"] {
        board.stage(Input::Archived(conv(id, ConversationStatus::Finished, 1)));
    }
    board.flush();
    assert_eq!(ids(&board), ["a", "b"]);
    assert_eq!(
        board.conversation_view(view).map(|v| v.rows().len()),
        Some(2)
    );
    assert_eq!(board.sequence(), 0, "an archive has no stream position");
}

mod newer_wins;
mod props;
