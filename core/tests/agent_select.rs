//! Filters, search and sort of the Agents tab, one behaviour each.

mod common;

use common::{agent_row, at_minute, department};
use monitor_core::wire::Agent;
use monitor_core::{select_agents, AgentQuery, AgentSort, AgentStatus, SortDir};

fn ids<'a>(list: &'a [Agent], query: &AgentQuery) -> Vec<&'a str> {
    select_agents(list, query)
        .into_iter()
        .filter_map(|i| list.get(i).map(|a| a.id.as_str()))
        .collect()
}

/// Sorted by id, so filter tests do not depend on the sort.
fn id_set<'a>(list: &'a [Agent], query: &AgentQuery) -> Vec<&'a str> {
    let mut ids = ids(list, query);
    ids.sort_unstable();
    ids
}

/// Four agents that differ in every filterable field.
fn sample() -> Vec<Agent> {
    let mut a = agent_row("a");
    a.name = "Bruno Souza".into();
    a.email = Some("bruno@example.com".into());

    let mut b = agent_row("b");
    b.name = "Carla Gómez".into();
    b.email = Some("cgomez@correo.es".into());
    b.status = AgentStatus::Connected;
    b.departments = vec![department("d1", "Sales"), department("d2", "Soporte")];

    let mut c = agent_row("c");
    c.name = "João Conceição".into();
    c.status = AgentStatus::Offline;
    c.departments = vec![department("d3", "Cobrança")];

    let mut d = agent_row("d");
    d.name = "Dora".into();
    d.status = AgentStatus::Other("away".into());
    d.departments = Vec::new();
    vec![a, b, c, d]
}

fn query(edit: impl FnOnce(&mut AgentQuery)) -> AgentQuery {
    let mut q = AgentQuery::default();
    edit(&mut q);
    q
}

fn search(text: &str) -> AgentQuery {
    query(|q| q.search = text.into())
}

fn sorted(sort: AgentSort, dir: SortDir) -> AgentQuery {
    query(|q| (q.sort, q.dir) = (sort, dir))
}

#[test]
fn empty_filters_and_search_keep_every_agent() {
    let list = sample();
    assert_eq!(id_set(&list, &AgentQuery::default()), ["a", "b", "c", "d"]);
    assert!(select_agents(&[], &AgentQuery::default()).is_empty());
}

#[test]
fn status_filter_keeps_only_the_chosen_statuses() {
    let list = sample();
    let q = query(|q| q.statuses = [AgentStatus::Online, AgentStatus::Offline].into());
    assert_eq!(id_set(&list, &q), ["a", "c"]);
}

#[test]
fn an_unknown_status_value_filters_like_a_known_one() {
    let list = sample();
    let q = query(|q| q.statuses = [AgentStatus::Other("away".into())].into());
    assert_eq!(id_set(&list, &q), ["d"]);
}

#[test]
fn department_filter_keeps_agents_in_any_chosen_department() {
    let list = sample();
    let q = query(|q| q.departments = ["d2".into()].into());
    assert_eq!(id_set(&list, &q), ["b"]);
    let q = query(|q| q.departments = ["d1".into(), "d3".into()].into());
    assert_eq!(id_set(&list, &q), ["a", "b", "c"]);
}

#[test]
fn department_filter_matches_the_department_id_not_its_name() {
    let list = sample();
    assert!(id_set(&list, &query(|q| q.departments = ["Soporte".into()].into())).is_empty());
}

#[test]
fn an_agent_without_departments_never_passes_a_department_filter() {
    let list = sample();
    let q = query(|q| q.departments = ["d1".into(), "d2".into(), "d3".into()].into());
    assert!(!id_set(&list, &q).contains(&"d"));
}

#[test]
fn filters_of_different_kinds_combine_with_and() {
    let list = sample();
    let q = query(|q| {
        q.statuses = [AgentStatus::Connected, AgentStatus::Offline].into();
        q.departments = ["d1".into()].into();
    });
    assert_eq!(id_set(&list, &q), ["b"]);
}

#[test]
fn search_looks_in_name_and_email() {
    let list = sample();
    assert_eq!(id_set(&list, &search("souza")), ["a"]);
    assert_eq!(id_set(&list, &search("correo.es")), ["b"]);
    assert_eq!(id_set(&list, &search("example.com bruno")), ["a"]);
}

#[test]
fn search_does_not_look_in_departments_or_status() {
    let list = sample();
    assert!(id_set(&list, &search("soporte")).is_empty());
    assert!(id_set(&list, &search("away")).is_empty());
}

#[test]
fn search_ignores_case_and_accents() {
    let list = sample();
    assert_eq!(id_set(&list, &search("JOAO conceicao")), ["c"]);
    assert_eq!(id_set(&list, &search("gomez")), ["b"]);
    assert_eq!(id_set(&list, &search("DÓRA")), ["d"]);
}

/// Agents whose sort keys are all distinct and ascend with the id: a < b < c.
fn ordered() -> Vec<Agent> {
    let names = ["álvaro", "Bea", "Caio"];
    let statuses = [
        AgentStatus::Online,
        AgentStatus::Offline,
        AgentStatus::Other("away".into()),
    ];
    let groups = ["Atendimento", "cobrança", "Vendas"];
    (0..3)
        .map(|n| {
            let mut a = agent_row(["a", "b", "c"][n]);
            a.name = names[n].into();
            a.status = statuses[n].clone();
            // In its status since later = less time in status.
            a.status_since = at_minute(20 - n as i64);
            a.active_conversations = n as u32;
            a.capacity = 4;
            a.transfers = n as u32;
            a.departments = vec![department(&format!("d{n}"), groups[n])];
            a
        })
        .collect()
}

#[test]
fn every_sort_key_orders_ascending_and_reverses_descending() {
    let list = ordered();
    for &sort in AgentSort::ALL {
        assert_eq!(
            ids(&list, &sorted(sort, SortDir::Asc)),
            ["a", "b", "c"],
            "{sort} asc"
        );
        assert_eq!(
            ids(&list, &sorted(sort, SortDir::Desc)),
            ["c", "b", "a"],
            "{sort} desc"
        );
    }
}

#[test]
fn the_default_sort_is_by_name_ignoring_case_and_accents() {
    let mut list: Vec<Agent> = ["a", "b", "c", "d"].into_iter().map(agent_row).collect();
    for (a, name) in list.iter_mut().zip(["Óscar", "nadia", "Ángel", "Beto"]) {
        a.name = name.into();
    }
    assert_eq!(ids(&list, &AgentQuery::default()), ["c", "d", "b", "a"]);
}

#[test]
fn status_sorts_online_connected_offline_then_unknown_values() {
    let mut list: Vec<Agent> = ["a", "b", "c", "d"].into_iter().map(agent_row).collect();
    list[0].status = AgentStatus::Other("away".into());
    list[1].status = AgentStatus::Offline;
    list[2].status = AgentStatus::Connected;
    list[3].status = AgentStatus::Online;
    let q = sorted(AgentSort::Status, SortDir::Asc);
    assert_eq!(ids(&list, &q), ["d", "c", "b", "a"]);
}

#[test]
fn time_in_status_descending_puts_the_longest_in_status_first() {
    let mut list: Vec<Agent> = ["a", "b", "c"].into_iter().map(agent_row).collect();
    for (a, minute) in list.iter_mut().zip([5, -30, 0]) {
        a.status_since = at_minute(minute);
    }
    let q = sorted(AgentSort::TimeInStatus, SortDir::Desc);
    assert_eq!(ids(&list, &q), ["b", "c", "a"]);
}

#[test]
fn load_sorts_by_the_share_of_capacity_in_use_not_by_the_count() {
    let mut list: Vec<Agent> = ["a", "b", "c"].into_iter().map(agent_row).collect();
    for (a, (active, capacity)) in list.iter_mut().zip([(3, 4), (2, 10), (1, 2)]) {
        (a.active_conversations, a.capacity) = (active, capacity);
    }
    let q = sorted(AgentSort::Load, SortDir::Asc);
    assert_eq!(ids(&list, &q), ["b", "c", "a"]);
}

#[test]
fn zero_capacity_counts_as_full_with_conversations_and_empty_without() {
    let mut list: Vec<Agent> = ["a", "b", "c", "d"].into_iter().map(agent_row).collect();
    let loads = [(2, 0), (0, 0), (1, 3), (3, 3)];
    for (a, (active, capacity)) in list.iter_mut().zip(loads) {
        (a.active_conversations, a.capacity) = (active, capacity);
    }
    // b (0) < c (1/3) < a (full) = d (3/3), the tie going to the id.
    let q = sorted(AgentSort::Load, SortDir::Asc);
    assert_eq!(ids(&list, &q), ["b", "c", "a", "d"]);
}

#[test]
fn equal_loads_in_different_terms_tie_and_fall_to_the_id() {
    let mut list: Vec<Agent> = ["b", "a"].into_iter().map(agent_row).collect();
    (list[0].active_conversations, list[0].capacity) = (1, 3);
    (list[1].active_conversations, list[1].capacity) = (2, 6);
    for dir in [SortDir::Asc, SortDir::Desc] {
        assert_eq!(
            ids(&list, &sorted(AgentSort::Load, dir)),
            ["a", "b"],
            "{dir}"
        );
    }
}

#[test]
fn groups_sort_by_the_joined_department_names() {
    let mut list: Vec<Agent> = ["a", "b", "c", "d"].into_iter().map(agent_row).collect();
    list[0].departments = vec![department("d9", "Vendas")];
    list[1].departments = vec![department("d1", "sales"), department("d2", "Soporte")];
    list[2].departments = vec![department("d1", "Sales")];
    list[3].departments = vec![department("d3", "Ságs")];
    // "sags" < "sales" < "sales, soporte" < "vendas".
    let q = sorted(AgentSort::Groups, SortDir::Asc);
    assert_eq!(ids(&list, &q), ["d", "c", "b", "a"]);
}

#[test]
fn agents_without_a_department_sort_last_by_groups_ascending() {
    let mut list: Vec<Agent> = ["a", "b"].into_iter().map(agent_row).collect();
    list[0].departments = Vec::new();
    list[1].departments = vec![department("d9", "Zona")];
    assert_eq!(
        ids(&list, &sorted(AgentSort::Groups, SortDir::Asc)),
        ["b", "a"]
    );
    assert_eq!(
        ids(&list, &sorted(AgentSort::Groups, SortDir::Desc)),
        ["a", "b"]
    );
}

#[test]
fn ties_are_broken_by_id_ascending_in_both_directions() {
    let list: Vec<Agent> = ["c", "a", "b"].into_iter().map(agent_row).collect();
    for &sort in AgentSort::ALL {
        for dir in [SortDir::Asc, SortDir::Desc] {
            let mut same_name = list.clone();
            same_name.iter_mut().for_each(|a| a.name = "Ana".into());
            assert_eq!(
                ids(&same_name, &sorted(sort, dir)),
                ["a", "b", "c"],
                "{sort} {dir}"
            );
        }
    }
}
