//! The closed-looking but open-on-the-wire enums of the contract.

use crate::open_enum;

open_enum! {
    /// Where a conversation stands.
    pub enum ConversationStatus {
        Queued = "queued",
        InProgress = "in_progress",
        Pending = "pending",
        Inactive = "inactive",
        Finished = "finished",
    }
}

open_enum! {
    /// The customer's channel.
    pub enum Channel {
        Whatsapp = "whatsapp",
        Webchat = "webchat",
        Instagram = "instagram",
        Messenger = "messenger",
        Email = "email",
        Sms = "sms",
        Telegram = "telegram",
    }
}

open_enum! {
    /// An agent's presence. `Online` takes new conversations; `Connected` is
    /// signed in but not taking new ones.
    pub enum AgentStatus {
        Online = "online",
        Connected = "connected",
        Offline = "offline",
    }
}

open_enum! {
    /// The caller's profile. The UI renders from permissions, not from this.
    pub enum Profile {
        Admin = "admin",
        AdvancedAgent = "advanced_agent",
        Operator = "operator",
        Agent = "agent",
    }
}

open_enum! {
    /// Who wrote a transcript message.
    pub enum Author {
        Customer = "customer",
        Agent = "agent",
        Bot = "bot",
        System = "system",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_status_decodes_verbatim_instead_of_failing() {
        let s: ConversationStatus = serde_json::from_str("\"escalated\"").unwrap();
        assert_eq!(s, ConversationStatus::Other("escalated".into()));
        assert_eq!(s.as_str(), "escalated");
        assert!(!s.is_known());
    }

    #[test]
    fn known_values_round_trip_through_json_and_str() {
        for s in ConversationStatus::KNOWN {
            let json = serde_json::to_string(s).unwrap();
            let back: ConversationStatus = serde_json::from_str(&json).unwrap();
            assert_eq!(&back, s);
            assert_eq!(s.as_str().parse::<ConversationStatus>().unwrap(), *s);
        }
        for c in Channel::KNOWN {
            assert_eq!(c.as_str().parse::<Channel>().unwrap(), *c);
        }
    }
}
