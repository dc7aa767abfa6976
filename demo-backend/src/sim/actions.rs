//! Supervisors' actions: transferring and ending conversations on request.
//!
//! Unlike the simulated transfers and finishes (`handoff.rs`), these are
//! checked against what was asked, attributed to a user and recorded in the
//! conversation's action history. Their changes are journaled the same way,
//! so every open monitor sees them and scoped streams get their removes.

use monitor_core::wire::{
    ActionKind, AgentRef, Conversation, ConversationAction, Timestamp, UserRef,
};
use monitor_core::{AgentStatus, Author, ConversationStatus};

use super::journal::Footprint;
use super::Sim;

/// Why an action was not carried out. Nothing changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// No active or finished conversation with this id.
    NotFound,
    /// The conversation is already finished.
    Finished,
    /// A bulk end met an `in_progress` conversation: someone is serving it.
    InProgress,
    /// The request cannot be carried out as asked; the text says why.
    Invalid(String),
}

impl Sim {
    /// Moves an active conversation to `department_id`: to `agent_id` there
    /// (`in_progress`), or to that department's queue without one. The
    /// agent must be in the department, signed in (not `offline`) and below
    /// capacity, unless it is the agent already serving it.
    pub fn transfer_conversation(
        &mut self,
        id: &str,
        department_id: &str,
        agent_id: Option<&str>,
        by: &UserRef,
        now: Timestamp,
    ) -> Result<Conversation, Refusal> {
        let position = self.active_position(id)?;
        let d = self
            .world
            .department_index(department_id)
            .ok_or_else(|| Refusal::Invalid(format!("unknown department {department_id:?}")))?;
        let department = self.world.departments[d].clone();
        let current = &self.world.active.at(position).conversation;
        let previous = current
            .agent
            .as_ref()
            .and_then(|a| self.world.agent_index.get(&a.id).copied());
        let target = agent_id
            .map(|a| self.transfer_target(a, d, previous))
            .transpose()?;
        let stays = current.department.id == department.id
            && current.agent.as_ref().map(|a| a.id.as_str()) == agent_id
            && (agent_id.is_some() || current.status == ConversationStatus::Queued);
        if stays {
            return Err(Refusal::Invalid(format!(
                "conversation {id} is already there: nothing to transfer"
            )));
        }

        let before = Footprint::of(current);
        let to_agent = target.map(|a| agent_ref(&self.world.agents[a]));
        let action = ConversationAction {
            kind: ActionKind::Transfer,
            at: now,
            by: by.clone(),
            from_department: Some(current.department.clone()),
            to_department: Some(department.clone()),
            from_agent: current.agent.clone(),
            to_agent: to_agent.clone(),
            justification: None,
        };
        let mut text = format!(
            "Transferida de {} a {}",
            current.department.name, department.name
        );
        if let Some(agent) = &to_agent {
            text.push_str(&format!(" (asignada a {})", agent.name));
        }
        text.push_str(&format!(" por {}", by.name));
        let note = self.message(Author::System, None, text, now);
        self.world.active.modify(position, |r| {
            let c = &mut r.conversation;
            c.status = if to_agent.is_some() {
                ConversationStatus::InProgress
            } else {
                ConversationStatus::Queued
            };
            c.department = department;
            c.agent = to_agent;
            c.status_since = now;
            c.transfers += 1;
            r.push_message(note);
            r.actions.push(action);
        });
        // The answer is the copy the stream publishes, with its version.
        let conversation = self
            .emit_conversation(id, Some(before))
            .ok_or(Refusal::NotFound)?;
        if previous != target {
            if let Some(p) = previous {
                let agent = &mut self.world.agents[p];
                agent.active_conversations = agent.active_conversations.saturating_sub(1);
                self.emit_agent(p);
            }
            if let Some(t) = target {
                self.world.agents[t].active_conversations += 1;
                self.emit_agent(t);
            }
        }
        Ok(conversation)
    }

    /// Finishes an active conversation (whatever its status) with this
    /// justification, already checked. Returns it as finished.
    pub fn end_conversation(
        &mut self,
        id: &str,
        justification: &str,
        by: &UserRef,
        now: Timestamp,
    ) -> Result<Conversation, Refusal> {
        let position = self.active_position(id)?;
        Ok(self.end_at(position, justification, by, now))
    }

    /// Like [`Sim::end_conversation`], but `in_progress` conversations are
    /// refused: in bulk, nobody looked at whether their agent is mid-reply.
    pub fn end_conversation_in_bulk(
        &mut self,
        id: &str,
        justification: &str,
        by: &UserRef,
        now: Timestamp,
    ) -> Result<Conversation, Refusal> {
        let position = self.active_position(id)?;
        if self.world.active.at(position).conversation.status == ConversationStatus::InProgress {
            return Err(Refusal::InProgress);
        }
        Ok(self.end_at(position, justification, by, now))
    }

    /// Position of an active conversation, or why there is none.
    fn active_position(&self, id: &str) -> Result<usize, Refusal> {
        match self.world.active.position(id) {
            Some(position) => Ok(position),
            None if self.world.finished.get(id).is_some() => Err(Refusal::Finished),
            None => Err(Refusal::NotFound),
        }
    }

    /// The index of the agent a transfer to department `d` may go to.
    fn transfer_target(
        &self,
        agent_id: &str,
        d: usize,
        previous: Option<usize>,
    ) -> Result<usize, Refusal> {
        let department = &self.world.departments[d].name;
        let a = self
            .world
            .agent_index
            .get(agent_id)
            .copied()
            .filter(|a| self.world.members[d].contains(a))
            .ok_or_else(|| {
                Refusal::Invalid(format!("no agent {agent_id:?} in department {department}"))
            })?;
        if previous == Some(a) {
            // They already hold it: their presence and load do not change.
            return Ok(a);
        }
        let agent = &self.world.agents[a];
        if agent.status == AgentStatus::Offline {
            return Err(Refusal::Invalid(format!("{} is offline", agent.name)));
        }
        if agent.active_conversations >= agent.capacity {
            return Err(Refusal::Invalid(format!(
                "{} is at capacity ({}/{})",
                agent.name, agent.active_conversations, agent.capacity
            )));
        }
        Ok(a)
    }

    /// Moves the active conversation at `position` to the finished store and
    /// journals its removal and its agent's lighter load.
    fn end_at(
        &mut self,
        position: usize,
        justification: &str,
        by: &UserRef,
        now: Timestamp,
    ) -> Conversation {
        let mut record = self.world.active.remove(position);
        let before = Footprint::of(&record.conversation);
        let agent = record
            .conversation
            .agent
            .as_ref()
            .and_then(|a| self.world.agent_index.get(&a.id).copied());
        let text = format!("Atención finalizada por {}: {justification}", by.name);
        let note = self.message(Author::System, None, text, now);
        record.push_message(note);
        record.actions.push(ConversationAction {
            kind: ActionKind::End,
            at: now,
            by: by.clone(),
            from_department: None,
            to_department: None,
            from_agent: None,
            to_agent: None,
            justification: Some(justification.to_owned()),
        });
        let c = &mut record.conversation;
        c.status = ConversationStatus::Finished;
        c.status_since = now;
        c.finished_at = Some(now);
        c.end_justification = Some(justification.to_owned());
        // Its version is the sequence of the removal that publishes the end.
        c.version = Some(self.journal.next_sequence());
        let finished = c.clone();
        self.world.finished.push(record);
        self.emit_removal(finished.id.clone(), before);
        if let Some(a) = agent {
            let agent = &mut self.world.agents[a];
            agent.active_conversations = agent.active_conversations.saturating_sub(1);
            self.emit_agent(a);
        }
        finished
    }
}

fn agent_ref(agent: &monitor_core::wire::Agent) -> AgentRef {
    AgentRef {
        id: agent.id.clone(),
        name: agent.name.clone(),
    }
}

#[cfg(test)]
mod tests;
