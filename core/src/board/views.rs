//! The views open on the board: each answers one query (the conversations
//! or the agents tab, a wallboard) and is kept up to date by every flush.
//! Opening, changing and closing them also tells the collection which sort
//! orders to keep.

use super::{AgentView, Board, ConversationView};
use crate::agent_query::AgentQuery;
use crate::indicators::AgentIndicators;
use crate::live::summary::ConversationFigures;
use crate::live::view::View;
use crate::live::views::ViewId;
use crate::query::ConversationQuery;

impl Board {
    /// Opens a view of the conversations matching `query`.
    pub fn open_conversation_view(&mut self, query: ConversationQuery) -> ViewId {
        let view = View::new(&mut self.conversations, query);
        self.conversation_views.open(view)
    }

    /// Answers `query` in view `id` instead.
    pub fn set_conversation_query(&mut self, id: ViewId, query: ConversationQuery) {
        if let Some(view) = self.conversation_views.get_mut(id) {
            view.set_query(&mut self.conversations, query);
        }
        self.conversations
            .keep_orders(&self.conversation_views.orders());
    }

    pub fn conversation_view(&self, id: ViewId) -> Option<&ConversationView> {
        self.conversation_views.get(id)
    }

    /// Whether the conversation with `id` is among view `view`'s rows.
    pub fn conversation_view_has(&self, view: ViewId, id: &str) -> bool {
        match (
            self.conversation_views.get(view),
            self.conversations.table().key_of(id),
        ) {
            (Some(view), Some(key)) => view.has_slot(key.slot()),
            _ => false,
        }
    }

    /// View `id`'s figures, to read at any instant.
    pub fn conversation_figures(&self, id: ViewId) -> Option<ConversationFigures<'_>> {
        let view = self.conversation_views.get(id)?;
        Some(ConversationFigures {
            summary: view.summary(),
            rows: view.matches(),
            facts: self.conversations.facts(),
            context: self.conversations.context(),
        })
    }

    pub fn close_conversation_view(&mut self, id: ViewId) {
        self.conversation_views.close(id);
        self.conversations
            .keep_orders(&self.conversation_views.orders());
    }

    /// Opens a view of the agents matching `query`.
    pub fn open_agent_view(&mut self, query: AgentQuery) -> ViewId {
        let view = View::new(&mut self.agents, query);
        self.agent_views.open(view)
    }

    pub fn set_agent_query(&mut self, id: ViewId, query: AgentQuery) {
        if let Some(view) = self.agent_views.get_mut(id) {
            view.set_query(&mut self.agents, query);
        }
        self.agents.keep_orders(&self.agent_views.orders());
    }

    pub fn agent_view(&self, id: ViewId) -> Option<&AgentView> {
        self.agent_views.get(id)
    }

    /// View `id`'s agent indicators.
    pub fn agent_indicators(&self, id: ViewId) -> Option<AgentIndicators> {
        self.agent_views.get(id).map(|v| v.summary().indicators())
    }

    pub fn close_agent_view(&mut self, id: ViewId) {
        self.agent_views.close(id);
        self.agents.keep_orders(&self.agent_views.orders());
    }
}
