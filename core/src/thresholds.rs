//! Wait thresholds: how long a conversation may stay queued, or in any
//! other status, before it is flagged — first as a warning, then as
//! critical. Limits come from `config.json`, with defaults for every
//! department and overrides per department.
//!
//! A conversation's level only changes with time, never with its data
//! unless its status changes, so [`WaitThresholds::crossings`] gives the
//! two instants at which it will cross; a timer cell compares those with
//! the clock instead of re-deriving the limits every second.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::enums::ConversationStatus;
use crate::wire::{Conversation, Timestamp};

/// A warning and a critical limit, in seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    pub warning_secs: u64,
    pub critical_secs: u64,
}

impl Limits {
    /// Queued: two minutes is a warning, five is critical.
    pub const QUEUE: Limits = Limits {
        warning_secs: 120,
        critical_secs: 300,
    };
    /// Any other active status: fifteen minutes is a warning, thirty critical.
    pub const STATUS: Limits = Limits {
        warning_secs: 900,
        critical_secs: 1800,
    };

    fn check(&self, what: &str) -> Result<(), String> {
        if self.warning_secs > self.critical_secs {
            return Err(format!(
                "{what}: warning_secs ({}) is above critical_secs ({})",
                self.warning_secs, self.critical_secs
            ));
        }
        Ok(())
    }
}

/// One department's overrides; what it leaves out comes from the defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DepartmentLimits {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue: Option<Limits>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Limits>,
}

/// `wait_thresholds` in `config.json`. Unknown keys are refused, so a typo
/// is reported instead of silently leaving the defaults in place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WaitThresholds {
    /// Time in queue (status `queued`).
    #[serde(default = "WaitThresholds::default_queue")]
    pub queue: Limits,
    /// Time in status, for every active status but `queued`.
    #[serde(default = "WaitThresholds::default_status")]
    pub status: Limits,
    /// Overrides by department id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub departments: BTreeMap<String, DepartmentLimits>,
}

impl Default for WaitThresholds {
    fn default() -> Self {
        Self {
            queue: Limits::QUEUE,
            status: Limits::STATUS,
            departments: BTreeMap::new(),
        }
    }
}

/// How a conversation's wait compares with its limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WaitLevel {
    Normal,
    Warning,
    Critical,
}

impl WaitLevel {
    /// The CSS modifier and test hook (`normal`, `warning`, `critical`).
    pub fn as_str(self) -> &'static str {
        match self {
            WaitLevel::Normal => "normal",
            WaitLevel::Warning => "warning",
            WaitLevel::Critical => "critical",
        }
    }
}

/// The instants at which a conversation reaches its warning and critical
/// limits; `None` for a conversation no limit applies to (finished).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Crossings {
    pub warning_at: Timestamp,
    pub critical_at: Timestamp,
}

impl Crossings {
    /// The level at `now`.
    pub fn level(&self, now: Timestamp) -> WaitLevel {
        if now >= self.critical_at {
            WaitLevel::Critical
        } else if now >= self.warning_at {
            WaitLevel::Warning
        } else {
            WaitLevel::Normal
        }
    }
}

impl WaitThresholds {
    fn default_queue() -> Limits {
        Limits::QUEUE
    }

    fn default_status() -> Limits {
        Limits::STATUS
    }

    /// Checks every pair of limits; the message names the one at fault.
    pub fn check(&self) -> Result<(), String> {
        self.queue.check("wait_thresholds.queue")?;
        self.status.check("wait_thresholds.status")?;
        for (id, limits) in &self.departments {
            if let Some(queue) = &limits.queue {
                queue.check(&format!("wait_thresholds.departments.{id}.queue"))?;
            }
            if let Some(status) = &limits.status {
                status.check(&format!("wait_thresholds.departments.{id}.status"))?;
            }
        }
        Ok(())
    }

    /// The limits that apply to `status` in department `department_id`:
    /// queue limits while queued, status limits otherwise; `None` for a
    /// finished conversation.
    pub fn limits(&self, department_id: &str, status: &ConversationStatus) -> Option<Limits> {
        let overrides = self.departments.get(department_id);
        match status {
            ConversationStatus::Finished => None,
            ConversationStatus::Queued => {
                Some(overrides.and_then(|o| o.queue).unwrap_or(self.queue))
            }
            _ => Some(overrides.and_then(|o| o.status).unwrap_or(self.status)),
        }
    }

    /// When `c` crosses its limits, counted from `status_since`.
    pub fn crossings(&self, c: &Conversation) -> Option<Crossings> {
        let limits = self.limits(&c.department.id, &c.status)?;
        Some(Crossings {
            warning_at: after(c.status_since, limits.warning_secs),
            critical_at: after(c.status_since, limits.critical_secs),
        })
    }

    /// The level of `c` at `now`.
    pub fn level(&self, c: &Conversation, now: Timestamp) -> WaitLevel {
        self.crossings(c)
            .map_or(WaitLevel::Normal, |crossings| crossings.level(now))
    }
}

/// `secs` after `since`; a limit too large to add means "never", the
/// latest representable instant (chrono's `+` would panic instead).
fn after(since: Timestamp, secs: u64) -> Timestamp {
    i64::try_from(secs)
        .ok()
        .and_then(Duration::try_seconds)
        .and_then(|d| since.checked_add_signed(d))
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

#[cfg(test)]
mod tests;
