//! The seeded simulation of a contact center and its change journal.
//!
//! One [`Sim`] lives behind the server's mutex. Every mutation that the
//! monitor can see goes through [`Sim::emit_conversation`] /
//! [`Sim::emit_agent`] / [`Sim::emit_removal`], which assign the next global
//! sequence, so the state and the journal never disagree.

pub mod actions;
mod handoff;
pub mod journal;
pub mod model;
pub mod names;
pub mod presence;
pub mod preview;
pub mod seed;
mod tick;
pub mod transcript;

use std::collections::HashMap;

use monitor_core::event::Change;
use monitor_core::wire::{AgentRef, Conversation, Customer, Message, Timestamp};
use monitor_core::{Author, Channel};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use journal::{Footprint, Journal};
use model::World;

/// What the initial state is generated from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SimConfig {
    pub seed: u64,
    pub agents: usize,
    pub conversations: usize,
}

#[derive(Debug)]
pub struct Sim {
    seed: u64,
    rng: ChaCha8Rng,
    world: World,
    journal: Journal,
    /// Number of the next conversation (ids and tickets).
    next_conversation: u64,
    /// Serial of the next simulated message (their ids).
    next_message: u64,
    /// The active count the simulation steers towards.
    target_active: usize,
    /// Agents (by index) whose presence a supervisor set, and until when
    /// the simulation leaves it alone.
    presence_holds: HashMap<usize, Timestamp>,
}

impl Sim {
    /// Generates the initial state, laid out before `anchor`.
    pub fn new(config: SimConfig, anchor: Timestamp) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
        let mut world = seed::world(&mut rng, config.agents, config.conversations, anchor);
        for position in 0..world.active.len() {
            world
                .active
                .modify(position, |r| set_last_message(config.seed, r));
        }
        Self {
            seed: config.seed,
            rng,
            world,
            journal: Journal::default(),
            next_conversation: config.conversations as u64 + 1,
            next_message: 1,
            target_active: config.conversations,
            presence_holds: HashMap::new(),
        }
    }

    /// This simulation with its journal's sequences starting after `base`
    /// (see [`Journal::starting_after`]). Only meaningful before any change.
    pub fn with_sequence_base(mut self, base: u64) -> Self {
        self.journal = Journal::starting_after(base);
        self
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    pub fn world(&self) -> &World {
        &self.world
    }

    pub fn journal(&self) -> &Journal {
        &self.journal
    }

    /// The simulated agent the `demo-agent` token signs in as.
    pub fn demo_agent(&self) -> Option<AgentRef> {
        self.world.agents.first().map(|a| AgentRef {
            id: a.id.clone(),
            name: a.name.clone(),
        })
    }

    /// Adds a queued web-chat conversation in the first department for this
    /// customer and emits it like any arrival. Returns its id.
    pub fn inject_arrival(&mut self, customer_name: &str, now: Timestamp) -> String {
        let customer = Customer {
            name: customer_name.to_owned(),
            phone: None,
            email: None,
        };
        self.arrive(0, Channel::Webchat, customer, now)
    }

    /// Appends a message by `author` to the transcript of the active
    /// conversation `id`, moves its `updated_at` and `last_message` to it
    /// and emits it, so open monitors see it. The author's name is the
    /// conversation's customer or agent (the bot's name for the bot, none
    /// for the system); the status does not change. `false` when no active
    /// conversation has this id.
    pub fn inject_message(&mut self, id: &str, author: Author, text: &str, now: Timestamp) -> bool {
        let Some(position) = self.world.active.position(id) else {
            return false;
        };
        let c = &self.world.active.at(position).conversation;
        let before = Footprint::of(c);
        let name = match author {
            Author::Customer => Some(c.customer.name.clone()),
            Author::Agent => c.agent.as_ref().map(|a| a.name.clone()),
            Author::Bot => Some(transcript::BOT_NAME.to_owned()),
            _ => None,
        };
        let message = self.message(author, name, text.to_owned(), now);
        self.world
            .active
            .modify(position, |r| r.push_message(message));
        self.emit_conversation(id, Some(before));
        true
    }

    /// Adds a queued conversation and emits it.
    fn arrive(
        &mut self,
        department: usize,
        channel: Channel,
        customer: Customer,
        now: Timestamp,
    ) -> String {
        let number = self.next_conversation;
        self.next_conversation += 1;
        let Some(department) = self.world.departments.get(department).cloned() else {
            return String::new();
        };
        let mut record = seed::arrival(&mut self.rng, number, department, channel, customer, now);
        set_last_message(self.seed, &mut record);
        let id = record.conversation.id.clone();
        self.world.active.insert(record);
        self.emit_conversation(&id, None);
        id
    }

    /// Emits the current state of an active conversation, stamped with the
    /// sequence of its event; `before` is where it stood before this
    /// change. Returns what was emitted.
    fn emit_conversation(&mut self, id: &str, before: Option<Footprint>) -> Option<Conversation> {
        let position = self.world.active.position(id)?;
        let version = self.journal.next_sequence();
        let conversation = self.world.active.modify(position, |r| {
            r.conversation.version = Some(version);
            r.conversation.clone()
        });
        self.journal
            .push(Change::ConversationUpsert(conversation.clone()), before);
        Some(conversation)
    }

    /// Emits that a conversation left the active set.
    fn emit_removal(&mut self, id: String, before: Footprint) {
        self.journal
            .push(Change::ConversationRemove { id }, Some(before));
    }

    /// Emits the current state of an agent.
    fn emit_agent(&mut self, agent: usize) {
        if let Some(a) = self.world.agents.get(agent) {
            self.journal.push(Change::AgentUpsert(a.clone()), None);
        }
    }

    /// A simulated transcript message with a fresh id.
    fn message(
        &mut self,
        author: Author,
        author_name: Option<String>,
        text: String,
        now: Timestamp,
    ) -> Message {
        let id = format!("m-{}", self.next_message);
        self.next_message += 1;
        Message {
            id,
            author,
            author_name,
            sent_at: now,
            text,
        }
    }
}

/// A new record's `last_message`, from its opening: the opening is generated
/// for it once here, and from then on every message the record gets keeps
/// it current ([`model::ConvRecord::push_message`]).
fn set_last_message(seed: u64, record: &mut model::ConvRecord) {
    let last = transcript::last(seed, record);
    record.conversation.last_message = last.as_ref().map(preview::last_message);
}

#[cfg(test)]
mod tests {
    use super::*;
    use monitor_core::{AgentStatus, ConversationStatus};

    fn config(seed: u64) -> SimConfig {
        SimConfig {
            seed,
            agents: 40,
            conversations: 300,
        }
    }

    #[test]
    fn same_seed_and_anchor_give_an_identical_world() {
        let a = Sim::new(config(11), seed::anchor());
        let b = Sim::new(config(11), seed::anchor());
        assert_eq!(a.world(), b.world());
        let c = Sim::new(config(12), seed::anchor());
        assert_ne!(a.world(), c.world());
    }

    #[test]
    fn demo_agent_is_online_with_room_in_departments_and_has_conversations() {
        let sim = Sim::new(config(7), seed::anchor());
        let agent = &sim.world().agents[0];
        assert_eq!(agent.status, AgentStatus::Online);
        assert!(!agent.departments.is_empty());
        assert!(agent.active_conversations > 0 && agent.active_conversations < agent.capacity);
        let own = sim
            .world()
            .active
            .iter()
            .filter(|r| {
                r.conversation
                    .agent
                    .as_ref()
                    .is_some_and(|a| a.id == agent.id)
            })
            .count();
        assert_eq!(own as u32, agent.active_conversations);
    }

    #[test]
    fn initial_state_is_consistent() {
        let sim = Sim::new(
            SimConfig {
                seed: 5,
                agents: 60,
                conversations: 2_000,
            },
            seed::anchor(),
        );
        let world = sim.world();
        assert_eq!(world.active.len(), 2_000);
        let mut load = vec![0u32; world.agents.len()];
        for r in world.active.iter() {
            let c = &r.conversation;
            assert!(
                c.created_at <= c.status_since && c.status_since <= seed::anchor(),
                "{}",
                c.id
            );
            assert!(c
                .updated_at
                .is_some_and(|u| u >= c.created_at && u <= seed::anchor()));
            match &c.agent {
                None => assert_eq!(c.status, ConversationStatus::Queued),
                Some(a) => {
                    assert_ne!(c.status, ConversationStatus::Queued);
                    let agent = world.agent(&a.id).unwrap();
                    assert!(
                        agent.departments.contains(&c.department),
                        "{} outside its agent's departments",
                        c.id
                    );
                    load[world.agent_index[&a.id]] += 1;
                }
            }
        }
        for (agent, load) in world.agents.iter().zip(load) {
            assert_eq!(agent.active_conversations, load, "{}", agent.id);
            assert!(load <= agent.capacity);
        }
        let statuses: std::collections::HashSet<_> = world
            .active
            .iter()
            .map(|r| r.conversation.status.clone())
            .collect();
        assert_eq!(
            statuses.len(),
            4,
            "every active status appears: {statuses:?}"
        );
    }

    #[test]
    fn injected_arrival_is_queued_in_the_first_department_and_journaled() {
        let mut sim = Sim::new(config(7), seed::anchor());
        let id = sim.inject_arrival("Zoë Núñez", chrono::Utc::now());
        let record = sim.world().active.get(&id).unwrap();
        assert_eq!(record.conversation.status, ConversationStatus::Queued);
        assert_eq!(record.conversation.department.id, "d-sales");
        assert_eq!(record.conversation.customer.name, "Zoë Núñez");
        assert_eq!(sim.journal().sequence(), 1);
        assert_eq!(sim.world().active.queue().last(), Some(id.as_str()));
    }

    #[test]
    fn injected_message_ends_the_transcript_moves_updated_at_and_is_journaled() {
        let mut sim = Sim::new(config(7), seed::anchor());
        let record = sim.world().active.at(0).clone();
        let id = record.conversation.id.clone();
        let now = chrono::Utc::now();
        assert!(sim.inject_message(&id, Author::Customer, "¿Siguen ahí?", now));
        let after = sim.world().active.get(&id).unwrap();
        assert_eq!(after.conversation.updated_at, Some(now));
        assert_eq!(after.conversation.status, record.conversation.status);
        let last = transcript::transcript(sim.seed(), after).pop().unwrap();
        assert_eq!(
            (
                last.author,
                last.author_name,
                last.text.as_str(),
                last.sent_at
            ),
            (
                Author::Customer,
                Some(record.conversation.customer.name.clone()),
                "¿Siguen ahí?",
                now
            )
        );
        assert_eq!(sim.journal().sequence(), 1);
        assert!(!sim.inject_message("c-nope", Author::Agent, "x", now));
        assert_eq!(sim.journal().sequence(), 1);
    }
}
