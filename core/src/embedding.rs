//! The messages between the monitor (in an iframe) and the portal page that
//! embeds it. Both sides post plain objects; `type` tells them apart.

use serde::{Deserialize, Serialize};

/// What the portal sends to the monitor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum FromPortal {
    /// A bearer token (and optionally the user's language and the portal's theme).
    #[serde(rename = "ops-monitor:token")]
    Token {
        token: String,
        #[serde(default)]
        locale: Option<String>,
        #[serde(default)]
        theme: Option<String>,
    },
}

/// What the monitor sends to the portal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum ToPortal {
    /// Loaded and waiting for a token (also sent when it needs a new one).
    #[serde(rename = "ops-monitor:ready")]
    Ready { version: u32 },
    /// The token was refused (401): send a fresh one.
    #[serde(rename = "ops-monitor:token-expired")]
    TokenExpired,
    /// The content's height in CSS pixels, for auto-resizing the iframe.
    #[serde(rename = "ops-monitor:resize")]
    Resize { height: u32 },
}

/// The protocol version in `Ready`.
pub const PROTOCOL_VERSION: u32 = 1;

impl FromPortal {
    /// Decodes a message's data (as JSON). Anything else — other apps'
    /// messages share the channel — is `None`, never an error shown to users.
    pub fn parse(json: &str) -> Option<FromPortal> {
        serde_json::from_str(json).ok()
    }
}

impl ToPortal {
    pub fn to_json(&self) -> String {
        // Plain enums of strings and numbers always serialize.
        serde_json::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_message_decodes_with_or_without_locale_and_theme() {
        let m = FromPortal::parse(r#"{"type":"ops-monitor:token","token":"t1"}"#).unwrap();
        assert_eq!(
            m,
            FromPortal::Token {
                token: "t1".into(),
                locale: None,
                theme: None
            }
        );
        let m = FromPortal::parse(
            r#"{"type":"ops-monitor:token","token":"t2","locale":"pt-BR","theme":"dark","extra":1}"#,
        )
        .unwrap();
        assert_eq!(
            m,
            FromPortal::Token {
                token: "t2".into(),
                locale: Some("pt-BR".into()),
                theme: Some("dark".into())
            }
        );
    }

    #[test]
    fn other_apps_messages_are_ignored() {
        for other in [
            r#"{"type":"webpackOk"}"#,
            r#""hello""#,
            "42",
            "{",
            r#"{"token":"t"}"#,
        ] {
            assert_eq!(FromPortal::parse(other), None, "{other}");
        }
    }

    #[test]
    fn monitor_messages_have_the_documented_shapes() {
        assert_eq!(
            ToPortal::Ready { version: 1 }.to_json(),
            r#"{"type":"ops-monitor:ready","version":1}"#
        );
        assert_eq!(
            ToPortal::TokenExpired.to_json(),
            r#"{"type":"ops-monitor:token-expired"}"#
        );
        assert_eq!(
            ToPortal::Resize { height: 640 }.to_json(),
            r#"{"type":"ops-monitor:resize","height":640}"#
        );
    }
}
