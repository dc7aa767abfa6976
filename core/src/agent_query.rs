//! Search, filters and sort of the Agents tab, kept in the URL query so a
//! view can be bookmarked, shared and reloaded.
//!
//! The keys are those of the Conversations tab where the meaning is the
//! same (`q`, `status`, `dept`, `sort`, `dir`): each tab is its own route,
//! so the URL carries only one tab's state at a time and they cannot clash.

use std::collections::BTreeSet;

use crate::enums::AgentStatus;
use crate::query::SortDir;
use crate::url_codec::{key, open, url_enum, PairsWriter, SortReader};

url_enum! {
    /// Sort column of the Agents table.
    pub enum AgentSort {
        Name = "name",
        Status = "status",
        TimeInStatus = "time_in_status",
        /// Active conversations over capacity.
        Load = "load",
        Transfers = "transfers",
        /// Department names.
        Groups = "groups",
    }
}

/// Every URL query key an [`AgentQuery`] owns; the rest of the URL (such as
/// `lang`) belongs to someone else and is kept as it is.
pub const AGENT_QUERY_KEYS: [&str; 5] = [
    key::SEARCH,
    key::STATUS,
    key::DEPARTMENT,
    key::SORT,
    key::DIR,
];

/// What the Agents tab shows: search text, filters (an empty set means
/// "any") and sort.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentQuery {
    /// The search box, as typed.
    pub search: String,
    pub statuses: BTreeSet<AgentStatus>,
    /// Department ids; an agent in any of them passes.
    pub departments: BTreeSet<String>,
    pub sort: AgentSort,
    pub dir: SortDir,
}

impl Default for AgentQuery {
    /// No filters; by name, A to Z, as a roster is read.
    fn default() -> Self {
        Self {
            search: String::new(),
            statuses: BTreeSet::new(),
            departments: BTreeSet::new(),
            sort: AgentSort::Name,
            dir: SortDir::Asc,
        }
    }
}

impl AgentQuery {
    /// URL query pairs; defaults are omitted. Keys: `q`, `status`, `dept`,
    /// `sort`, `dir`; a multi-value filter repeats its key
    /// (`status=online&status=connected`), so values may contain any
    /// character. Percent-encoding is the caller's (router's) job.
    pub fn to_query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = PairsWriter::with_capacity(self.statuses.len() + self.departments.len());
        pairs.search(&self.search);
        pairs.each(key::STATUS, self.statuses.iter().map(AgentStatus::as_str));
        pairs.each(key::DEPARTMENT, self.departments.iter().map(String::as_str));
        let default = Self::default();
        pairs.sort(
            (self.sort.as_str(), self.dir),
            (default.sort.as_str(), default.dir),
        );
        pairs.finish()
    }

    /// Inverse of [`Self::to_query_pairs`]. Unknown keys are ignored (the
    /// portal may add its own); an unknown `sort` or `dir` falls back to the
    /// default, since a stale bookmark should still open; unknown status
    /// values are kept, as the backend may know them (open enum). A
    /// repeated `q`, `sort` or `dir` keeps the last value.
    pub fn from_query_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut query = Self::default();
        let mut sort = SortReader::default();
        for (k, v) in pairs {
            match k {
                key::SEARCH => v.clone_into(&mut query.search),
                key::STATUS => {
                    query.statuses.insert(open(v));
                }
                key::DEPARTMENT => {
                    query.departments.insert(v.to_owned());
                }
                // `sort`, `dir`, or a key the portal added.
                _ => sort.read(k, v),
            }
        }
        (query.sort, query.dir) = sort.finish((query.sort, query.dir));
        query
    }

    /// Whether this is the default view (no search, no filters, default sort).
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::UnknownValue;

    fn parse(s: &str) -> AgentQuery {
        AgentQuery::from_query_pairs(s.split('&').filter_map(|p| p.split_once('=')))
    }

    #[test]
    fn the_default_query_sorts_by_name_a_to_z_and_has_no_pairs() {
        let q = AgentQuery::default();
        assert_eq!((q.sort, q.dir), (AgentSort::Name, SortDir::Asc));
        assert!(q.to_query_pairs().is_empty());
        assert!(q.is_default());
    }

    #[test]
    fn multi_value_filters_repeat_their_key() {
        let q = parse("status=online&status=connected&dept=d1&dept=d2&q=ana");
        assert_eq!(
            q.statuses,
            [AgentStatus::Online, AgentStatus::Connected].into()
        );
        assert_eq!(
            q.to_query_pairs(),
            vec![
                ("q", "ana".to_owned()),
                ("status", "online".to_owned()),
                ("status", "connected".to_owned()),
                ("dept", "d1".to_owned()),
                ("dept", "d2".to_owned()),
            ]
        );
        assert!(!q.is_default());
    }

    #[test]
    fn sort_and_dir_are_written_only_when_not_the_default() {
        let q = AgentQuery {
            sort: AgentSort::Load,
            ..Default::default()
        };
        assert_eq!(q.to_query_pairs(), vec![("sort", "load".to_owned())]);
        let q = AgentQuery {
            dir: SortDir::Desc,
            ..Default::default()
        };
        assert_eq!(q.to_query_pairs(), vec![("dir", "desc".to_owned())]);
    }

    #[test]
    fn unknown_sort_or_dir_falls_back_to_the_default() {
        assert!(parse("sort=customer&dir=sideways").is_default());
        // The last value decides, even when an earlier one was valid.
        assert!(parse("sort=load&sort=nonsense").is_default());
    }

    #[test]
    fn conversation_only_keys_are_ignored_and_unknown_statuses_kept() {
        let q = parse("agent=u1&channel=sms&status=away");
        assert_eq!(q.statuses, [AgentStatus::Other("away".into())].into());
        assert!(q.departments.is_empty() && q.search.is_empty());
    }

    #[test]
    fn every_sort_key_round_trips_through_its_url_value() {
        for sort in AgentSort::ALL {
            assert_eq!(sort.as_str().parse::<AgentSort>(), Ok(*sort));
            assert_eq!(sort.to_string(), sort.as_str());
        }
        let values: Vec<&str> = AgentSort::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(
            values,
            [
                "name",
                "status",
                "time_in_status",
                "load",
                "transfers",
                "groups"
            ]
        );
        assert_eq!(
            "Name".parse::<AgentSort>(),
            Err(UnknownValue("Name".into()))
        );
    }
}
