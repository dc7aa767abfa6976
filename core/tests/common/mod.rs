//! Fixtures shared by the integration tests.

#![allow(dead_code)] // each test file uses a different part

pub mod arb;

use chrono::{DateTime, Duration};
use monitor_core::wire::{Agent, AgentRef, Conversation, Customer, DepartmentRef, Timestamp};
use monitor_core::{AgentStatus, Channel, ConversationStatus};

/// A fixed instant plus `minutes`, so tests read in minutes.
pub fn at(minutes: i64) -> Timestamp {
    DateTime::from_timestamp(1_790_000_000, 0).unwrap_or_default() + Duration::minutes(minutes)
}

/// A queued WhatsApp conversation in department d1, unassigned, all times
/// at minute 0; tests change the fields they are about.
pub fn conv(id: &str) -> Conversation {
    Conversation {
        id: id.to_owned(),
        ticket: None,
        channel: Channel::Whatsapp,
        status: ConversationStatus::Queued,
        customer: Customer {
            name: format!("Customer {id}"),
            phone: None,
            email: None,
        },
        agent: None,
        department: DepartmentRef {
            id: "d1".into(),
            name: "Sales".into(),
        },
        created_at: at(0),
        updated_at: None,
        status_since: at(0),
        finished_at: None,
        transfers: 0,
        last_message: None,
        end_justification: None,
        version: None,
    }
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
        status_since: at(0),
        active_conversations: 0,
        capacity: 3,
        transfers: 0,
        departments: vec![department("d1", "Sales")],
        status_set_by: None,
    }
}
