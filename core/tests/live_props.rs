//! The live engine against the plain functions it replaces on the hot
//! path: random interleavings of snapshots, staged changes, flushes and
//! queries (typed letter by letter, filters switched, sorts toggled) must
//! leave every open view exactly equal to `select_conversations`,
//! `ConversationStats`, `WaitStats`, `select_agents` and
//! `agent_indicators` computed from scratch over the board's rows.

mod common;

use chrono::Duration;
use common::arb::{agents as arb_agents, conversations as arb_conversations};
use common::at_minute;
use monitor_core::board::{Input, Listing, Staged};
use monitor_core::event::Change;
use monitor_core::indicators::waits::WaitStats;
use monitor_core::live::ViewId;
use monitor_core::thresholds::{Limits, WaitThresholds};
use monitor_core::wire::{Agent, AgentsSnapshot, Conversation, ConversationsSnapshot};
use monitor_core::{
    agent_indicators, select_agents, select_conversations, AgentQuery, Board, ConversationQuery,
    ConversationStats, ConversationStatus,
};
use proptest::prelude::*;

/// Thresholds short enough that the test's minutes cross them.
fn thresholds() -> WaitThresholds {
    let mut t = WaitThresholds {
        queue: Limits {
            warning_secs: 60,
            critical_secs: 120,
        },
        status: Limits {
            warning_secs: 120,
            critical_secs: 180,
        },
        ..WaitThresholds::default()
    };
    t.departments.insert(
        "d1".into(),
        monitor_core::thresholds::DepartmentLimits {
            queue: Some(Limits {
                warning_secs: 30,
                critical_secs: 90,
            }),
            status: None,
        },
    );
    t
}

/// One thing that can happen to the board or to the views.
#[derive(Debug, Clone)]
enum Step {
    Conversations(Vec<Conversation>),
    Agents(Vec<Agent>),
    Upsert(Conversation),
    Remove(usize),
    AgentUpsert(Agent),
    Own(Conversation),
    Flush,
    Query(ConversationQuery),
    AgentQuery(AgentQuery),
    /// Types `text` into the conversations' search letter by letter,
    /// checking after each, then erases it the same way.
    Type(String),
}

/// Ids are drawn from a small pool so that changes hit existing rows.
fn with_id(mut c: Conversation, n: usize) -> Conversation {
    c.id = format!("c{n}");
    c
}

fn step() -> impl Strategy<Value = Step> {
    let conversation =
        || (arb_conversations::conversation(), 0..14usize).prop_map(|(c, n)| with_id(c, n));
    let agent = (arb_agents::agent(), 0..6usize).prop_map(|(mut a, n)| {
        a.id = format!("u{n}");
        a
    });
    prop_oneof![
        1 => arb_conversations::conversations().prop_map(Step::Conversations),
        1 => arb_agents::agents().prop_map(Step::Agents),
        6 => conversation().prop_map(Step::Upsert),
        2 => (0..14usize).prop_map(Step::Remove),
        2 => agent.prop_map(Step::AgentUpsert),
        1 => conversation().prop_map(Step::Own),
        4 => Just(Step::Flush),
        3 => arb_conversations::query().prop_map(Step::Query),
        2 => arb_agents::query().prop_map(Step::AgentQuery),
        2 => prop::sample::select(vec!["ana paula", "joao", "11 98", "(21) 34", "zé b", "mari"])
            .prop_map(|s| Step::Type(s.to_owned())),
    ]
}

/// The board, its stream position, and two views of each kind.
struct Harness {
    board: Board,
    sequence: u64,
    conversation_views: Vec<ViewId>,
    agent_views: Vec<ViewId>,
}

impl Harness {
    fn new(listing: Listing) -> Self {
        let mut board = Board::with_thresholds(thresholds());
        board.set_listing(listing);
        let conversation_views = vec![
            board.open_conversation_view(ConversationQuery::default()),
            board.open_conversation_view(ConversationQuery {
                statuses: [ConversationStatus::Queued].into(),
                ..ConversationQuery::default()
            }),
        ];
        let agent_views = vec![
            board.open_agent_view(AgentQuery::default()),
            board.open_agent_view(AgentQuery::default()),
        ];
        Self {
            board,
            sequence: 0,
            conversation_views,
            agent_views,
        }
    }

    fn change(&mut self, change: Change) {
        let staged = self.board.stage(Input::Change {
            sequence: self.sequence + 1,
            after: self.sequence,
            change,
        });
        assert_eq!(staged, Staged::Accepted);
        self.sequence += 1;
    }

    fn run(&mut self, step: Step) -> Result<(), TestCaseError> {
        match step {
            Step::Conversations(list) => {
                self.board
                    .stage(Input::Conversations(ConversationsSnapshot {
                        server_time: at_minute(0),
                        sequence: self.sequence,
                        conversations: list,
                        next_cursor: None,
                    }));
            }
            Step::Agents(list) => {
                self.board.stage(Input::Agents(AgentsSnapshot {
                    server_time: at_minute(0),
                    sequence: self.sequence,
                    agents: list,
                }));
            }
            Step::Upsert(c) => self.change(Change::ConversationUpsert(c)),
            Step::Remove(n) => self.change(Change::ConversationRemove {
                id: format!("c{n}"),
            }),
            Step::AgentUpsert(a) => self.change(Change::AgentUpsert(a)),
            Step::Own(c) => {
                self.board.stage(Input::Own(c));
            }
            Step::Flush => {
                self.board.flush();
            }
            Step::Query(q) => {
                let id = self.conversation_views[1];
                self.board.set_conversation_query(id, q);
            }
            Step::AgentQuery(q) => {
                let id = self.agent_views[1];
                self.board.set_agent_query(id, q);
            }
            Step::Type(text) => {
                let id = self.conversation_views[0];
                let base = self
                    .board
                    .conversation_view(id)
                    .map(|v| v.query().clone())
                    .unwrap_or_default();
                let prefixes: Vec<String> = text
                    .char_indices()
                    .map(|(i, c)| text[..i + c.len_utf8()].to_owned())
                    .collect();
                let typed = prefixes.iter().chain(prefixes.iter().rev().skip(1));
                for search in typed.chain(std::iter::once(&String::new())) {
                    let q = ConversationQuery {
                        search: search.clone(),
                        ..base.clone()
                    };
                    self.board.set_conversation_query(id, q);
                    self.check()?;
                }
            }
        }
        self.check()
    }

    /// Every view equals the plain functions over the flushed rows.
    fn check(&self) -> Result<(), TestCaseError> {
        let conversations: Vec<Conversation> =
            self.board.conversations().map(|c| (**c).clone()).collect();
        let thresholds = thresholds();
        for &id in &self.conversation_views {
            let view = self.board.conversation_view(id).expect("an open view");
            let expected = select_conversations(&conversations, view.query());
            let expected_ids: Vec<&str> = expected
                .iter()
                .map(|&i| conversations[i].id.as_str())
                .collect();
            let shown: Vec<&str> = view
                .rows()
                .iter()
                .map(|&key| {
                    self.board
                        .conversation_at(key)
                        .map_or("<gone>", |(c, _)| c.id.as_str())
                })
                .collect();
            prop_assert_eq!(&shown, &expected_ids, "query {:?}", view.query());
            let stats = ConversationStats::from_rows(&conversations, &expected);
            let waits = WaitStats::from_rows(&conversations, &expected, &thresholds);
            let figures = self.board.conversation_figures(id).expect("an open view");
            prop_assert_eq!(figures.in_progress(), stats.at(at_minute(0)).in_progress);
            for minutes in [-3, 0, 1, 2, 4, 9] {
                let now = at_minute(minutes) + Duration::milliseconds(250);
                prop_assert_eq!(figures.stats_at(now), stats.at(now));
                prop_assert_eq!(figures.waits_at(now), waits.total_at(now));
                prop_assert_eq!(figures.departments_at(now), waits.departments_at(now));
                prop_assert_eq!(figures.channels_at(now), waits.channels_at(now));
            }
        }
        let agents: Vec<Agent> = self.board.agents().map(|a| (**a).clone()).collect();
        for &id in &self.agent_views {
            let view = self.board.agent_view(id).expect("an open view");
            let expected = select_agents(&agents, view.query());
            let expected_ids: Vec<&str> = expected.iter().map(|&i| agents[i].id.as_str()).collect();
            let shown: Vec<&str> = view
                .rows()
                .iter()
                .map(|&key| {
                    self.board
                        .agent_at(key)
                        .map_or("<gone>", |(a, _)| a.id.as_str())
                })
                .collect();
            prop_assert_eq!(&shown, &expected_ids, "query {:?}", view.query());
            prop_assert_eq!(
                format!("{:?}", self.board.agent_indicators(id)),
                format!("{:?}", Some(agent_indicators(&agents, &expected)))
            );
        }
        Ok(())
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, ..ProptestConfig::default() })]

    #[test]
    fn every_view_equals_the_full_recompute_after_any_interleaving(
        steps in prop::collection::vec(step(), 1..40),
        listing in prop::sample::select(vec![Listing::Adaptive, Listing::Walk, Listing::Sort]),
    ) {
        let mut harness = Harness::new(listing);
        harness.check()?;
        for step in steps {
            harness.run(step)?;
        }
        harness.board.flush();
        harness.check()?;
    }

    #[test]
    fn staged_changes_leave_every_view_as_it_was_until_the_flush(
        before in prop::collection::vec(step(), 0..15),
        staged in prop::collection::vec(step(), 1..15),
    ) {
        let mut harness = Harness::new(Listing::Walk);
        for step in before {
            harness.run(step)?;
        }
        harness.board.flush();
        let shown = |h: &Harness| -> Vec<Vec<String>> {
            h.conversation_views.iter().map(|&id| {
                let view = h.board.conversation_view(id).expect("open");
                view.rows().iter().filter_map(|&k| h.board.conversation_at(k).map(|(c, _)| c.id.clone())).collect()
            }).collect()
        };
        let frozen = shown(&harness);
        for step in staged.into_iter().filter(|s| !matches!(s, Step::Flush | Step::Query(_) | Step::AgentQuery(_) | Step::Type(_))) {
            harness.run(step)?;
            prop_assert_eq!(&shown(&harness), &frozen, "a staged change showed before the flush");
        }
        harness.board.flush();
        harness.check()?;
    }
}
