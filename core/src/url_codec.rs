//! The URL-query conventions every tab's query follows, written once:
//! defaults are omitted, a multi-value filter repeats its key, a single
//! value keeps its last occurrence, and an unknown `sort` or `dir` falls
//! back to the default so that a stale bookmark still opens.
//!
//! Each tab is its own route, so the URL carries one tab's state at a time:
//! keys that mean the same on several tabs ([`key`]) are spelled the same.

use std::convert::Infallible;
use std::str::FromStr;

use crate::query::SortDir;

/// Declares a closed enum whose `as_str` is its URL value, with `FromStr`
/// (failing with [`crate::query::UnknownValue`] on unknown text), `Display`
/// and `ALL`.
macro_rules! url_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $s:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in column order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The URL value (also the CSS modifier).
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $s),+ }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::query::UnknownValue;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($s => Ok($name::$variant),)+
                    other => Err($crate::query::UnknownValue(other.to_owned())),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use url_enum;

/// Keys shared by the tabs' queries, with the same meaning on each.
pub(crate) mod key {
    /// The search box.
    pub const SEARCH: &str = "q";
    /// The row's status (a conversation's or an agent's).
    pub const STATUS: &str = "status";
    /// Department ids.
    pub const DEPARTMENT: &str = "dept";
    pub const SORT: &str = "sort";
    pub const DIR: &str = "dir";
}

/// Collects the pairs of a `to_query_pairs`.
pub(crate) struct PairsWriter {
    pairs: Vec<(&'static str, String)>,
}

impl PairsWriter {
    /// Room for `filter_values` repeated pairs plus search, sort and dir.
    pub(crate) fn with_capacity(filter_values: usize) -> Self {
        Self {
            pairs: Vec::with_capacity(3 + filter_values),
        }
    }

    /// The search text under [`key::SEARCH`], omitted when empty.
    pub(crate) fn search(&mut self, text: &str) {
        if !text.is_empty() {
            self.pairs.push((key::SEARCH, text.to_owned()));
        }
    }

    /// One pair per value: a multi-value filter repeats its key, so values
    /// may contain any character, commas included.
    pub(crate) fn each<'v>(
        &mut self,
        key: &'static str,
        values: impl IntoIterator<Item = &'v str>,
    ) {
        self.pairs
            .extend(values.into_iter().map(|v| (key, v.to_owned())));
    }

    /// `value` under `key` unless it is `default` (values are URL strings,
    /// one per variant, so comparing them compares the variants).
    fn unless_default(&mut self, key: &'static str, value: &'static str, default: &'static str) {
        if value != default {
            self.pairs.push((key, value.to_owned()));
        }
    }

    /// The sort column and direction, each omitted when the default.
    pub(crate) fn sort(&mut self, sort: (&'static str, SortDir), default: (&'static str, SortDir)) {
        self.unless_default(key::SORT, sort.0, default.0);
        self.unless_default(key::DIR, sort.1.as_str(), default.1.as_str());
    }

    pub(crate) fn finish(self) -> Vec<(&'static str, String)> {
        self.pairs
    }
}

/// The raw `sort` and `dir` of a URL while its pairs are read; parsed only
/// at the end, so the last occurrence decides even when it is unknown.
#[derive(Default)]
pub(crate) struct SortReader<'a> {
    sort: Option<&'a str>,
    dir: Option<&'a str>,
}

impl<'a> SortReader<'a> {
    /// Keeps `value` if `key` is [`key::SORT`] or [`key::DIR`]; any other
    /// key is someone else's and is ignored.
    pub(crate) fn read(&mut self, key: &str, value: &'a str) {
        match key {
            key::SORT => self.sort = Some(value),
            key::DIR => self.dir = Some(value),
            _ => {}
        }
    }

    /// The sort column and direction read, each falling back to `default`
    /// when missing or unknown.
    pub(crate) fn finish<S: FromStr>(self, default: (S, SortDir)) -> (S, SortDir) {
        (
            parse_or(self.sort, default.0),
            parse_or(self.dir, default.1),
        )
    }
}

fn parse_or<T: FromStr>(value: Option<&str>, default: T) -> T {
    value.and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Parses an open-enum value, which never fails: unknown text is kept, as
/// the backend may know it.
pub(crate) fn open<T: FromStr<Err = Infallible>>(value: &str) -> T {
    value.parse().unwrap_or_else(|never| match never {})
}
