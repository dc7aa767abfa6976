//! Property tests of the board against a plain map model.

use proptest::prelude::*;

use super::*;

fn status() -> impl Strategy<Value = ConversationStatus> {
    prop_oneof![
        Just(ConversationStatus::Queued),
        Just(ConversationStatus::InProgress),
        Just(ConversationStatus::Pending),
        Just(ConversationStatus::Finished),
        Just(ConversationStatus::Other("escalated".into())),
    ]
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        4 => (0..8u8, status(), 0..4u32)
            .prop_map(|(id, s, t)| Change::ConversationUpsert(conv(&format!("c{id}"), s, t))),
        2 => (0..8u8).prop_map(|id| Change::ConversationRemove { id: format!("c{id}") }),
        1 => (0..3u8, 0..5u32).prop_map(|(id, n)| Change::AgentUpsert(agent(&format!("a{id}"), n))),
    ]
}

/// The reference the board must agree with: plain maps, changed naively.
#[derive(Debug, Clone, Default, PartialEq)]
struct Model {
    conversations: HashMap<String, Conversation>,
    agents: HashMap<String, Agent>,
}

impl Model {
    fn apply(&mut self, change: &Change) {
        match change {
            Change::ConversationUpsert(c) if c.status == ConversationStatus::Finished => {
                self.conversations.remove(&c.id);
            }
            Change::ConversationUpsert(c) => {
                self.conversations.insert(c.id.clone(), c.clone());
            }
            Change::ConversationRemove { id } => {
                self.conversations.remove(id);
            }
            Change::AgentUpsert(a) => {
                self.agents.insert(a.id.clone(), a.clone());
            }
        }
    }

    fn of(board: &Board) -> Model {
        Model {
            conversations: board
                .conversations()
                .map(|c| (c.id.clone(), (**c).clone()))
                .collect(),
            agents: board
                .agents()
                .map(|a| (a.id.clone(), (**a).clone()))
                .collect(),
        }
    }
}

/// A board loaded empty at 0 with `changes` applied as sequences 1, 2, …
fn board_after(changes: &[Change]) -> Board {
    let mut board = Board::new();
    board.load_conversations(conversations_at(0, vec![]));
    board.load_agents(agents_at(0, vec![]));
    for (n, change) in (1..).zip(changes) {
        assert_eq!(board.apply(n, n - 1, change.clone()), Applied::Changed);
    }
    board
}

proptest! {
    #[test]
    fn random_changes_give_the_same_state_as_a_hashmap_model(
        changes in prop::collection::vec(change(), 0..60),
    ) {
        let board = board_after(&changes);
        let mut model = Model::default();
        changes.iter().for_each(|c| model.apply(c));
        prop_assert_eq!(Model::of(&board), model.clone());
        prop_assert_eq!(board.conversation_count(), model.conversations.len());
        prop_assert_eq!(board.sequence(), changes.len() as u64);
    }

    #[test]
    fn the_id_index_points_every_id_at_its_conversation(
        changes in prop::collection::vec(change(), 0..60),
    ) {
        let board = board_after(&changes);
        for c in board.conversations() {
            prop_assert!(board.conversation(&c.id).is_some_and(|found| std::ptr::eq(found, c)));
        }
        for id in (0..8).map(|n| format!("c{n}")) {
            let listed = board.conversations().any(|c| c.id == id);
            prop_assert_eq!(board.conversation(&id).is_some(), listed);
        }
    }

    #[test]
    fn reapplying_an_applied_event_never_changes_the_state(
        changes in prop::collection::vec(change(), 1..40),
        pick in any::<prop::sample::Index>(),
    ) {
        let mut board = board_after(&changes);
        let before = board.clone();
        let i = pick.index(changes.len());
        let sequence = i as u64 + 1;
        prop_assert_eq!(board.apply(sequence, sequence - 1, changes[i].clone()), Applied::Ignored);
        prop_assert_eq!(Model::of(&board), Model::of(&before));
        prop_assert_eq!(board.sequence(), before.sequence());
    }

    #[test]
    fn a_skipped_event_always_yields_gap_and_leaves_the_state_unchanged(
        changes in prop::collection::vec(change(), 0..40),
        next in change(),
        ahead in 1..5u64,
        after in prop_oneof![0..45u64, any::<u64>()],
    ) {
        let mut board = board_after(&changes);
        let before = board.clone();
        let position = board.sequence();
        // Any `after` but the position: a lost event, or one from another connection.
        prop_assume!(after != position);
        let sequence = position.max(after).saturating_add(ahead);
        prop_assert_eq!(board.apply(sequence, after, next), Applied::Gap);
        prop_assert_eq!(Model::of(&board), Model::of(&before));
        prop_assert_eq!(board.sequence(), position);
    }

    #[test]
    fn snapshots_taken_at_different_sequences_converge_to_the_server_state(
        changes in prop::collection::vec(change(), 0..60),
        conversations_pick in any::<prop::sample::Index>(),
        agents_pick in any::<prop::sample::Index>(),
    ) {
        // The server's state after each sequence; index 0 is before any event.
        let mut states = vec![Model::default()];
        for c in &changes {
            let mut next = states.last().cloned().unwrap_or_default();
            next.apply(c);
            states.push(next);
        }
        let c_seq = conversations_pick.index(states.len());
        let a_seq = agents_pick.index(states.len());
        let mut board = Board::new();
        board.load_conversations(conversations_at(
            c_seq as u64,
            states[c_seq].conversations.values().cloned().collect(),
        ));
        board.load_agents(agents_at(a_seq as u64, states[a_seq].agents.values().cloned().collect()));
        prop_assert_eq!(board.sequence(), c_seq.min(a_seq) as u64);
        for n in board.sequence() + 1..=changes.len() as u64 {
            let change = changes[n as usize - 1].clone();
            prop_assert_eq!(board.apply(n, n - 1, change), Applied::Changed);
        }
        prop_assert_eq!(Model::of(&board), states.last().cloned().unwrap_or_default());
    }
}
