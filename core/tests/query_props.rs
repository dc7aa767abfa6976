//! Properties of the Conversations query in the URL.

use monitor_core::columns::{ColumnLayout, ConversationColumn};
use monitor_core::query::{ConversationScope, QUERY_KEYS};
use monitor_core::{Channel, ConversationQuery, ConversationSort, ConversationStatus, SortDir};
use proptest::prelude::*;
use proptest::sample::select;

/// A value as the URL could carry it: known words, separators, unicode, anything.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        select(vec![
            "queued",
            "whatsapp",
            "-",
            "",
            "a,b",
            "x y",
            "São Paulo",
            "&=?#%"
        ])
        .prop_map(String::from),
        any::<String>(),
    ]
}

fn query() -> impl Strategy<Value = ConversationQuery> {
    (
        text(),
        prop::collection::btree_set(text(), 0..4),
        prop::collection::btree_set(text(), 0..4),
        prop::collection::btree_set(text(), 0..4),
        prop::collection::btree_set(text(), 0..4),
        select(ConversationSort::ALL),
        select(vec![SortDir::Asc, SortDir::Desc]),
        any::<bool>(),
        prop::collection::vec(select(ConversationColumn::ALL), 0..6),
        (
            select(ConversationScope::ALL),
            prop::option::of(select(vec!["2026-03-01", "2025-12-31"])),
            prop::option::of(select(vec!["2026-03-02"])),
        ),
    )
        .prop_map(
            |(
                search,
                statuses,
                agents,
                departments,
                channels,
                sort,
                dir,
                awaiting,
                columns,
                (scope, from, to),
            )| {
                // Dates belong to the finished scope only.
                let finished = scope == ConversationScope::Finished;
                let date = |d: Option<&str>| d.filter(|_| finished).map(str::to_owned);
                // Built through the URL value: the layout's own rules
                // (no repeats, never empty) hold for every generated one.
                let names: Vec<&str> = columns.iter().map(|c| c.as_str()).collect();
                let columns = ColumnLayout::from_url_value(&names.join(","));
                ConversationQuery {
                    search,
                    // Parsing keeps the open-enum invariant: `Other` never holds a known value.
                    statuses: statuses
                        .iter()
                        .map(|s| {
                            s.parse::<ConversationStatus>()
                                .unwrap_or_else(|e| match e {})
                        })
                        .collect(),
                    agents,
                    departments,
                    channels: channels
                        .iter()
                        .map(|s| s.parse::<Channel>().unwrap_or_else(|e| match e {}))
                        .collect(),
                    awaiting,
                    sort,
                    dir,
                    columns,
                    scope,
                    from: date(from),
                    to: date(to),
                }
            },
        )
}

fn round_trip(q: &ConversationQuery) -> ConversationQuery {
    let pairs = q.to_query_pairs();
    ConversationQuery::from_query_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())))
}

proptest! {
    /// The SPA keeps every URL parameter not in QUERY_KEYS (such as `lang`);
    /// a key missing from the list would be duplicated on every rewrite.
    #[test]
    fn every_written_key_is_one_the_query_owns(q in query()) {
        for (key, _) in q.to_query_pairs() {
            prop_assert!(monitor_core::query::QUERY_KEYS.contains(&key), "{key}");
        }
    }

    #[test]
    fn a_query_survives_a_round_trip_through_url_pairs(q in query()) {
        prop_assert_eq!(round_trip(&q), q);
    }

    #[test]
    fn pairs_are_empty_exactly_for_the_default_query(q in query()) {
        let pairs = q.to_query_pairs();
        prop_assert_eq!(pairs.is_empty(), q.is_default());
        prop_assert!(!pairs.contains(&("sort", "time_in_status".to_owned())));
        prop_assert!(!pairs.contains(&("dir", "desc".to_owned())));
    }

    #[test]
    fn foreign_keys_in_the_url_change_nothing(
        q in query(),
        foreign in prop::collection::vec(("[a-z_]{1,8}", text()), 0..4),
    ) {
        // The codec's own list: a generated key such as `to` or `cols` is
        // one of ours, not foreign.
        let known = QUERY_KEYS;
        let mut pairs = q.to_query_pairs()
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect::<Vec<_>>();
        pairs.extend(foreign.into_iter().filter(|(k, _)| !known.contains(&k.as_str())));
        let parsed = ConversationQuery::from_query_pairs(
            pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        );
        prop_assert_eq!(parsed, q);
    }

    #[test]
    fn any_sort_or_dir_text_gives_a_valid_query(sort in text(), dir in text()) {
        let q = ConversationQuery::from_query_pairs([("sort", sort.as_str()), ("dir", dir.as_str())]);
        let expected_sort = sort.parse().unwrap_or(ConversationSort::TimeInStatus);
        prop_assert_eq!(q.sort, expected_sort);
        prop_assert_eq!(q.dir, if dir == "asc" { SortDir::Asc } else { SortDir::Desc });
    }
}
