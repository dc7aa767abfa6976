//! The seeded simulation of a contact center and its change journal.
//!
//! One [`Sim`] lives behind the server's mutex. Every mutation that the
//! monitor can see goes through [`Sim::emit_conversation`] /
//! [`Sim::emit_agent`] / [`Sim::emit_removal`], which assign the next global
//! sequence, so the state and the journal never disagree.

pub mod actions;
mod agenda;
mod bursts;
mod flow;
mod handoff;
pub mod history;
pub mod journal;
mod layout;
pub mod model;
pub mod names;
pub mod operation;
pub mod presence;
pub mod preview;
mod rota;
pub mod seed;
mod tick;
pub mod transcript;

use std::collections::HashMap;

use monitor_core::event::Change;
use monitor_core::wire::{AgentRef, Conversation, Customer, Message, Timestamp};
use monitor_core::{Author, Channel};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use agenda::Agenda;
use history::History;
use journal::{Footprint, Journal};
use model::World;
use monitor_core::ConversationStatus;
use operation::Sizing;

/// What the operation is generated from (see `operation.rs` for how the
/// knobs size it).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SimConfig {
    pub seed: u64,
    /// The roster.
    pub agents: usize,
    /// About how many conversations are active: the initial count, and
    /// what the arrivals are sized to keep.
    pub conversations: usize,
    /// Changes per second the simulation will be asked for (0: frozen);
    /// the operation slows down rather than need more.
    pub rate: f64,
    /// Arrivals over what the staffing was planned for (1: as planned).
    pub load: f64,
}

impl Default for SimConfig {
    fn default() -> Self {
        Self {
            seed: 7,
            agents: 40,
            conversations: 300,
            rate: 5.0,
            load: 1.0,
        }
    }
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
    /// The operation's size for the knobs.
    sizing: Sizing,
    /// When the simulation started: the day's shape is relative to it.
    anchor: Timestamp,
    bursts: Vec<bursts::Burst>,
    /// What is planned to happen, and when.
    agenda: Agenda,
    /// The waits and services that ended today.
    history: History,
    /// When agents last followed their rota.
    rota_checked: Option<Timestamp>,
    /// Agents (by index) whose presence a supervisor set, and until when
    /// the simulation leaves it alone.
    presence_holds: HashMap<usize, Timestamp>,
}

impl Sim {
    /// Generates the initial state, laid out before `anchor`.
    pub fn new(config: SimConfig, anchor: Timestamp) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
        let sizing = Sizing::new(
            config.conversations,
            config.agents,
            config.rate,
            config.load,
        );
        let seeded = seed::world(
            &mut rng,
            config.seed,
            config.agents,
            config.conversations,
            &sizing,
            anchor,
        );
        let mut world = seeded.world;
        for position in 0..world.active.len() {
            world
                .active
                .modify(position, |r| set_last_message(config.seed, r));
        }
        let weights: Vec<u32> = names::DEPARTMENTS.iter().map(|d| d.2).collect();
        let mut sim = Self {
            seed: config.seed,
            rng,
            world,
            journal: Journal::default(),
            next_conversation: config.conversations as u64 + 1,
            next_message: 1,
            presence_holds: HashMap::new(),
            sizing,
            anchor,
            bursts: bursts::schedule(config.seed, anchor, &weights),
            agenda: Agenda::default(),
            history: History::default(),
            rota_checked: None,
        };
        sim.plan_seeded(&seeded.answered, anchor);
        sim
    }

    /// Plans what happens next to the seeded conversations: the queued
    /// ones' customers give up after their patience, the served ones end
    /// after their handle time (both memoryless, so counted from now); and
    /// the first arrival.
    fn plan_seeded(&mut self, answered: &[(String, Timestamp)], anchor: Timestamp) {
        let answered: HashMap<&str, Timestamp> =
            answered.iter().map(|(id, at)| (id.as_str(), *at)).collect();
        for position in 0..self.world.active.len() {
            let c = self.world.active.at(position).conversation.clone();
            match answered.get(c.id.as_str()) {
                Some(&at) => self.plan_service_end(&c, at, anchor),
                None if c.status == ConversationStatus::Queued => {
                    self.plan_patience(&c.id, &c.channel, c.status_since, anchor);
                }
                None => {}
            }
        }
        self.plan_next_arrival(anchor);
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

    /// The waits and services that ended today.
    pub fn history(&self) -> &History {
        &self.history
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
mod tests;
