//! What the user was doing in an action dialog, kept so that it survives
//! what tears the monitor down: a 401, a token refreshed by the portal, a
//! reload. The SPA keeps one draft in the tab's sessionStorage; after the
//! next sign-in as the same user it reopens the dialog with it and, if the
//! user had already pressed the button, sends it once more under the same
//! `Idempotency-Key` (so it acts at most once).

use serde::{Deserialize, Serialize};

/// The dialog's contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DraftAction {
    End {
        id: String,
        justification: String,
    },
    BulkEnd {
        ids: Vec<String>,
        justification: String,
    },
    Transfer {
        id: String,
        department_id: String,
        /// Empty: to the department's queue.
        agent_id: String,
    },
}

impl DraftAction {
    /// The justification typed so far (empty for a transfer).
    pub fn justification(&self) -> &str {
        match self {
            DraftAction::End { justification, .. } | DraftAction::BulkEnd { justification, .. } => {
                justification
            }
            DraftAction::Transfer { .. } => "",
        }
    }
}

/// One action in the making.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// Whose work it is: another user signing in on the tab never sees it.
    pub user_id: String,
    pub action: DraftAction,
    /// The key of this intent, kept across sign-ins.
    pub key: String,
    /// The user pressed the button: send it again after signing in.
    pub submitted: bool,
}

impl Draft {
    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The stored draft, if it is one of `user_id`'s; anything unreadable
    /// (an older format, a hand-edited value) is no draft.
    pub fn decode_for(text: &str, user_id: &str) -> Option<Draft> {
        serde_json::from_str::<Draft>(text)
            .ok()
            .filter(|d| d.user_id == user_id)
    }

    /// Whether this draft belongs to the dialog showing `action`'s target.
    pub fn is_for(&self, action: &DraftAction) -> bool {
        match (&self.action, action) {
            (DraftAction::End { id: a, .. }, DraftAction::End { id: b, .. })
            | (DraftAction::Transfer { id: a, .. }, DraftAction::Transfer { id: b, .. }) => a == b,
            (DraftAction::BulkEnd { ids: a, .. }, DraftAction::BulkEnd { ids: b, .. }) => a == b,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn end(user: &str) -> Draft {
        Draft {
            user_id: user.into(),
            action: DraftAction::End {
                id: "c-1".into(),
                justification: "Cliente resolvió por teléfono".into(),
            },
            key: "k-1".into(),
            submitted: true,
        }
    }

    #[test]
    fn a_draft_comes_back_for_its_user_only() {
        let text = end("u-admin").encode();
        assert_eq!(Draft::decode_for(&text, "u-admin"), Some(end("u-admin")));
        assert_eq!(Draft::decode_for(&text, "u-agent"), None);
    }

    #[test]
    fn anything_unreadable_is_no_draft() {
        for text in ["", "{}", "null", "{\"user_id\":\"u\"}", "not json"] {
            assert_eq!(Draft::decode_for(text, "u"), None, "{text}");
        }
    }

    #[test]
    fn a_draft_fits_only_the_same_dialog_on_the_same_conversations() {
        let draft = end("u");
        let same = DraftAction::End {
            id: "c-1".into(),
            justification: String::new(),
        };
        let other = DraftAction::End {
            id: "c-2".into(),
            justification: String::new(),
        };
        let transfer = DraftAction::Transfer {
            id: "c-1".into(),
            department_id: String::new(),
            agent_id: String::new(),
        };
        assert!(draft.is_for(&same));
        assert!(!draft.is_for(&other));
        assert!(!draft.is_for(&transfer));
    }
}
