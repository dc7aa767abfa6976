//! Search, filters and sort of the Conversations tab, kept in the URL query
//! so a view can be bookmarked, shared and reloaded.

use std::collections::BTreeSet;
use std::fmt;

use crate::columns::ColumnLayout;
use crate::enums::{Channel, ConversationStatus};
use crate::url_codec::{open, url_enum, PairsWriter, SortReader};

/// A URL or wire value this version does not recognise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue(pub String);

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown value {:?}", self.0)
    }
}

impl std::error::Error for UnknownValue {}

url_enum! {
    /// Sort column of the Conversations table.
    pub enum ConversationSort {
        Ticket = "ticket",
        Channel = "channel",
        Status = "status",
        Customer = "customer",
        Agent = "agent",
        Department = "department",
        Created = "created",
        /// Time of the last message.
        Updated = "updated",
        TimeInStatus = "time_in_status",
        Duration = "duration",
        Transfers = "transfers",
        /// When it finished (finished conversations).
        Finished = "finished",
    }
}

url_enum! {
    /// Which conversations the Atenciones tab lists: those going on, or
    /// those finished in a date range.
    pub enum ConversationScope {
        Ongoing = "ongoing",
        Finished = "finished",
    }
}

url_enum! {
    /// Sort direction.
    pub enum SortDir {
        Asc = "asc",
        Desc = "desc",
    }
}

impl SortDir {
    /// The other direction (a second click on the same column header).
    pub fn toggled(self) -> Self {
        match self {
            SortDir::Asc => SortDir::Desc,
            SortDir::Desc => SortDir::Asc,
        }
    }
}

/// The agent-filter value that means "no agent assigned".
pub const UNASSIGNED: &str = "-";

/// Every URL query key a [`ConversationQuery`] owns; the rest of the URL
/// (such as `lang`) belongs to someone else and is kept as it is.
pub const QUERY_KEYS: [&str; 12] = [
    key::SCOPE,
    key::FROM,
    key::TO,
    key::SEARCH,
    key::AWAITING,
    key::COLUMNS,
    key::STATUS,
    key::AGENT,
    key::DEPARTMENT,
    key::CHANNEL,
    key::SORT,
    key::DIR,
];

/// URL query keys: those every tab shares, and this tab's own.
mod key {
    pub(super) use crate::url_codec::key::{DEPARTMENT, DIR, SEARCH, SORT, STATUS};
    pub const AGENT: &str = "agent";
    pub const CHANNEL: &str = "channel";
    /// `awaiting=1`: only conversations awaiting a reply.
    pub const AWAITING: &str = "awaiting";
    /// The visible columns, in order (see [`crate::columns`]).
    pub const COLUMNS: &str = "cols";
    /// `scope=finished`: the finished conversations.
    pub const SCOPE: &str = "scope";
    /// The finished conversations' dates, `YYYY-MM-DD`, both included.
    pub const FROM: &str = "from";
    pub const TO: &str = "to";
}

/// What the Conversations tab shows: search text, filters (an empty set
/// means "any"), sort and columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConversationQuery {
    /// The search box, as typed.
    pub search: String,
    pub statuses: BTreeSet<ConversationStatus>,
    /// Agent ids, or [`UNASSIGNED`].
    pub agents: BTreeSet<String>,
    /// Department ids.
    pub departments: BTreeSet<String>,
    pub channels: BTreeSet<Channel>,
    /// Only conversations whose newest message is the customer's.
    pub awaiting: bool,
    pub sort: ConversationSort,
    pub dir: SortDir,
    /// Not a filter: "clear filters" keeps it.
    pub columns: ColumnLayout,
    /// Ongoing or finished; not a filter either.
    pub scope: ConversationScope,
    /// The finished conversations' first and last day (local dates,
    /// `YYYY-MM-DD`); `None` is today.
    pub from: Option<String>,
    pub to: Option<String>,
}

impl Default for ConversationQuery {
    /// No filters; longest in its current status first, since whoever has
    /// waited longest is what a supervisor looks for.
    fn default() -> Self {
        Self {
            search: String::new(),
            statuses: BTreeSet::new(),
            agents: BTreeSet::new(),
            departments: BTreeSet::new(),
            channels: BTreeSet::new(),
            awaiting: false,
            sort: ConversationSort::TimeInStatus,
            dir: SortDir::Desc,
            columns: ColumnLayout::default(),
            scope: ConversationScope::Ongoing,
            from: None,
            to: None,
        }
    }
}

impl ConversationQuery {
    /// URL query pairs; defaults are omitted. Keys: `q`, `status`, `agent`,
    /// `dept`, `channel`, `sort`, `dir`; a multi-value filter repeats its key
    /// (`status=queued&status=pending`), so values may contain any character,
    /// commas included. Percent-encoding is the caller's (router's) job.
    pub fn to_query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = PairsWriter::with_capacity(
            3 + self.statuses.len()
                + self.agents.len()
                + self.departments.len()
                + self.channels.len(),
        );
        if self.scope == ConversationScope::Finished {
            pairs.each(key::SCOPE, [self.scope.as_str()]);
            pairs.each(key::FROM, self.from.iter().map(String::as_str));
            pairs.each(key::TO, self.to.iter().map(String::as_str));
        }
        pairs.search(&self.search);
        pairs.each(
            key::STATUS,
            self.statuses.iter().map(ConversationStatus::as_str),
        );
        pairs.each(key::AGENT, self.agents.iter().map(String::as_str));
        pairs.each(key::DEPARTMENT, self.departments.iter().map(String::as_str));
        pairs.each(key::CHANNEL, self.channels.iter().map(Channel::as_str));
        if self.awaiting {
            pairs.each(key::AWAITING, ["1"]);
        }
        let default = Self::default();
        pairs.sort(
            (self.sort.as_str(), self.dir),
            (default.sort.as_str(), default.dir),
        );
        if self.columns != default.columns {
            pairs.each(key::COLUMNS, [self.columns.to_url_value().as_str()]);
        }
        pairs.finish()
    }

    /// Inverse of [`Self::to_query_pairs`]. Unknown keys are ignored (the
    /// portal may add its own); an unknown `sort` or `dir` falls back to the
    /// default, since a stale bookmark should still open; unknown status and
    /// channel values are kept, as the backend may know them (open enums).
    /// A repeated `q`, `sort` or `dir` keeps the last value.
    pub fn from_query_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut query = Self::default();
        let mut sort = SortReader::default();
        for (k, v) in pairs {
            match k {
                key::SEARCH => v.clone_into(&mut query.search),
                key::STATUS => {
                    query.statuses.insert(open(v));
                }
                key::AGENT => {
                    query.agents.insert(v.to_owned());
                }
                key::DEPARTMENT => {
                    query.departments.insert(v.to_owned());
                }
                key::CHANNEL => {
                    query.channels.insert(open(v));
                }
                // Any value but "0" or "false" turns it on; the last one decides.
                key::AWAITING => query.awaiting = !matches!(v, "0" | "false"),
                key::COLUMNS => query.columns = ColumnLayout::from_url_value(v),
                key::SCOPE => query.scope = v.parse().unwrap_or(ConversationScope::Ongoing),
                key::FROM => query.from = valid_date(v),
                key::TO => query.to = valid_date(v),
                // `sort`, `dir`, or a key the portal added.
                _ => sort.read(k, v),
            }
        }
        (query.sort, query.dir) = sort.finish((query.sort, query.dir));
        query
    }

    /// Whether this is the default view (no search, no filters, default
    /// sort, every column).
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }

    /// Whether nothing is searched or filtered (sort and columns aside).
    pub fn is_unfiltered(&self) -> bool {
        self.search.is_empty()
            && self.statuses.is_empty()
            && self.agents.is_empty()
            && self.departments.is_empty()
            && self.channels.is_empty()
            && !self.awaiting
    }

    /// The same view with search and filters cleared: sort, columns,
    /// scope and dates stay.
    pub fn without_filters(&self) -> Self {
        Self {
            sort: self.sort,
            dir: self.dir,
            columns: self.columns.clone(),
            scope: self.scope,
            from: self.from.clone(),
            to: self.to.clone(),
            ..Self::default()
        }
    }

    /// The same search and filters in `scope` (but those about a status
    /// going on), sorted as that scope is first shown (finished: the latest
    /// to finish first).
    pub fn in_scope(&self, scope: ConversationScope) -> Self {
        let (sort, dir) = match scope {
            ConversationScope::Ongoing => (ConversationSort::TimeInStatus, SortDir::Desc),
            ConversationScope::Finished => (ConversationSort::Finished, SortDir::Desc),
        };
        // A finished conversation has no other status, nor awaits a reply.
        let finished = scope == ConversationScope::Finished;
        Self {
            scope,
            sort,
            dir,
            from: None,
            to: None,
            statuses: if finished {
                BTreeSet::new()
            } else {
                self.statuses.clone()
            },
            awaiting: self.awaiting && !finished,
            ..self.clone()
        }
    }
}

/// A local date `YYYY-MM-DD`, or `None` for anything else (a stale or
/// mistyped link falls back to today).
fn valid_date(v: &str) -> Option<String> {
    let b = v.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    (b.len() == 10 && b[4] == b'-' && b[7] == b'-' && digits(0..4) && digits(5..7) && digits(8..10))
        .then(|| v.to_owned())
}

#[cfg(test)]
mod tests;
