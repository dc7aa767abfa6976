//! Conversations leaving their agent or the queue: transfers to another
//! department's queue, and ends (moved to the finished store).

use monitor_core::wire::Timestamp;
use monitor_core::{Author, ConversationStatus};
use rand::RngExt;

use super::journal::Footprint;
use super::Sim;

impl Sim {
    /// The agent serving the conversation at `position` sends it to another
    /// department's queue. `false` (nothing done) with a single department.
    pub(super) fn transfer_at(&mut self, position: usize, now: Timestamp) -> bool {
        let departments = self.world.departments.len();
        if departments < 2 {
            return false;
        }
        let c = &self.world.active.at(position).conversation;
        let from = self.world.department_index(&c.department.id).unwrap_or(0);
        let to = (from + self.rng.random_range(1..departments)) % departments;
        let department = self.world.departments[to].clone();
        let agent = c
            .agent
            .as_ref()
            .and_then(|a| self.world.agent_index.get(&a.id).copied());
        let before = Footprint::of(c);
        let text = format!("Transferida de {} a {}", c.department.name, department.name);
        let note = self.message(Author::System, None, text, now);
        let (id, channel) = self.world.active.modify(position, |r| {
            r.conversation.department = department;
            r.conversation.agent = None;
            r.conversation.status = ConversationStatus::Queued;
            r.conversation.status_since = now;
            r.conversation.transfers += 1;
            r.push_message(note);
            (r.conversation.id.clone(), r.conversation.channel.clone())
        });
        self.plan_patience(&id, &channel, now, now);
        self.emit_conversation(&id, Some(before));
        if let Some(a) = agent {
            let agent = &mut self.world.agents[a];
            agent.active_conversations = agent.active_conversations.saturating_sub(1);
            agent.transfers += 1;
            self.emit_agent(a);
        }
        true
    }

    /// The conversation at `position` ends (served, or its customer gave
    /// up), with `note` as the transcript's last line.
    pub(super) fn finish_at(&mut self, position: usize, now: Timestamp, note: &str) {
        let mut record = self.world.active.remove(position);
        let before = Footprint::of(&record.conversation);
        let agent = record
            .conversation
            .agent
            .as_ref()
            .and_then(|a| self.world.agent_index.get(&a.id).copied());
        let note = self.message(Author::System, None, note.to_owned(), now);
        record.push_message(note);
        let c = &mut record.conversation;
        c.status = ConversationStatus::Finished;
        c.status_since = now;
        c.finished_at = Some(now);
        let id = c.id.clone();
        self.world.finished.push(record);
        self.emit_removal(id, before);
        if let Some(a) = agent {
            let agent = &mut self.world.agents[a];
            agent.active_conversations = agent.active_conversations.saturating_sub(1);
            self.emit_agent(a);
        }
    }
}
