//! The action dialogs' drafts (`monitor_core::draft`), kept in the tab's
//! sessionStorage: what was typed or chosen survives a 401, a token the
//! portal refreshed and a reload, which all rebuild the monitor. One draft
//! at a time (one dialog is open at a time); it is dropped when its dialog
//! closes or its action succeeds, and on sign-out.

use leptos::prelude::*;
use monitor_core::draft::{Draft, DraftAction};

use super::actions::{ConversationActions, Dialog};
use super::live::LiveBoard;
use crate::api::idempotency_key;

const STORAGE_KEY: &str = "ops-monitor.draft";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Drops the kept draft (its dialog closed, or the user signed out).
pub fn clear() {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(STORAGE_KEY);
    }
}

/// The signed-in user's drafts.
#[derive(Clone, Copy)]
pub struct Drafts {
    user_id: StoredValue<String>,
}

impl Drafts {
    /// The kept draft, if it is this user's.
    fn kept(&self) -> Option<Draft> {
        let text = storage()?.get_item(STORAGE_KEY).ok()??;
        Draft::decode_for(&text, &self.user_id.get_value())
    }

    /// The draft for a dialog opening on `action`'s target: the kept one if
    /// it is for the same dialog and conversations, else a fresh one with a
    /// new idempotency key.
    pub fn open(&self, action: DraftAction) -> Draft {
        self.kept()
            .filter(|d| d.is_for(&action))
            .unwrap_or_else(|| Draft {
                user_id: self.user_id.get_value(),
                action,
                key: idempotency_key(),
                submitted: false,
            })
    }

    /// Keeps `draft` up to date as the dialog's fields change: `action`
    /// reads them (tracked), `submitted` is whether the button was pressed.
    pub fn follow(
        &self,
        draft: Draft,
        submitted: RwSignal<bool>,
        action: impl Fn() -> DraftAction + 'static,
    ) {
        let drafts = *self;
        Effect::new(move |_| {
            drafts.keep(&Draft {
                action: action(),
                submitted: submitted.get(),
                ..draft.clone()
            })
        });
    }

    fn keep(&self, draft: &Draft) {
        if let Some(storage) = storage() {
            let _ = storage.set_item(STORAGE_KEY, &draft.encode());
        }
    }
}

/// Provides the drafts of `user_id` and, once the board has data (a bulk
/// end is judged on the rows it names), reopens the dialog of a kept draft.
pub fn provide_drafts(user_id: String, actions: ConversationActions, live: LiveBoard) -> Drafts {
    let drafts = Drafts {
        user_id: StoredValue::new(user_id),
    };
    provide_context(drafts);
    if let Some(draft) = drafts.kept() {
        let dialog = match draft.action {
            DraftAction::End { id, .. } => Dialog::End(id),
            DraftAction::Transfer { id, .. } => Dialog::Transfer(id),
            DraftAction::BulkEnd { ids, .. } => Dialog::BulkEnd(ids),
        };
        let pending = StoredValue::new(Some(dialog));
        Effect::new(move |_| {
            if live.has_data() {
                if let Some(dialog) = pending.get_value() {
                    pending.set_value(None);
                    actions.open(dialog);
                }
            }
        });
    }
    drafts
}

pub fn use_drafts() -> Drafts {
    expect_context::<Drafts>()
}
