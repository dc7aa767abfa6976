//! What the user is doing with conversations: the open row menu, the open
//! dialog, the bulk selection, and the announcement of results to assistive
//! technology. One instance per signed-in monitor.

use std::collections::BTreeSet;

use leptos::prelude::*;
use monitor_core::wire::Conversation;

/// The dialog in front, if any.
#[derive(Clone, Debug, PartialEq)]
pub enum Dialog {
    /// The transcript; carries the conversation as last seen, so a finished
    /// one (no longer on the board) still shows its header.
    View(Box<Conversation>),
    Transfer(String),
    End(String),
    /// Ends the selected conversations (ids at the time it opened).
    BulkEnd(Vec<String>),
}

/// Where the row menu opened: for which conversation, and at which point of
/// the viewport (it is positioned `fixed`, so the table cannot clip it).
#[derive(Clone, Debug, PartialEq)]
pub struct MenuAnchor {
    pub conversation: Conversation,
    pub right: f64,
    pub top: f64,
}

#[derive(Clone, Copy)]
pub struct ConversationActions {
    pub menu: RwSignal<Option<MenuAnchor>>,
    pub dialog: RwSignal<Option<Dialog>>,
    pub selection: RwSignal<BTreeSet<String>>,
    /// The latest result to announce (polite live region).
    pub announcement: RwSignal<String>,
}

impl ConversationActions {
    pub fn open(&self, dialog: Dialog) {
        self.menu.set(None);
        self.dialog.set(Some(dialog));
    }

    pub fn close_dialog(&self) {
        self.dialog.set(None);
    }

    pub fn announce(&self, text: impl Into<String>) {
        self.announcement.set(text.into());
    }

    pub fn toggle_selected(&self, id: &str) {
        self.selection.update(|s| {
            if !s.remove(id) {
                s.insert(id.to_owned());
            }
        });
    }
}

/// The id of a row's Options button, so focus can return to it.
pub fn options_button_id(conversation_id: &str) -> String {
    format!("options-{conversation_id}")
}

pub fn provide_actions() -> ConversationActions {
    let actions = ConversationActions {
        menu: RwSignal::new(None),
        dialog: RwSignal::new(None),
        selection: RwSignal::new(BTreeSet::new()),
        announcement: RwSignal::new(String::new()),
    };
    provide_context(actions);
    actions
}

pub fn use_actions() -> ConversationActions {
    expect_context::<ConversationActions>()
}
