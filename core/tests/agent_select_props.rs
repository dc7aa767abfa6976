//! Properties of `select_agents`, checked against plain reference
//! implementations written here (not against the code under test).

mod common;

use std::cmp::Ordering;
use std::collections::BTreeSet;

use common::arb::agents::{agents, query, status, WORDS};
use monitor_core::agent_select::compare_agents;
use monitor_core::wire::Agent;
use monitor_core::{select_agents, AgentQuery, AgentSort, AgentStatus, SortDir};
use proptest::prelude::*;
use proptest::sample::select;

/// Lower-case and fold the few accents used above.
fn fold(s: &str) -> String {
    s.to_lowercase()
        .replace(['á', 'ã'], "a")
        .replace(['é', 'ë'], "e")
        .replace('ú', "u")
        .replace('ó', "o")
        .replace('ñ', "n")
}

/// The reference filter: each kind written out plainly.
fn passes(a: &Agent, q: &AgentQuery) -> bool {
    (q.statuses.is_empty() || q.statuses.iter().any(|s| *s == a.status))
        && (q.departments.is_empty()
            || a.departments
                .iter()
                .any(|d| q.departments.iter().any(|id| *id == d.id)))
}

/// The reference search: every word in the folded name or e-mail.
fn found(a: &Agent, search: &str) -> bool {
    let fields = [fold(&a.name), fold(a.email.as_deref().unwrap_or(""))];
    search
        .split_whitespace()
        .all(|word| fields.iter().any(|f| f.contains(&fold(word))))
}

/// Active over capacity as a float; capacity 0 is full (1) with any
/// conversation, else 0. Exact enough: the counts are tiny.
fn load(a: &Agent) -> f64 {
    match (a.active_conversations, a.capacity) {
        (0, 0) => 0.0,
        (_, 0) => 1.0,
        (n, c) => f64::from(n) / f64::from(c),
    }
}

fn groups(a: &Agent) -> String {
    let names: Vec<&str> = a.departments.iter().map(|d| d.name.as_str()).collect();
    names.join(", ")
}

/// The reference order of the sort key alone (before direction and ties).
fn key_order(a: &Agent, b: &Agent, sort: AgentSort) -> Ordering {
    let status_rank = |s: &AgentStatus| {
        let known = AgentStatus::KNOWN.iter().position(|k| k == s);
        (known.unwrap_or(usize::MAX), s.as_str().to_owned())
    };
    let groups_key = |x: &Agent| (x.departments.is_empty(), fold(&groups(x)), groups(x));
    match sort {
        AgentSort::Name => (fold(&a.name), &a.name).cmp(&(fold(&b.name), &b.name)),
        AgentSort::Status => status_rank(&a.status).cmp(&status_rank(&b.status)),
        AgentSort::TimeInStatus => b.status_since.cmp(&a.status_since),
        AgentSort::Load => load(a).total_cmp(&load(b)),
        AgentSort::Transfers => a.transfers.cmp(&b.transfers),
        AgentSort::Groups => groups_key(a).cmp(&groups_key(b)),
    }
}

fn selected_set(list: &[Agent], q: &AgentQuery) -> BTreeSet<usize> {
    select_agents(list, q).into_iter().collect()
}

proptest! {
    #[test]
    fn the_result_holds_valid_indices_without_duplicates(list in agents(), q in query()) {
        let selected = select_agents(&list, &q);
        let unique: BTreeSet<usize> = selected.iter().copied().collect();
        prop_assert_eq!(unique.len(), selected.len());
        prop_assert!(selected.iter().all(|&i| i < list.len()));
    }

    #[test]
    fn an_agent_is_shown_exactly_when_it_passes_the_filters_and_the_search(
        list in agents(),
        q in query(),
    ) {
        let selected = selected_set(&list, &q);
        for (i, a) in list.iter().enumerate() {
            let expected = passes(a, &q) && found(a, &q.search);
            prop_assert_eq!(selected.contains(&i), expected, "agent {:?} query {:?}", a, q);
        }
    }

    #[test]
    fn the_result_is_sorted_by_the_key_then_by_id(list in agents(), q in query()) {
        let selected = select_agents(&list, &q);
        for pair in selected.windows(2) {
            let (a, b) = (&list[pair[0]], &list[pair[1]]);
            let by_key = key_order(a, b, q.sort);
            let by_key = if q.dir == SortDir::Desc { by_key.reverse() } else { by_key };
            prop_assert!(by_key != Ordering::Greater, "{:?} before {:?} for {:?}", a, b, q);
            if by_key == Ordering::Equal {
                prop_assert!(a.id < b.id, "tie {} before {}", a.id, b.id);
            }
        }
    }

    #[test]
    fn the_table_order_agrees_with_compare_agents(list in agents(), q in query()) {
        // select_agents precomputes keys; the row-by-row comparison the SPA
        // may use for a single row must give the same order.
        let selected = select_agents(&list, &q);
        for pair in selected.windows(2) {
            let (a, b) = (&list[pair[0]], &list[pair[1]]);
            prop_assert_eq!(compare_agents(a, b, q.sort, q.dir), Ordering::Less);
        }
    }

    #[test]
    fn the_sort_never_changes_which_agents_are_shown(
        list in agents(),
        q in query(),
        sort in select(AgentSort::ALL),
    ) {
        let resorted = AgentQuery { sort, dir: q.dir.toggled(), ..q.clone() };
        prop_assert_eq!(selected_set(&list, &q), selected_set(&list, &resorted));
    }

    #[test]
    fn adding_a_value_to_an_empty_filter_never_grows_the_result(
        list in agents(),
        q in query(),
        s in status(),
        dept in select(vec!["d0", "d3"]),
    ) {
        let all = selected_set(&list, &q);
        if q.statuses.is_empty() {
            let narrow = AgentQuery { statuses: [s].into(), ..q.clone() };
            prop_assert!(selected_set(&list, &narrow).is_subset(&all));
        }
        if q.departments.is_empty() {
            let narrow = AgentQuery { departments: [dept.to_owned()].into(), ..q.clone() };
            prop_assert!(selected_set(&list, &narrow).is_subset(&all));
        }
    }

    #[test]
    fn adding_a_value_to_a_non_empty_filter_never_shrinks_the_result(
        list in agents(),
        q in query(),
        s in status(),
        dept in select(vec!["d0", "d3"]),
    ) {
        let before = selected_set(&list, &q);
        let mut wider = q.clone();
        if !wider.statuses.is_empty() {
            wider.statuses.insert(s);
        }
        if !wider.departments.is_empty() {
            wider.departments.insert(dept.to_owned());
        }
        prop_assert!(before.is_subset(&selected_set(&list, &wider)));
    }

    #[test]
    fn another_search_word_never_grows_the_result(
        list in agents(),
        q in query(),
        word in select(WORDS),
    ) {
        let longer = AgentQuery { search: format!("{} {word}", q.search), ..q.clone() };
        prop_assert!(selected_set(&list, &longer).is_subset(&selected_set(&list, &q)));
    }
}
