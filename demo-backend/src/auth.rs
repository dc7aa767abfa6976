//! Demo sign-in: fixed bearer tokens, their profiles and permissions, and the
//! scope each caller may see. The backend enforces the scope itself; the UI
//! hiding things is not security.

use std::borrow::Cow;
use std::collections::HashSet;

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use monitor_core::event::Change;
use monitor_core::wire::{permission, AgentRef, Conversation, Me};
use monitor_core::{ConversationStatus, Profile};

use crate::problem::ApiError;
use crate::sim::journal::{Entry, Footprint};
use crate::sim::model::{ConvRecord, World};
use crate::state::AppState;

/// The demo tokens and the profile each signs in with.
pub const DEMO_TOKENS: [(&str, Profile); 4] = [
    ("demo-admin", Profile::Admin),
    ("demo-operator", Profile::Operator),
    ("demo-advanced", Profile::AdvancedAgent),
    ("demo-agent", Profile::Agent),
];

/// Supervisors see and act on everything; agents get none of these.
const SUPERVISOR_PERMISSIONS: [&str; 8] = [
    permission::SUPERVISE,
    permission::VIEW_ALL_CONVERSATIONS,
    permission::VIEW_AGENTS,
    permission::VIEW_AVERAGES,
    permission::VIEW_TRENDS,
    permission::TRANSFER,
    permission::END,
    permission::BULK_END,
];

/// Only those who run the floor (admins and operators) may also sign agents
/// in and out: an advanced agent supervises conversations, not colleagues.
const FLOOR_PERMISSIONS: [&str; 1] = [permission::SET_AGENT_PRESENCE];

/// The user behind a token, if the token is one of the demo ones. The agent
/// user is the simulated `demo_agent`, so scoping follows the simulation.
pub fn user_for(token: &str, demo_agent: &AgentRef) -> Option<Me> {
    let profile = DEMO_TOKENS.iter().find(|(t, _)| *t == token)?.1.clone();
    let (id, name) = match profile {
        Profile::Admin => ("u-admin".to_owned(), "Admin Demo".to_owned()),
        Profile::Operator => ("u-operator".to_owned(), "Operadora Demo".to_owned()),
        Profile::AdvancedAgent => ("u-advanced".to_owned(), "Agente Avanzado Demo".to_owned()),
        _ => (demo_agent.id.clone(), demo_agent.name.clone()),
    };
    let floor: &[&str] = match profile {
        Profile::Admin | Profile::Operator => &FLOOR_PERMISSIONS,
        _ => &[],
    };
    let permissions = match profile {
        Profile::Agent => Vec::new(),
        _ => SUPERVISOR_PERMISSIONS
            .iter()
            .chain(floor)
            .map(|p| (*p).to_owned())
            .collect(),
    };
    Some(Me {
        id,
        name,
        profile,
        permissions,
        locale: Some("es".to_owned()),
    })
}

/// The authenticated caller of a request.
#[derive(Debug, Clone)]
pub struct Caller {
    pub me: Me,
    /// The bearer token it signed in with (a stream ends when it is revoked).
    pub token: String,
}

impl Caller {
    pub fn can(&self, permission: &str) -> bool {
        self.me.permissions.iter().any(|p| p == permission)
    }

    /// What this caller may see, given the current departments of agents.
    pub fn scope(&self, world: &World) -> Scope {
        if self.can(permission::VIEW_ALL_CONVERSATIONS) {
            return Scope::All;
        }
        let departments = world
            .agent(&self.me.id)
            .map(|a| a.departments.iter().map(|d| d.id.clone()).collect())
            .unwrap_or_default();
        Scope::Agent {
            agent_id: self.me.id.clone(),
            departments,
        }
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let header = parts
            .headers
            .get(AUTHORIZATION)
            .ok_or_else(|| ApiError::unauthorized("missing Authorization: Bearer <token>"))?;
        let token = header
            .to_str()
            .ok()
            .and_then(|v| v.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim())
            .ok_or_else(|| {
                ApiError::unauthorized("the Authorization header is not a bearer token")
            })?;
        // A revoked token looks exactly like an unknown one.
        let me = user_for(token, state.demo_agent())
            .filter(|_| !state.revocations().is_revoked(token))
            .ok_or_else(|| ApiError::unauthorized("unknown or expired token"))?;
        Ok(Caller {
            me,
            token: token.to_owned(),
        })
    }
}

/// Which conversations a caller sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    All,
    /// Own conversations plus the queued ones of the agent's departments.
    Agent {
        agent_id: String,
        departments: HashSet<String>,
    },
}

impl Scope {
    /// Whether a conversation with this agent, department and queued-ness is visible.
    fn sees_parts(&self, agent: Option<&str>, department: &str, queued: bool) -> bool {
        match self {
            Scope::All => true,
            Scope::Agent {
                agent_id,
                departments,
            } => agent == Some(agent_id.as_str()) || (queued && departments.contains(department)),
        }
    }

    pub fn sees(&self, footprint: &Footprint) -> bool {
        let agent = footprint.agent_id.as_deref();
        self.sees_parts(agent, &footprint.department_id, footprint.queued)
    }

    pub fn sees_conversation(&self, c: &Conversation) -> bool {
        let agent = c.agent.as_ref().map(|a| a.id.as_str());
        let queued = c.status == ConversationStatus::Queued;
        self.sees_parts(agent, &c.department.id, queued)
    }

    /// A finished conversation is in an agent's scope when they handled it.
    pub fn sees_finished(&self, c: &Conversation) -> bool {
        match self {
            Scope::All => true,
            Scope::Agent { agent_id, .. } => c.agent.as_ref().is_some_and(|a| &a.id == agent_id),
        }
    }

    /// The active or finished conversation `id`, if this scope sees it.
    /// Out of scope looks exactly like unknown: no probing for ids.
    pub fn visible<'w>(&self, world: &'w World, id: &str) -> Option<&'w ConvRecord> {
        match (world.active.get(id), world.finished.get(id)) {
            (Some(r), _) => self.sees_conversation(&r.conversation).then_some(r),
            (None, Some(r)) => self.sees_finished(&r.conversation).then_some(r),
            (None, None) => None,
        }
    }

    /// What of this change a stream in this scope gets: the change itself, a
    /// `conversation.remove` when the conversation just left the scope, or
    /// nothing. Agents never get `agent.upsert`.
    pub fn filter<'a>(&self, entry: &'a Entry) -> Option<Cow<'a, Change>> {
        if matches!(self, Scope::All) {
            return Some(Cow::Borrowed(&entry.change));
        }
        let was_seen = entry.before.as_ref().is_some_and(|b| self.sees(b));
        match &entry.change {
            Change::AgentUpsert(_) => None,
            Change::ConversationUpsert(c) if self.sees_conversation(c) => {
                Some(Cow::Borrowed(&entry.change))
            }
            Change::ConversationUpsert(c) => {
                was_seen.then(|| Cow::Owned(Change::ConversationRemove { id: c.id.clone() }))
            }
            Change::ConversationRemove { .. } => was_seen.then_some(Cow::Borrowed(&entry.change)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::{seed, Sim, SimConfig};

    fn agent_scope() -> Scope {
        Scope::Agent {
            agent_id: "a-0001".into(),
            departments: ["d-sales".to_owned()].into_iter().collect(),
        }
    }

    fn footprint(agent: Option<&str>, department: &str, queued: bool) -> Footprint {
        Footprint {
            agent_id: agent.map(str::to_owned),
            department_id: department.into(),
            queued,
        }
    }

    fn upsert_entry(agent: Option<&str>, department: &str, before: Option<Footprint>) -> Entry {
        let sim = Sim::new(
            SimConfig {
                seed: 1,
                agents: 3,
                conversations: 1,
                ..SimConfig::default()
            },
            seed::anchor(),
        );
        let mut c = sim.world().active.at(0).conversation.clone();
        c.agent = agent.map(|id| AgentRef {
            id: id.into(),
            name: "X".into(),
        });
        c.status = if agent.is_some() {
            ConversationStatus::InProgress
        } else {
            ConversationStatus::Queued
        };
        c.department.id = department.into();
        Entry {
            sequence: 5,
            change: Change::ConversationUpsert(c),
            before,
        }
    }

    #[test]
    fn agent_sees_own_and_queued_in_own_departments_only() {
        let scope = agent_scope();
        assert!(scope.sees(&footprint(Some("a-0001"), "d-vip", false)));
        assert!(scope.sees(&footprint(None, "d-sales", true)));
        assert!(!scope.sees(&footprint(None, "d-vip", true)));
        assert!(!scope.sees(&footprint(Some("a-0002"), "d-sales", false)));
        assert!(Scope::All.sees(&footprint(Some("a-0002"), "d-vip", false)));
    }

    #[test]
    fn conversation_leaving_the_agent_scope_becomes_a_remove() {
        let before = footprint(Some("a-0001"), "d-sales", false);
        let entry = upsert_entry(Some("a-0002"), "d-sales", Some(before));
        let sent = agent_scope().filter(&entry).map(Cow::into_owned);
        assert!(
            matches!(sent, Some(Change::ConversationRemove { .. })),
            "{sent:?}"
        );
        assert!(matches!(
            Scope::All.filter(&entry).map(Cow::into_owned),
            Some(Change::ConversationUpsert(_))
        ));
    }

    #[test]
    fn changes_never_in_the_agent_scope_are_not_sent() {
        let entry = upsert_entry(
            None,
            "d-vip",
            Some(footprint(Some("a-0003"), "d-vip", false)),
        );
        assert_eq!(agent_scope().filter(&entry), None);
        let arrival = upsert_entry(None, "d-sales", None);
        assert!(agent_scope().filter(&arrival).is_some());
        let sim = Sim::new(
            SimConfig {
                seed: 1,
                agents: 3,
                conversations: 0,
                ..SimConfig::default()
            },
            seed::anchor(),
        );
        let agent_change = Entry {
            sequence: 1,
            change: Change::AgentUpsert(sim.world().agents[0].clone()),
            before: None,
        };
        assert_eq!(agent_scope().filter(&agent_change), None);
    }

    #[test]
    fn tokens_map_to_profiles_and_only_supervisors_get_permissions() {
        let demo = AgentRef {
            id: "a-0001".into(),
            name: "José".into(),
        };
        assert!(user_for("nope", &demo).is_none());
        let agent = user_for("demo-agent", &demo).unwrap();
        assert_eq!(
            (agent.id.as_str(), agent.profile),
            ("a-0001", Profile::Agent)
        );
        assert!(agent.permissions.is_empty());
        let admin = user_for("demo-admin", &demo).unwrap();
        assert!(admin.permissions.iter().any(|p| p == permission::BULK_END));
    }

    #[test]
    fn only_admins_and_operators_may_set_agents_presence() {
        let demo = AgentRef {
            id: "a-0001".into(),
            name: "José".into(),
        };
        let may = |token| {
            let me = user_for(token, &demo).unwrap();
            me.permissions
                .iter()
                .any(|p| p == permission::SET_AGENT_PRESENCE)
        };
        assert!(may("demo-admin") && may("demo-operator"));
        assert!(!may("demo-advanced") && !may("demo-agent"));
    }
}
