//! The answer to the user's own action and the stream, weighed by version:
//! whichever copy of a conversation is newer is the one shown, whatever
//! order they arrive in.

use super::*;

/// `id` in `status` with `transfers`, as published at `version`.
fn at(id: &str, status: ConversationStatus, transfers: u32, version: u64) -> Conversation {
    Conversation {
        version: Some(version),
        ..conv(id, status, transfers)
    }
}

fn board_at_10() -> Board {
    let mut board = Board::new();
    board.load_conversations(conversations_at(
        10,
        vec![at("c1", ConversationStatus::InProgress, 0, 3)],
    ));
    board
}

fn transfers(board: &Board) -> Option<u32> {
    board.conversation("c1").map(|c| c.transfers)
}

#[test]
fn an_answer_ahead_of_the_stream_is_not_rolled_back_by_an_older_event() {
    let mut board = board_at_10();
    // The transfer's answer (published at 12) comes before event 11,
    // which still shows the conversation before the transfer.
    board.reflect_action(at("c1", ConversationStatus::Queued, 1, 12));
    assert_eq!(transfers(&board), Some(1));
    let older = at("c1", ConversationStatus::InProgress, 0, 11);
    assert_eq!(
        board.apply(11, 10, Change::ConversationUpsert(older)),
        Applied::Changed
    );
    assert_eq!(
        transfers(&board),
        Some(1),
        "event 11 is older than the answer"
    );
    assert_eq!(board.sequence(), 11, "the stream still moves on");
    // The event that published the answer, then a newer change: both show.
    let published = at("c1", ConversationStatus::Queued, 1, 12);
    board.apply(12, 11, Change::ConversationUpsert(published));
    let newer = at("c1", ConversationStatus::InProgress, 1, 13);
    board.apply(13, 12, Change::ConversationUpsert(newer));
    assert_eq!(
        board.conversation("c1").map(|c| c.status.clone()),
        Some(ConversationStatus::InProgress)
    );
}

#[test]
fn an_ended_conversation_is_not_brought_back_by_an_event_from_before_the_end() {
    let mut board = board_at_10();
    board.reflect_action(at("c1", ConversationStatus::Finished, 0, 12));
    assert!(board.conversation("c1").is_none());
    let before_the_end = at("c1", ConversationStatus::Pending, 0, 11);
    board.apply(11, 10, Change::ConversationUpsert(before_the_end));
    assert!(
        board.conversation("c1").is_none(),
        "event 11 is older than the end"
    );
    board.apply(12, 11, Change::ConversationRemove { id: "c1".into() });
    assert!(board.conversation("c1").is_none());
}

#[test]
fn an_answer_the_stream_has_already_overtaken_is_old_news() {
    let mut board = board_at_10();
    board.apply(
        11,
        10,
        Change::ConversationUpsert(at("c1", ConversationStatus::Queued, 1, 11)),
    );
    board.apply(
        12,
        11,
        Change::ConversationUpsert(at("c1", ConversationStatus::InProgress, 1, 12)),
    );
    // The answer of the transfer published at 11 arrives late.
    board.reflect_action(at("c1", ConversationStatus::Queued, 1, 11));
    assert_eq!(
        board.conversation("c1").map(|c| c.status.clone()),
        Some(ConversationStatus::InProgress),
        "the newer state from the stream stays"
    );
}

#[test]
fn an_answer_and_an_older_event_waiting_in_one_flush_keep_the_answer() {
    let mut board = board_at_10();
    board.stage(Input::Own(at("c1", ConversationStatus::Queued, 1, 12)));
    board.stage(Input::Change {
        sequence: 11,
        after: 10,
        change: Change::ConversationUpsert(at("c1", ConversationStatus::InProgress, 0, 11)),
    });
    board.flush();
    assert_eq!(transfers(&board), Some(1));
}

#[test]
fn a_snapshot_older_than_the_answer_keeps_it_and_a_newer_one_replaces_it() {
    let mut board = board_at_10();
    board.reflect_action(at("c1", ConversationStatus::Queued, 1, 12));
    board.load_conversations(conversations_at(
        11,
        vec![at("c1", ConversationStatus::InProgress, 0, 3)],
    ));
    assert_eq!(transfers(&board), Some(1), "the snapshot at 11 is older");
    board.load_conversations(conversations_at(
        14,
        vec![at("c1", ConversationStatus::Pending, 2, 14)],
    ));
    assert_eq!(transfers(&board), Some(2), "the snapshot at 14 is newer");
}

#[test]
fn an_answer_without_a_version_shows_as_it_is() {
    let mut board = board_at_10();
    board.reflect_action(conv("c1", ConversationStatus::Queued, 1));
    assert_eq!(transfers(&board), Some(1));
    board.apply(
        11,
        10,
        Change::ConversationUpsert(conv("c1", ConversationStatus::InProgress, 0)),
    );
    assert_eq!(
        transfers(&board),
        Some(0),
        "without versions, the last copy wins"
    );
}
