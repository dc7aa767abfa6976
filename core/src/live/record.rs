//! What the engine needs to know about a kind of row: how it is searched,
//! which facet values it has, and its sort key per column. Conversations
//! and agents are the two kinds; one engine serves both tabs.

use std::cmp::{Ordering, Reverse};

use crate::agent_query::{AgentQuery, AgentSort};
use crate::agent_select::sort::{group_chars, Load};
use crate::awaiting::is_awaiting_reply;
use crate::enums::{AgentStatus, Channel, ConversationStatus};
use crate::query::{ConversationQuery, ConversationSort, SortDir, UNASSIGNED};
use crate::search::{fold, SearchKey};
use crate::select::{duration_key, DurationKey};
use crate::wire::{Agent, Conversation, Timestamp};

use super::summary::{AgentFacts, ConversationContext, ConversationFacts};
use super::table::HasId;

/// A kind of row the engine indexes.
pub trait Indexed: HasId + Send + Sync + 'static {
    /// A sort column.
    type Sort: Copy + Eq + std::hash::Hash + Send + Sync + std::fmt::Debug + 'static;
    /// What a row adds to its views' indicators, worked out once per version.
    type Facts: Copy + Default + Send + Sync + std::fmt::Debug + 'static;
    /// What facts are worked out with (thresholds, group numbers).
    type Context: Default + Send + Sync + std::fmt::Debug + 'static;
    /// How many facets (filterable fields) a row has.
    const FACETS: usize;

    /// The row's facts.
    fn facts(&self, context: &mut Self::Context) -> Self::Facts;

    /// The row's searchable fields, folded.
    fn search_key(&self) -> SearchKey;

    /// Calls `value` with each of the row's values of `facet` (an agent is
    /// in several departments; a conversation not awaiting a reply has no
    /// "awaiting" value).
    fn facet_values(&self, facet: usize, value: &mut dyn FnMut(&str));

    /// The row's key for `sort`: two rows' keys for one column compare as
    /// the table orders them in ascending direction, before the id.
    fn sort_key(&self, sort: Self::Sort) -> SortKey;
}

/// What a tab's query asks of the engine.
pub trait RowQuery<R: Indexed>: Clone + PartialEq + Send + Sync + 'static {
    /// The search box as typed.
    fn search(&self) -> &str;
    /// Calls `value` with each value chosen for `facet`; none means any.
    fn chosen(&self, facet: usize, value: &mut dyn FnMut(&str));
    /// The sort column and direction.
    fn order(&self) -> (R::Sort, SortDir);
}

/// A sort key. Within one column every row's key is the same variant, so
/// the derived order between variants never matters.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum SortKey {
    Channel(Channel),
    Status(ConversationStatus),
    Presence(AgentStatus),
    /// A name as a person reads it: rows without one last, then case and
    /// accents ignored, then the exact text.
    Text {
        missing: bool,
        folded: Box<str>,
        exact: Box<str>,
    },
    Time(Timestamp),
    /// Rows without a time last.
    MaybeTime(bool, Option<Timestamp>),
    /// Longer ago first.
    Age(Reverse<Timestamp>),
    Count(u32),
    Load(LoadKey),
    Duration(DurationKey),
}

/// Active conversations over capacity, as the Agents table orders them.
#[derive(Debug, Clone, Copy)]
pub struct LoadKey(Load);

impl Ord for LoadKey {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.cmp(&other.0)
    }
}

impl PartialOrd for LoadKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for LoadKey {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for LoadKey {}

fn text(name: Option<impl Iterator<Item = char> + Clone>) -> SortKey {
    match name {
        Some(chars) => SortKey::Text {
            missing: false,
            folded: chars.clone().filter_map(fold).collect::<String>().into(),
            exact: chars.collect::<String>().into(),
        },
        None => SortKey::Text {
            missing: true,
            folded: "".into(),
            exact: "".into(),
        },
    }
}

/// The facets of a conversation, in [`Indexed::facet_values`] numbering.
pub mod conversation_facet {
    pub const STATUS: usize = 0;
    pub const CHANNEL: usize = 1;
    pub const DEPARTMENT: usize = 2;
    /// The agent's id, or [`crate::query::UNASSIGNED`].
    pub const AGENT: usize = 3;
    /// [`AWAITING`] when the customer awaits a reply.
    pub const AWAITING_REPLY: usize = 4;
    pub const AWAITING: &str = "1";
}

impl Indexed for Conversation {
    type Sort = ConversationSort;
    type Facts = ConversationFacts;
    type Context = ConversationContext;
    const FACETS: usize = 5;

    fn facts(&self, context: &mut ConversationContext) -> ConversationFacts {
        ConversationFacts::of(self, context)
    }

    fn search_key(&self) -> SearchKey {
        let texts = [
            self.customer.name.as_str(),
            self.customer.email.as_deref().unwrap_or(""),
            self.agent.as_ref().map_or("", |a| a.name.as_str()),
            self.ticket.as_deref().unwrap_or(""),
        ];
        let phones: &[&str] = match &self.customer.phone {
            Some(p) => &[p.as_str()],
            None => &[],
        };
        SearchKey::new(&texts, phones)
    }

    fn facet_values(&self, facet: usize, value: &mut dyn FnMut(&str)) {
        use conversation_facet::*;
        match facet {
            STATUS => value(self.status.as_str()),
            CHANNEL => value(self.channel.as_str()),
            DEPARTMENT => value(&self.department.id),
            AGENT => value(self.agent.as_ref().map_or(UNASSIGNED, |a| a.id.as_str())),
            AWAITING_REPLY if is_awaiting_reply(self) => value(AWAITING),
            _ => {}
        }
    }

    fn sort_key(&self, sort: ConversationSort) -> SortKey {
        match sort {
            ConversationSort::Ticket => text(self.ticket.as_deref().map(str::chars)),
            ConversationSort::Channel => SortKey::Channel(self.channel.clone()),
            ConversationSort::Status => SortKey::Status(self.status.clone()),
            ConversationSort::Customer => text(Some(self.customer.name.chars())),
            ConversationSort::Agent => text(self.agent.as_ref().map(|a| a.name.chars())),
            ConversationSort::Department => text(Some(self.department.name.chars())),
            ConversationSort::Created => SortKey::Time(self.created_at),
            ConversationSort::Updated => {
                SortKey::MaybeTime(self.updated_at.is_none(), self.updated_at)
            }
            ConversationSort::TimeInStatus => SortKey::Age(Reverse(self.status_since)),
            ConversationSort::Duration => SortKey::Duration(duration_key(self)),
            ConversationSort::Transfers => SortKey::Count(self.transfers),
            ConversationSort::Finished => {
                SortKey::MaybeTime(self.finished_at.is_none(), self.finished_at)
            }
        }
    }
}

impl RowQuery<Conversation> for ConversationQuery {
    fn search(&self) -> &str {
        &self.search
    }

    fn chosen(&self, facet: usize, value: &mut dyn FnMut(&str)) {
        use conversation_facet::*;
        match facet {
            STATUS => self.statuses.iter().for_each(|s| value(s.as_str())),
            CHANNEL => self.channels.iter().for_each(|c| value(c.as_str())),
            DEPARTMENT => self.departments.iter().for_each(|d| value(d)),
            AGENT => self.agents.iter().for_each(|a| value(a)),
            AWAITING_REPLY if self.awaiting => value(AWAITING),
            _ => {}
        }
    }

    fn order(&self) -> (ConversationSort, SortDir) {
        (self.sort, self.dir)
    }
}

/// The facets of an agent.
pub mod agent_facet {
    pub const STATUS: usize = 0;
    /// Every department the agent is in.
    pub const DEPARTMENT: usize = 1;
}

impl Indexed for Agent {
    type Sort = AgentSort;
    type Facts = AgentFacts;
    type Context = ();
    const FACETS: usize = 2;

    fn facts(&self, _: &mut ()) -> AgentFacts {
        AgentFacts::of(self)
    }

    fn search_key(&self) -> SearchKey {
        SearchKey::new(
            &[self.name.as_str(), self.email.as_deref().unwrap_or("")],
            &[],
        )
    }

    fn facet_values(&self, facet: usize, value: &mut dyn FnMut(&str)) {
        match facet {
            agent_facet::STATUS => value(self.status.as_str()),
            agent_facet::DEPARTMENT => self.departments.iter().for_each(|d| value(&d.id)),
            _ => {}
        }
    }

    fn sort_key(&self, sort: AgentSort) -> SortKey {
        match sort {
            AgentSort::Name => text(Some(self.name.chars())),
            AgentSort::Status => SortKey::Presence(self.status.clone()),
            AgentSort::TimeInStatus => SortKey::Age(Reverse(self.status_since)),
            AgentSort::Load => SortKey::Load(LoadKey(Load::of(self))),
            AgentSort::Transfers => SortKey::Count(self.transfers),
            // Agents without a department last, then the Groups cell's text.
            AgentSort::Groups => match text(Some(group_chars(self))) {
                SortKey::Text { folded, exact, .. } => SortKey::Text {
                    missing: self.departments.is_empty(),
                    folded,
                    exact,
                },
                other => other,
            },
        }
    }
}

impl RowQuery<Agent> for AgentQuery {
    fn search(&self) -> &str {
        &self.search
    }

    fn chosen(&self, facet: usize, value: &mut dyn FnMut(&str)) {
        match facet {
            agent_facet::STATUS => self.statuses.iter().for_each(|s| value(s.as_str())),
            agent_facet::DEPARTMENT => self.departments.iter().for_each(|d| value(d)),
            _ => {}
        }
    }

    fn order(&self) -> (AgentSort, SortDir) {
        (self.sort, self.dir)
    }
}

impl HasId for Conversation {
    fn id(&self) -> &str {
        &self.id
    }
}

impl HasId for Agent {
    fn id(&self) -> &str {
        &self.id
    }
}
