//! Where enums and free text sit in the samples, and how to read them back
//! once decoded.

use monitor_core::event::{decode_event, name, Change, StreamEvent};
use monitor_core::wire::{
    Agent, AgentsSnapshot, Conversation, ConversationsSnapshot, Me, MessagesList,
};
use monitor_core::{AgentStatus, Author, Channel, ConversationStatus, Profile};

use super::mutate::{path, Doc, Junk};
use super::{sample, Kind};

/// Where open enums sit in the samples.
pub const ENUM_SITES: [(Kind, &str); 8] = [
    (Kind::Conversations, "conversations/0/status"),
    (Kind::Conversations, "conversations/0/channel"),
    (Kind::Agents, "agents/0/status"),
    (Kind::Messages, "messages/0/author"),
    (Kind::Me, "profile"),
    (
        Kind::Event(name::CONVERSATION_UPSERT),
        "conversation/status",
    ),
    (
        Kind::Event(name::CONVERSATION_UPSERT),
        "conversation/channel",
    ),
    (Kind::Event(name::AGENT_UPSERT), "agent/status"),
];

/// Where free text sits in the samples.
pub const TEXT_SITES: [(Kind, &str); 5] = [
    (Kind::Conversations, "conversations/0/customer/name"),
    (Kind::Agents, "agents/0/name"),
    (Kind::Messages, "messages/0/text"),
    (Kind::Me, "name"),
    (
        Kind::Event(name::CONVERSATION_UPSERT),
        "conversation/customer/name",
    ),
];

/// The conversation of a decoded `conversation.upsert`.
fn upserted(bytes: &[u8]) -> Option<Conversation> {
    match decode_event(
        name::CONVERSATION_UPSERT,
        "1",
        &String::from_utf8_lossy(bytes),
    ) {
        Ok(StreamEvent::Change {
            change: Change::ConversationUpsert(c),
            ..
        }) => Some(c),
        _ => None,
    }
}

/// The agent of a decoded `agent.upsert`.
fn agent_upserted(bytes: &[u8]) -> Option<Agent> {
    match decode_event(name::AGENT_UPSERT, "1", &String::from_utf8_lossy(bytes)) {
        Ok(StreamEvent::Change {
            change: Change::AgentUpsert(a),
            ..
        }) => Some(a),
        _ => None,
    }
}

/// The open enum at ENUM_SITES[`site`] once `bytes` is decoded: its wire
/// string, whether it is a known variant, and whether that string is listed
/// among the known ones.
pub fn decoded_enum(site: usize, bytes: &[u8]) -> Option<(String, bool, bool)> {
    macro_rules! open {
        // `match` keeps the decoded value alive while `v` borrows from it.
        ($value:expr, $ty:ty) => {
            match $value {
                v => {
                    let v: &$ty = v;
                    let listed = <$ty>::KNOWN.iter().any(|k| k.as_str() == v.as_str());
                    Some((v.as_str().to_owned(), v.is_known(), listed))
                }
            }
        };
    }
    let conversations = || serde_json::from_slice::<ConversationsSnapshot>(bytes).ok();
    match site {
        0 => open!(
            &conversations()?.conversations.first()?.status,
            ConversationStatus
        ),
        1 => open!(&conversations()?.conversations.first()?.channel, Channel),
        2 => {
            let agents: AgentsSnapshot = serde_json::from_slice(bytes).ok()?;
            open!(&agents.agents.first()?.status, AgentStatus)
        }
        3 => {
            let list: MessagesList = serde_json::from_slice(bytes).ok()?;
            open!(&list.messages.first()?.author, Author)
        }
        4 => open!(&serde_json::from_slice::<Me>(bytes).ok()?.profile, Profile),
        5 => open!(&upserted(bytes)?.status, ConversationStatus),
        6 => open!(&upserted(bytes)?.channel, Channel),
        _ => open!(&agent_upserted(bytes)?.status, AgentStatus),
    }
}

/// The text at TEXT_SITES[`site`] once `bytes` is decoded.
pub fn decoded_text(site: usize, bytes: &[u8]) -> Option<String> {
    Some(match site {
        0 => serde_json::from_slice::<ConversationsSnapshot>(bytes)
            .ok()?
            .conversations
            .first()?
            .customer
            .name
            .clone(),
        1 => serde_json::from_slice::<AgentsSnapshot>(bytes)
            .ok()?
            .agents
            .first()?
            .name
            .clone(),
        2 => serde_json::from_slice::<MessagesList>(bytes)
            .ok()?
            .messages
            .first()?
            .text
            .clone(),
        3 => serde_json::from_slice::<Me>(bytes).ok()?.name,
        _ => upserted(bytes)?.customer.name,
    })
}

/// `sample(kind)` with the node at `at` set to `junk`, as text.
pub fn with(kind: Kind, at: &str, junk: Junk) -> String {
    let mut doc = Doc::new(sample(kind));
    doc.set(&path(at), junk);
    doc.text()
}
