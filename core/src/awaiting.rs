//! "Awaiting reply": a conversation whose newest message came from the
//! customer is waiting for an answer, since that message was sent.

use crate::enums::{Author, ConversationStatus};
use crate::wire::{Conversation, Timestamp};

/// Since when the customer of `c` has been waiting for an answer: the time
/// of their message, when it is the newest one and the conversation is not
/// finished. A bot's, agent's or system's message is an answer; a backend
/// that sends no `last_message` never marks anything.
pub fn awaiting_reply_since(c: &Conversation) -> Option<Timestamp> {
    let last = c.last_message.as_ref()?;
    (last.author == Author::Customer && c.status != ConversationStatus::Finished)
        .then_some(last.sent_at)
}

/// Whether `c` is awaiting a reply (see [`awaiting_reply_since`]).
pub fn is_awaiting_reply(c: &Conversation) -> bool {
    awaiting_reply_since(c).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{conversation, last_message};

    fn conv(status: ConversationStatus, last: Option<(Author, i64)>) -> Conversation {
        let mut c = conversation("c1");
        c.status = status;
        c.last_message = last.and_then(|(author, secs)| last_message(author, secs));
        c
    }
    #[test]
    fn the_customer_writing_last_waits_since_that_message() {
        let c = conv(ConversationStatus::InProgress, Some((Author::Customer, 42)));
        assert_eq!(
            awaiting_reply_since(&c),
            c.last_message.as_ref().map(|m| m.sent_at)
        );
        assert!(is_awaiting_reply(&c));
    }

    #[test]
    fn an_answer_from_anyone_else_ends_the_wait() {
        for author in [Author::Agent, Author::Bot, Author::System] {
            let c = conv(ConversationStatus::InProgress, Some((author.clone(), 42)));
            assert_eq!(awaiting_reply_since(&c), None, "{author:?}");
        }
    }

    #[test]
    fn an_unknown_author_is_not_taken_for_the_customer() {
        let c = conv(
            ConversationStatus::Pending,
            Some((Author::Other("supervisor".into()), 1)),
        );
        assert!(!is_awaiting_reply(&c));
    }

    #[test]
    fn finished_conversations_and_missing_last_messages_wait_for_nothing() {
        assert!(!is_awaiting_reply(&conv(
            ConversationStatus::Finished,
            Some((Author::Customer, 1))
        )));
        assert!(!is_awaiting_reply(&conv(ConversationStatus::Queued, None)));
        // Queued customers whose message is the newest do wait for a reply.
        assert!(is_awaiting_reply(&conv(
            ConversationStatus::Queued,
            Some((Author::Customer, 1))
        )));
    }
}
