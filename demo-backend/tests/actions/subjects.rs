//! What the actions tests pick their subjects from: the conversations,
//! agents and departments as the admin sees them, and the picks that
//! depend on who is on shift.

use demo_backend::Server;
use monitor_core::wire::{
    Agent, AgentsSnapshot, Conversation, ConversationsSnapshot, DepartmentsList,
};
use monitor_core::AgentStatus;

use crate::common::{get_json, ADMIN};

const CONVERSATIONS: &str = "/api/v1/monitor/conversations";

/// Everything a test picks its subjects from.
pub struct View {
    pub conversations: Vec<Conversation>,
    pub agents: Vec<Agent>,
    pub departments: DepartmentsList,
}

pub async fn view(server: &Server) -> View {
    let conversations: ConversationsSnapshot = get_json(server, CONVERSATIONS, ADMIN).await;
    let agents: AgentsSnapshot = get_json(server, "/api/v1/monitor/agents", ADMIN).await;
    View {
        conversations: conversations.conversations,
        agents: agents.agents,
        departments: get_json(server, "/api/v1/departments", ADMIN).await,
    }
}

impl View {
    pub fn conversation(&self, pred: impl Fn(&Conversation) -> bool) -> Conversation {
        self.conversations
            .iter()
            .find(|c| pred(c))
            .cloned()
            .expect("a matching conversation")
    }

    pub fn agent(&self, id: &str) -> &Agent {
        self.agents
            .iter()
            .find(|a| a.id == id)
            .expect("known agent")
    }

    /// A department other than `not_in`, with an agent other than `avoid`
    /// who is online with room there.
    fn free_agent_elsewhere(&self, not_in: &str, avoid: &str) -> Option<(String, String)> {
        self.departments
            .departments
            .iter()
            .filter(|d| d.id != not_in)
            .find_map(|d| {
                d.agent_ids.iter().map(|id| self.agent(id)).find_map(|a| {
                    let free =
                        a.status == AgentStatus::Online && a.active_conversations < a.capacity;
                    (free && a.id != avoid).then(|| (d.id.clone(), a.id.clone()))
                })
            })
    }

    /// The first conversation `pred` accepts that can move to another
    /// department with an agent there (not its own) online with room: the
    /// conversation, that department and that agent. Who is on shift
    /// follows the simulated hour, so both are picked together.
    pub fn transferable(
        &self,
        pred: impl Fn(&Conversation) -> bool,
    ) -> (Conversation, String, String) {
        self.conversations
            .iter()
            .filter(|c| pred(c))
            .find_map(|c| {
                let own = c.agent.as_ref().map_or("", |a| a.id.as_str());
                let (department, agent) = self.free_agent_elsewhere(&c.department.id, own)?;
                Some((c.clone(), department, agent))
            })
            .expect("a conversation that can move to a department with a free agent")
    }
}
