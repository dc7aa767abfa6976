//! Saved views: a name for a tab's URL query (search, filters, sort,
//! columns), kept in the browser's local storage, one of them optionally
//! the default that opens when the tab is opened without a query.

use serde::{Deserialize, Serialize};

/// Longest view name, in characters, after trimming.
pub const NAME_MAX_CHARS: usize = 60;
/// Most views kept; saving one more asks to delete one first.
pub const MAX_VIEWS: usize = 50;

/// One saved view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedView {
    pub name: String,
    /// The URL query string, without `?` (what a shared link carries).
    pub query: String,
}

/// Every saved view of a tab, in the order they were first saved.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedViews {
    #[serde(default)]
    pub views: Vec<SavedView>,
    /// The name of the default view.
    #[serde(default)]
    pub default: Option<String>,
}

/// Why a view cannot be saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveError {
    BlankName,
    /// The trimmed name's length.
    NameTooLong(usize),
    TooMany,
}

impl SavedViews {
    /// Reads what local storage holds; `Err` names what is wrong, so the
    /// page can say so instead of silently starting empty.
    pub fn parse(json: &str) -> Result<Self, String> {
        serde_json::from_str(json).map_err(|e| format!("saved views: {e}"))
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Saves `query` under `name` (trimmed). A view of the same name
    /// (ignoring case) is replaced in place, keeping its default mark.
    pub fn save(&mut self, name: &str, query: String) -> Result<(), SaveError> {
        let name = name.trim();
        let chars = name.chars().count();
        if chars == 0 {
            return Err(SaveError::BlankName);
        }
        if chars > NAME_MAX_CHARS {
            return Err(SaveError::NameTooLong(chars));
        }
        if let Some(existing) = self.find_mut(name) {
            existing.query = query;
            return Ok(());
        }
        if self.views.len() >= MAX_VIEWS {
            return Err(SaveError::TooMany);
        }
        self.views.push(SavedView {
            name: name.to_owned(),
            query,
        });
        Ok(())
    }

    /// Deletes a view; if it was the default, there is no default any more.
    pub fn remove(&mut self, name: &str) {
        self.views.retain(|v| !same_name(&v.name, name));
        if self.default.as_deref().is_some_and(|d| same_name(d, name)) {
            self.default = None;
        }
    }

    /// Makes `name` the default (or none); an unknown name clears it.
    pub fn set_default(&mut self, name: Option<&str>) {
        self.default = name.and_then(|n| self.get(n)).map(|v| v.name.clone());
    }

    pub fn get(&self, name: &str) -> Option<&SavedView> {
        self.views.iter().find(|v| same_name(&v.name, name))
    }

    /// The default view, if one is set and still exists.
    pub fn default_view(&self) -> Option<&SavedView> {
        self.default.as_deref().and_then(|n| self.get(n))
    }

    pub fn is_default(&self, name: &str) -> bool {
        self.default.as_deref().is_some_and(|d| same_name(d, name))
    }

    fn find_mut(&mut self, name: &str) -> Option<&mut SavedView> {
        self.views.iter_mut().find(|v| same_name(&v.name, name))
    }
}

/// View names are compared ignoring case ("Cola VIP" is "cola vip").
fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saving_under_an_existing_name_replaces_it() {
        let mut views = SavedViews::default();
        views.save(" Cola VIP ", "status=queued".into()).unwrap();
        views.set_default(Some("cola vip"));
        views.save("cola vip", "status=pending".into()).unwrap();
        assert_eq!(views.views.len(), 1);
        assert_eq!(views.views[0].name, "Cola VIP");
        assert_eq!(
            views.default_view().map(|v| v.query.as_str()),
            Some("status=pending")
        );
    }

    #[test]
    fn names_are_checked() {
        let mut views = SavedViews::default();
        assert_eq!(views.save("   ", String::new()), Err(SaveError::BlankName));
        let long = "x".repeat(NAME_MAX_CHARS + 1);
        assert_eq!(
            views.save(&long, String::new()),
            Err(SaveError::NameTooLong(NAME_MAX_CHARS + 1))
        );
        for i in 0..MAX_VIEWS {
            views.save(&format!("v{i}"), String::new()).unwrap();
        }
        assert_eq!(
            views.save("one more", String::new()),
            Err(SaveError::TooMany)
        );
        assert!(
            views.save("v0", "q=x".into()).is_ok(),
            "replacing is always fine"
        );
    }

    #[test]
    fn removing_the_default_clears_it_and_unknown_defaults_are_refused() {
        let mut views = SavedViews::default();
        views.save("A", "q=a".into()).unwrap();
        views.set_default(Some("nope"));
        assert_eq!(views.default, None);
        views.set_default(Some("A"));
        assert!(views.is_default("a"));
        views.remove("a");
        assert_eq!(views.default_view(), None);
        assert!(views.views.is_empty());
    }

    #[test]
    fn storage_round_trips_and_garbage_is_an_error() {
        let mut views = SavedViews::default();
        views.save("Ñandú", "q=%C3%B1".into()).unwrap();
        views.set_default(Some("Ñandú"));
        assert_eq!(SavedViews::parse(&views.to_json()), Ok(views));
        assert!(SavedViews::parse("{not json").is_err());
        assert_eq!(SavedViews::parse("{}"), Ok(SavedViews::default()));
    }
}
