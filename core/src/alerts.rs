//! Opt-in alerts: a conversation passing its critical limit, or the queue
//! reaching a size. Each conversation alerts at most once; the queue alerts
//! when it reaches the size and again only after it has dropped below.
//!
//! Alerts are about what happens while the user watches: when alerts are
//! switched on, what is already over its limit is taken as known, not
//! announced all at once.

use std::collections::HashSet;

use chrono::Duration;
use serde::{Deserialize, Serialize};

use crate::enums::ConversationStatus;
use crate::thresholds::{WaitLevel, WaitThresholds};
use crate::wire::{Conversation, Timestamp};

/// What the user chose (kept in local storage).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AlertSettings {
    /// Alert when a conversation passes its critical limit.
    pub critical: bool,
    /// Alert when this many conversations are queued (none: never).
    pub queue_size: Option<u32>,
    /// Show browser notifications (besides the list on the page).
    pub notify: bool,
    pub sound: bool,
    /// No notification or sound while the page has focus: the user is
    /// looking at it already.
    pub mute_while_focused: bool,
}

impl Default for AlertSettings {
    fn default() -> Self {
        Self {
            critical: false,
            queue_size: None,
            notify: true,
            sound: true,
            mute_while_focused: true,
        }
    }
}

impl AlertSettings {
    /// Whether anything can raise an alert.
    pub fn any(&self) -> bool {
        self.critical || self.queue_size.is_some()
    }
}

/// One alert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Alert {
    /// A conversation passed its critical limit.
    Critical {
        id: String,
        customer: String,
        department: String,
        /// Its time in status when noticed.
        waited: Duration,
    },
    /// The queue reached the chosen size.
    Queue { queued: usize, limit: u32 },
}

/// What has been alerted already.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AlertTracker {
    /// Conversations alerted, or already critical when alerts were
    /// switched on; only ids still on the board are kept.
    known: HashSet<String>,
    /// Whether critical alerts were on at the last check (off → on takes
    /// the current ones as known).
    critical_on: bool,
    /// The queue size of the last check, and whether the queue was at or
    /// over it (a new size takes the current queue as known).
    queue: Option<(u32, bool)>,
}

impl AlertTracker {
    /// The new alerts at `now`, given the conversations on the board.
    /// O(conversations); called once per clock tick while alerts are on.
    pub fn check<'a>(
        &mut self,
        conversations: impl IntoIterator<Item = &'a Conversation>,
        thresholds: &WaitThresholds,
        settings: &AlertSettings,
        now: Timestamp,
    ) -> Vec<Alert> {
        let mut alerts = Vec::new();
        let mut on_board = HashSet::with_capacity(self.known.len());
        let mut queued = 0usize;
        for c in conversations {
            if c.status == ConversationStatus::Queued {
                queued += 1;
            }
            if self.known.contains(&c.id) {
                on_board.insert(c.id.clone());
                continue;
            }
            if settings.critical && thresholds.level(c, now) == WaitLevel::Critical {
                on_board.insert(c.id.clone());
                if self.critical_on {
                    alerts.push(Alert::Critical {
                        id: c.id.clone(),
                        customer: c.customer.name.clone(),
                        department: c.department.name.clone(),
                        waited: (now - c.status_since).max(Duration::zero()),
                    });
                }
            }
        }
        // Bounded by the board: ids that left it are forgotten.
        self.known = on_board;
        self.critical_on = settings.critical;

        self.queue = settings.queue_size.map(|limit| {
            let over = queued >= limit as usize;
            // A new size takes the queue as it is now as known.
            let same_size = self.queue.is_some_and(|(previous, _)| previous == limit);
            let was_over = self.queue.is_some_and(|(_, was_over)| was_over);
            if same_size && over && !was_over {
                alerts.push(Alert::Queue { queued, limit });
            }
            (limit, over)
        });
        alerts
    }
}

#[cfg(test)]
mod tests;
