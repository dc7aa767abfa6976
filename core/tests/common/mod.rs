//! Fixtures shared by the integration tests.

#![allow(dead_code)] // each test file uses a different part

pub mod arb;

pub use monitor_core::test_support::{at, conversation as conv};
use monitor_core::thresholds::{DepartmentLimits, Limits, WaitThresholds};
use monitor_core::wire::{Agent, AgentRef, DepartmentRef, Timestamp};
use monitor_core::AgentStatus;

/// `minutes` after the fixtures' fixed instant ([`at`], which counts
/// seconds), so the tests that think in minutes read in minutes.
pub fn at_minute(minutes: i64) -> Timestamp {
    at(minutes * 60)
}

/// An agent reference.
pub fn agent(id: &str, name: &str) -> Option<AgentRef> {
    Some(AgentRef {
        id: id.into(),
        name: name.into(),
    })
}

/// A department reference.
pub fn department(id: &str, name: &str) -> DepartmentRef {
    DepartmentRef {
        id: id.into(),
        name: name.into(),
    }
}

/// An online agent in department d1, with capacity 3 and no conversations,
/// in that status since minute 0; tests change the fields they are about.
pub fn agent_row(id: &str) -> Agent {
    Agent {
        id: id.to_owned(),
        name: format!("Agent {id}"),
        email: None,
        status: AgentStatus::Online,
        status_since: at_minute(0),
        active_conversations: 0,
        capacity: 3,
        transfers: 0,
        departments: vec![department("d1", "Sales")],
        status_set_by: None,
    }
}

/// Default limits (two minutes), and d2 with limits of its own: half a
/// minute to warning, one to critical.
pub fn thresholds() -> WaitThresholds {
    let mut t = WaitThresholds::default();
    t.departments.insert(
        "d2".into(),
        DepartmentLimits {
            queue: Some(Limits {
                warning_secs: 30,
                critical_secs: 60,
            }),
            status: None,
        },
    );
    t
}
