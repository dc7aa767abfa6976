//! CSV export of the rows in view (after search and filters, in table
//! order): the header in the user's language, the values as the contract
//! has them (wire codes, RFC 3339 UTC timestamps, whole seconds), so a
//! spreadsheet or a script reads them the same whatever the language.
//!
//! The text starts with a UTF-8 byte-order mark, without which Excel reads
//! UTF-8 as Latin-1 ("JoÃ£o"). Text that a spreadsheet would run as a
//! formula (starting with `=`, `+`, `-`, `@`, tab or carriage return: a
//! customer can type their own name) gets a leading `'`, as OWASP advises
//! against CSV injection.

use chrono::SecondsFormat;

use crate::awaiting::awaiting_reply_since;
use crate::url_codec::url_enum;
use crate::wire::{Agent, Conversation, Timestamp};

/// What starts the file, so spreadsheets detect UTF-8.
pub const BYTE_ORDER_MARK: char = '\u{feff}';

url_enum! {
    /// The columns of a conversations export, in file order.
    pub enum ConversationField {
        Id = "id",
        Ticket = "ticket",
        Channel = "channel",
        Status = "status",
        Customer = "customer",
        Phone = "phone",
        Email = "email",
        Agent = "agent",
        Department = "department",
        CreatedAt = "created_at",
        LastMessageAt = "last_message_at",
        StatusSince = "status_since",
        TimeInStatusSecs = "time_in_status_secs",
        DurationSecs = "duration_secs",
        Transfers = "transfers",
        AwaitingReplySince = "awaiting_reply_since",
    }
}

url_enum! {
    /// The columns of an agents export, in file order.
    pub enum AgentField {
        Id = "id",
        Name = "name",
        Email = "email",
        Status = "status",
        StatusSince = "status_since",
        TimeInStatusSecs = "time_in_status_secs",
        ActiveConversations = "active_conversations",
        Capacity = "capacity",
        Transfers = "transfers",
        Departments = "departments",
    }
}

/// An RFC 3339 UTC timestamp to the second (`2026-11-21T10:00:00Z`).
pub fn iso(t: Timestamp) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Whole seconds from `since` to `now`, never negative.
fn seconds_since(since: Timestamp, now: Timestamp) -> String {
    (now - since).num_seconds().max(0).to_string()
}

/// `text` as a spreadsheet will show it, never as a formula.
pub fn neutralized(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// One conversation's cells, in [`ConversationField::ALL`] order.
pub fn conversation_cells(c: &Conversation, now: Timestamp) -> Vec<String> {
    ConversationField::ALL
        .iter()
        .map(|field| match field {
            ConversationField::Id => neutralized(&c.id),
            ConversationField::Ticket => neutralized(c.ticket.as_deref().unwrap_or("")),
            ConversationField::Channel => neutralized(c.channel.as_str()),
            ConversationField::Status => neutralized(c.status.as_str()),
            ConversationField::Customer => neutralized(&c.customer.name),
            ConversationField::Phone => neutralized(c.customer.phone.as_deref().unwrap_or("")),
            ConversationField::Email => neutralized(c.customer.email.as_deref().unwrap_or("")),
            ConversationField::Agent => {
                neutralized(c.agent.as_ref().map_or("", |a| a.name.as_str()))
            }
            ConversationField::Department => neutralized(&c.department.name),
            ConversationField::CreatedAt => iso(c.created_at),
            ConversationField::LastMessageAt => c
                .last_message
                .as_ref()
                .map(|m| m.sent_at)
                .or(c.updated_at)
                .map(iso)
                .unwrap_or_default(),
            ConversationField::StatusSince => iso(c.status_since),
            ConversationField::TimeInStatusSecs => seconds_since(c.status_since, now),
            ConversationField::DurationSecs => seconds_since(c.created_at, now),
            ConversationField::Transfers => c.transfers.to_string(),
            ConversationField::AwaitingReplySince => {
                awaiting_reply_since(c).map(iso).unwrap_or_default()
            }
        })
        .collect()
}

/// One agent's cells, in [`AgentField::ALL`] order.
pub fn agent_cells(a: &Agent, now: Timestamp) -> Vec<String> {
    AgentField::ALL
        .iter()
        .map(|field| match field {
            AgentField::Id => neutralized(&a.id),
            AgentField::Name => neutralized(&a.name),
            AgentField::Email => neutralized(a.email.as_deref().unwrap_or("")),
            AgentField::Status => neutralized(a.status.as_str()),
            AgentField::StatusSince => iso(a.status_since),
            AgentField::TimeInStatusSecs => seconds_since(a.status_since, now),
            AgentField::ActiveConversations => a.active_conversations.to_string(),
            AgentField::Capacity => a.capacity.to_string(),
            AgentField::Transfers => a.transfers.to_string(),
            AgentField::Departments => {
                let names: Vec<&str> = a.departments.iter().map(|d| d.name.as_str()).collect();
                neutralized(&names.join("; "))
            }
        })
        .collect()
}

/// A whole CSV file: the byte-order mark, `header`, then one record per
/// item, in order. Fields are quoted only when needed; records end in CRLF
/// (RFC 4180).
pub fn csv_text<'a, T: 'a>(
    header: &[&str],
    items: impl IntoIterator<Item = &'a T>,
    cells: impl Fn(&T) -> Vec<String>,
) -> String {
    let items = items.into_iter();
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::with_capacity(64 * (items.size_hint().0 + 1)));
    // Writing to a Vec cannot fail, and every record has the header's
    // length, so errors here would be bugs; they are skipped, not panics.
    let _ = writer.write_record(header);
    for item in items {
        let _ = writer.write_record(cells(item));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    let mut text = String::with_capacity(bytes.len() + 3);
    text.push(BYTE_ORDER_MARK);
    text.push_str(&String::from_utf8_lossy(&bytes));
    text
}

#[cfg(test)]
mod tests;
