//! Fixtures for the unit tests: an instant, and a conversation that tests
//! change field by field.

use chrono::DateTime;

use crate::enums::{Author, Channel, ConversationStatus};
use crate::wire::{Conversation, Customer, DepartmentRef, LastMessage, Timestamp};

/// `secs` seconds after a fixed instant (negative: before it).
pub fn at(secs: i64) -> Timestamp {
    DateTime::from_timestamp(1_790_000_000 + secs, 0).unwrap_or_default()
}

/// A queued WhatsApp conversation of department `d1` ("Sales"), customer
/// "Customer {id}", unassigned, all its times at [`at`]`(0)`.
pub fn conversation(id: &str) -> Conversation {
    Conversation {
        id: id.into(),
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

/// A newest message by `author` at [`at`]`(secs)`.
pub fn last_message(author: Author, secs: i64) -> Option<LastMessage> {
    Some(LastMessage {
        author,
        sent_at: at(secs),
        text: "hola".into(),
    })
}
