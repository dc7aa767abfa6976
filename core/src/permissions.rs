//! What the signed-in user may see and do, from the permission list in
//! `/me`: the UI renders from this, never from the profile name, so a
//! profile the monitor does not know yet still gets exactly its rights.
//! The backend enforces the same rules; hiding a button is not security.

use crate::enums::ConversationStatus;
use crate::wire::{permission, Conversation, Me};

/// The capabilities granted by a permission list. Unknown permission
/// strings grant nothing; each known one grants exactly its capability.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Permissions {
    view_agents: bool,
    view_averages: bool,
    view_trends: bool,
    transfer: bool,
    end: bool,
    bulk_end: bool,
    set_agent_presence: bool,
    supervise: bool,
}

impl Permissions {
    /// The capabilities of the signed-in user.
    pub fn from_me(me: &Me) -> Self {
        Self::from_names(me.permissions.iter().map(String::as_str))
    }

    /// The capabilities granted by `names` (`wire::permission::*`).
    pub fn from_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut granted = Self::default();
        for name in names {
            let flag = match name {
                permission::VIEW_AGENTS => &mut granted.view_agents,
                permission::VIEW_AVERAGES => &mut granted.view_averages,
                permission::VIEW_TRENDS => &mut granted.view_trends,
                permission::TRANSFER => &mut granted.transfer,
                permission::END => &mut granted.end,
                permission::BULK_END => &mut granted.bulk_end,
                permission::SET_AGENT_PRESENCE => &mut granted.set_agent_presence,
                permission::SUPERVISE => &mut granted.supervise,
                // A newer backend may grant things this version cannot do;
                // and the scope of the list (`conversations.view_all`) is
                // the backend's business: it sends what the user may see.
                _ => continue,
            };
            *flag = true;
        }
        granted
    }

    /// The Agents tab (its route is not reachable otherwise).
    pub fn can_view_agents(&self) -> bool {
        self.view_agents
    }

    /// The average indicators (waits, durations, transfers per
    /// conversation, occupancy), beside the main counts everyone sees.
    pub fn sees_averages(&self) -> bool {
        self.view_averages
    }

    /// The last hour's trends: sparklines on the cards, charts on the
    /// wallboard.
    pub fn sees_trends(&self) -> bool {
        self.view_trends
    }

    /// Selecting conversations and ending them together (see
    /// [`bulk_end_eligible`] for which ones).
    pub fn can_bulk_end(&self) -> bool {
        self.bulk_end
    }

    /// Setting an agent's presence, or signing them out.
    pub fn can_set_agent_presence(&self) -> bool {
        self.set_agent_presence
    }

    /// The supervisor's tools (wallboard, export, alerts, pause, views and
    /// columns, wait indicators); without them, the agent's simplified
    /// monitor.
    pub fn can_supervise(&self) -> bool {
        self.supervise
    }

    /// The row menu entries, in order: always View; then Transfer and End by permission.
    pub fn row_actions(&self) -> Vec<RowAction> {
        [
            (true, RowAction::View),
            (self.transfer, RowAction::Transfer),
            (self.end, RowAction::End),
        ]
        .into_iter()
        .filter_map(|(allowed, action)| allowed.then_some(action))
        .collect()
    }
}

/// An entry of a conversation row's menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RowAction {
    /// Open the conversation (transcript and details).
    View,
    Transfer,
    End,
}

/// Which conversations a bulk end may include: never in_progress ones (the backend refuses them too).
///
/// A finished one has nothing left to end. An unknown status is offered:
/// the backend, which knows it, has the last word and reports per id.
pub fn bulk_end_eligible(c: &Conversation) -> bool {
    !matches!(
        c.status,
        ConversationStatus::InProgress | ConversationStatus::Finished
    )
}
