//! Properties of the Agents query in the URL.

use monitor_core::query::QUERY_KEYS;
use monitor_core::{AgentQuery, AgentSort, AgentStatus, SortDir, AGENT_QUERY_KEYS};
use proptest::prelude::*;
use proptest::sample::select;

/// A value as the URL could carry it: known words, separators, unicode, anything.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        select(vec![
            "online",
            "offline",
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

fn query() -> impl Strategy<Value = AgentQuery> {
    (
        text(),
        prop::collection::btree_set(text(), 0..4),
        prop::collection::btree_set(text(), 0..4),
        select(AgentSort::ALL),
        select(vec![SortDir::Asc, SortDir::Desc]),
    )
        .prop_map(|(search, statuses, departments, sort, dir)| AgentQuery {
            search,
            // Parsing keeps the open-enum invariant: `Other` never holds a known value.
            statuses: statuses
                .iter()
                .map(|s| s.parse::<AgentStatus>().unwrap_or_else(|e| match e {}))
                .collect(),
            departments,
            sort,
            dir,
        })
}

fn round_trip(q: &AgentQuery) -> AgentQuery {
    let pairs = q.to_query_pairs();
    AgentQuery::from_query_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())))
}

#[test]
fn the_agent_keys_are_the_shared_subset_of_the_conversation_keys() {
    // Same key, same meaning: a key both tabs own must not mean two things.
    assert_eq!(AGENT_QUERY_KEYS, ["q", "status", "dept", "sort", "dir"]);
    assert!(AGENT_QUERY_KEYS.iter().all(|k| QUERY_KEYS.contains(k)));
}

proptest! {
    /// The SPA keeps every URL parameter not in AGENT_QUERY_KEYS (such as
    /// `lang`); a key missing from the list would be duplicated on every rewrite.
    #[test]
    fn every_written_key_is_one_the_query_owns(q in query()) {
        for (key, _) in q.to_query_pairs() {
            prop_assert!(AGENT_QUERY_KEYS.contains(&key), "{key}");
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
        prop_assert!(!pairs.contains(&("sort", "name".to_owned())));
        prop_assert!(!pairs.contains(&("dir", "asc".to_owned())));
    }

    #[test]
    fn foreign_keys_in_the_url_change_nothing(
        q in query(),
        foreign in prop::collection::vec(("[a-z_]{1,8}", text()), 0..4),
    ) {
        let mut pairs = q.to_query_pairs()
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect::<Vec<_>>();
        pairs.extend(foreign.into_iter().filter(|(k, _)| !AGENT_QUERY_KEYS.contains(&k.as_str())));
        let parsed = AgentQuery::from_query_pairs(
            pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        );
        prop_assert_eq!(parsed, q);
    }

    #[test]
    fn any_sort_or_dir_text_gives_a_valid_query(sort in text(), dir in text()) {
        let q = AgentQuery::from_query_pairs([("sort", sort.as_str()), ("dir", dir.as_str())]);
        prop_assert_eq!(q.sort, sort.parse().unwrap_or(AgentSort::Name));
        prop_assert_eq!(q.dir, if dir == "desc" { SortDir::Desc } else { SortDir::Asc });
    }
}
