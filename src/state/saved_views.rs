//! The Conversations tab's saved views in local storage (see
//! `monitor_core::saved_views`). Local storage is per origin and browser:
//! views follow the user's browser, not their account.

use leptos::prelude::*;
use monitor_core::saved_views::SavedViews;

/// Where the views are kept.
const KEY: &str = "ops-monitor.views.conversations";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The saved views, and what went wrong reading or writing them.
#[derive(Clone, Copy)]
pub struct SavedViewsStore {
    pub views: RwSignal<SavedViews>,
    /// Unreadable storage (the text says why) or none at all.
    pub problem: RwSignal<Option<StoreProblem>>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StoreProblem {
    /// What was stored is not a list of views; kept until the next save.
    Unreadable(String),
    /// The browser offers no local storage (private mode, blocked).
    Unavailable,
}

impl SavedViewsStore {
    /// Reads the views once.
    pub fn load() -> Self {
        let (views, problem) = match storage() {
            None => (SavedViews::default(), Some(StoreProblem::Unavailable)),
            Some(s) => match s.get_item(KEY).ok().flatten() {
                None => (SavedViews::default(), None),
                Some(json) => match SavedViews::parse(&json) {
                    Ok(views) => (views, None),
                    Err(e) => (SavedViews::default(), Some(StoreProblem::Unreadable(e))),
                },
            },
        };
        Self {
            views: RwSignal::new(views),
            problem: RwSignal::new(problem),
        }
    }

    /// Changes the views and writes them back.
    pub fn update(&self, change: impl FnOnce(&mut SavedViews)) {
        self.views.update(change);
        let json = self.views.with_untracked(SavedViews::to_json);
        match storage().map(|s| s.set_item(KEY, &json)) {
            Some(Ok(())) => self.problem.set(None),
            _ => self.problem.set(Some(StoreProblem::Unavailable)),
        }
    }
}
