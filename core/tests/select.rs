//! Filters, search and sort of the Conversations tab, one behaviour each.

mod common;

use common::{agent, at_minute, conv, department};
use monitor_core::wire::Conversation;
use monitor_core::{
    select_conversations, Channel, ConversationQuery, ConversationSort, ConversationStatus,
    SortDir, UNASSIGNED,
};

fn ids<'a>(list: &'a [Conversation], query: &ConversationQuery) -> Vec<&'a str> {
    select_conversations(list, query)
        .into_iter()
        .filter_map(|i| list.get(i).map(|c| c.id.as_str()))
        .collect()
}

/// Sorted by id, so filter tests do not depend on the sort.
fn id_set<'a>(list: &'a [Conversation], query: &ConversationQuery) -> Vec<&'a str> {
    let mut ids = ids(list, query);
    ids.sort_unstable();
    ids
}

/// Four conversations that differ in every filterable field.
fn sample() -> Vec<Conversation> {
    let mut a = conv("a");
    a.customer.name = "Ana Lima".into();
    a.customer.phone = Some("+55 11 98765-4321".into());
    a.customer.email = Some("ana.lima@example.com".into());
    a.agent = agent("u1", "Bruno Souza");
    a.status = ConversationStatus::InProgress;

    let mut b = conv("b");
    b.customer.name = "José Núñez".into();
    b.customer.email = Some("jnunez@correo.es".into());
    b.channel = Channel::Email;
    b.department = department("d2", "Soporte");

    let mut c = conv("c");
    c.customer.name = "João Conceição".into();
    c.customer.phone = Some("(21) 3456-7890".into());
    c.agent = agent("u2", "Carla Gómez");
    c.status = ConversationStatus::Pending;
    c.channel = Channel::Telegram;

    let mut d = conv("d");
    d.customer.name = "Dora".into();
    d.status = ConversationStatus::Other("escalated".into());
    d.agent = agent("u1", "Bruno Souza");
    d.department = department("d2", "Soporte");
    vec![a, b, c, d]
}

fn query(edit: impl FnOnce(&mut ConversationQuery)) -> ConversationQuery {
    let mut q = ConversationQuery::default();
    edit(&mut q);
    q
}

fn search(text: &str) -> ConversationQuery {
    query(|q| q.search = text.into())
}

#[test]
fn empty_filters_and_search_keep_every_conversation() {
    let list = sample();
    assert_eq!(
        id_set(&list, &ConversationQuery::default()),
        ["a", "b", "c", "d"]
    );
    assert!(select_conversations(&[], &ConversationQuery::default()).is_empty());
}

#[test]
fn status_filter_keeps_only_the_chosen_statuses() {
    let list = sample();
    let q = query(|q| {
        q.statuses = [ConversationStatus::Queued, ConversationStatus::Pending].into();
    });
    assert_eq!(id_set(&list, &q), ["b", "c"]);
}

#[test]
fn an_unknown_status_value_filters_like_a_known_one() {
    let list = sample();
    let q = query(|q| q.statuses = ["escalated".parse().unwrap_or_else(|e| match e {})].into());
    assert_eq!(id_set(&list, &q), ["d"]);
}

#[test]
fn agent_filter_keeps_the_chosen_agents_conversations() {
    let list = sample();
    assert_eq!(
        id_set(&list, &query(|q| q.agents = ["u1".into()].into())),
        ["a", "d"]
    );
}

#[test]
fn unassigned_agent_filter_finds_conversations_without_an_agent() {
    let list = sample();
    let q = query(|q| q.agents = [UNASSIGNED.into()].into());
    assert_eq!(id_set(&list, &q), ["b"]);
    let q = query(|q| q.agents = [UNASSIGNED.into(), "u2".into()].into());
    assert_eq!(id_set(&list, &q), ["b", "c"]);
}

#[test]
fn department_filter_matches_the_department_id_not_its_name() {
    let list = sample();
    assert_eq!(
        id_set(&list, &query(|q| q.departments = ["d2".into()].into())),
        ["b", "d"]
    );
    assert!(id_set(&list, &query(|q| q.departments = ["Soporte".into()].into())).is_empty());
}

#[test]
fn channel_filter_keeps_the_chosen_channels() {
    let list = sample();
    let q = query(|q| q.channels = [Channel::Email, Channel::Telegram].into());
    assert_eq!(id_set(&list, &q), ["b", "c"]);
}

#[test]
fn filters_of_different_kinds_combine_with_and() {
    let list = sample();
    let q = query(|q| {
        q.agents = ["u1".into()].into();
        q.departments = ["d2".into()].into();
    });
    assert_eq!(id_set(&list, &q), ["d"]);
    let q = query(|q| {
        q.agents = ["u1".into()].into();
        q.search = "dora".into();
        q.channels = [Channel::Email].into();
    });
    assert!(id_set(&list, &q).is_empty());
}

#[test]
fn search_looks_in_customer_name_phone_email_and_agent_name() {
    let list = sample();
    assert_eq!(id_set(&list, &search("lima")), ["a"]);
    assert_eq!(id_set(&list, &search("98765")), ["a"]);
    assert_eq!(id_set(&list, &search("correo.es")), ["b"]);
    assert_eq!(id_set(&list, &search("carla")), ["c"]);
    assert_eq!(id_set(&list, &search("bruno")), ["a", "d"]);
}

#[test]
fn search_does_not_look_in_department_or_status() {
    let list = sample();
    assert!(id_set(&list, &search("soporte")).is_empty());
    assert!(id_set(&list, &search("escalated")).is_empty());
}

#[test]
fn search_ignores_case_and_accents() {
    let list = sample();
    assert_eq!(id_set(&list, &search("JOSE nunez")), ["b"]);
    assert_eq!(id_set(&list, &search("joao conceicao")), ["c"]);
    assert_eq!(id_set(&list, &search("gomez")), ["c"]);
    assert_eq!(id_set(&list, &search("DÓRA")), ["d"]);
}

#[test]
fn every_search_word_must_match_some_field() {
    let list = sample();
    // "ana" is in a's customer name, "bruno" in its agent's name.
    assert_eq!(id_set(&list, &search("ana bruno")), ["a"]);
    assert!(id_set(&list, &search("ana carla")).is_empty());
}

#[test]
fn typing_the_ticket_number_finds_the_conversation() {
    let mut list = sample();
    list[1].ticket = Some("T-104512".into());
    list[3].ticket = Some("T-100045".into());
    assert_eq!(id_set(&list, &search("T-104512")), ["b"]);
    assert_eq!(id_set(&list, &search("t-1045")), ["b"]);
    assert_eq!(id_set(&list, &search("00045")), ["d"]);
}

#[test]
fn phone_search_ignores_spaces_dashes_parentheses_and_plus() {
    let list = sample();
    assert_eq!(id_set(&list, &search("11 9876")), ["a"]);
    assert_eq!(id_set(&list, &search("5511987654321")), ["a"]);
    assert_eq!(id_set(&list, &search("+55 (11) 98765 4321")), ["a"]);
    assert_eq!(id_set(&list, &search("213456")), ["c"]);
}

/// Conversations whose sort keys are all distinct and, except for
/// `Duration`, ascend with the id: a < b < c.
fn ordered() -> Vec<Conversation> {
    let channels = [
        Channel::Whatsapp,
        Channel::Instagram,
        Channel::Other("line".into()),
    ];
    let statuses = [
        ConversationStatus::Queued,
        ConversationStatus::InProgress,
        ConversationStatus::Inactive,
    ];
    let names = ["álvaro", "Bea", "Caio"];
    let agents = ["Ágata", "beto", "Zé"];
    let departments = ["Atendimento", "cobrança", "Vendas"];
    (0..3)
        .map(|n| {
            let i = n as i64;
            let mut c = conv(["a", "b", "c"][n]);
            c.ticket = Some(["T-100009", "t-100010", "T-100011"][n].into());
            c.channel = channels[n].clone();
            c.status = statuses[n].clone();
            c.customer.name = names[n].into();
            c.agent = agent(&format!("u{n}"), agents[n]);
            c.department = department(&format!("d{n}"), departments[n]);
            // Created later = shorter duration, so Duration runs c, b, a.
            c.created_at = at_minute(i);
            c.updated_at = Some(at_minute(10 + i));
            // In its status since later = less time in status.
            c.status_since = at_minute(20 - i);
            c.transfers = n as u32;
            c
        })
        .collect()
}

#[test]
fn every_sort_key_orders_ascending_and_reverses_descending() {
    let list = ordered();
    // Going on, they have no finish (see the finished ones' own test).
    for &sort in ConversationSort::ALL {
        if sort == ConversationSort::Finished {
            continue;
        }
        let mut expected = vec!["a", "b", "c"];
        if sort == ConversationSort::Duration {
            expected.reverse();
        }
        let asc = query(|q| (q.sort, q.dir) = (sort, SortDir::Asc));
        assert_eq!(ids(&list, &asc), expected, "{sort} asc");
        expected.reverse();
        let desc = query(|q| (q.sort, q.dir) = (sort, SortDir::Desc));
        assert_eq!(ids(&list, &desc), expected, "{sort} desc");
    }
}

#[test]
fn finished_ones_sort_by_their_finish_and_by_how_long_they_lasted() {
    let mut list = ordered();
    // a lasted 30 min, b 25, c 40; they finished in the order c, a, b.
    for (c, (created, finished)) in list.iter_mut().zip([(0, 30), (10, 35), (-20, 20)]) {
        c.created_at = at_minute(created);
        c.finished_at = Some(at_minute(finished));
    }
    let by = |sort, dir| ids(&list, &query(|q| (q.sort, q.dir) = (sort, dir)));
    assert_eq!(
        by(ConversationSort::Finished, SortDir::Asc),
        ["c", "a", "b"]
    );
    assert_eq!(
        by(ConversationSort::Finished, SortDir::Desc),
        ["b", "a", "c"]
    );
    assert_eq!(
        by(ConversationSort::Duration, SortDir::Asc),
        ["b", "a", "c"]
    );
    assert_eq!(
        by(ConversationSort::Duration, SortDir::Desc),
        ["c", "a", "b"]
    );
}

#[test]
fn the_default_sort_puts_the_longest_in_its_status_first() {
    let mut list: Vec<Conversation> = ["a", "b", "c"].into_iter().map(conv).collect();
    for (c, minute) in list.iter_mut().zip([5, -30, 0]) {
        c.status_since = at_minute(minute);
    }
    assert_eq!(ids(&list, &ConversationQuery::default()), ["b", "c", "a"]);
}

#[test]
fn duration_ascending_puts_the_newest_conversation_first() {
    let mut list: Vec<Conversation> = ["a", "b"].into_iter().map(conv).collect();
    list[0].created_at = at_minute(-60);
    list[1].created_at = at_minute(-1);
    let q = query(|q| (q.sort, q.dir) = (ConversationSort::Duration, SortDir::Asc));
    assert_eq!(ids(&list, &q), ["b", "a"]);
}

#[test]
fn conversations_without_a_message_sort_last_ascending_by_updated() {
    let mut list: Vec<Conversation> = ["a", "b", "c"].into_iter().map(conv).collect();
    list[1].updated_at = Some(at_minute(3));
    list[2].updated_at = Some(at_minute(1));
    let asc = query(|q| (q.sort, q.dir) = (ConversationSort::Updated, SortDir::Asc));
    assert_eq!(ids(&list, &asc), ["c", "b", "a"]);
    let desc = query(|q| (q.sort, q.dir) = (ConversationSort::Updated, SortDir::Desc));
    assert_eq!(ids(&list, &desc), ["a", "b", "c"]);
}

#[test]
fn unassigned_conversations_sort_after_every_agent_ascending() {
    let mut list: Vec<Conversation> = ["a", "b"].into_iter().map(conv).collect();
    list[1].agent = agent("u9", "Zuleica");
    let q = query(|q| (q.sort, q.dir) = (ConversationSort::Agent, SortDir::Asc));
    assert_eq!(ids(&list, &q), ["b", "a"]);
}

#[test]
fn status_sorts_in_workflow_order_with_unknown_values_last() {
    let mut list: Vec<Conversation> = ["a", "b", "c", "d"].into_iter().map(conv).collect();
    list[0].status = ConversationStatus::Other("alpha".into());
    list[1].status = ConversationStatus::Pending;
    list[2].status = ConversationStatus::InProgress;
    list[3].status = ConversationStatus::Queued;
    let q = query(|q| (q.sort, q.dir) = (ConversationSort::Status, SortDir::Asc));
    assert_eq!(ids(&list, &q), ["d", "c", "b", "a"]);
}

#[test]
fn customer_names_sort_ignoring_case_and_accents() {
    let mut list: Vec<Conversation> = ["a", "b", "c", "d"].into_iter().map(conv).collect();
    for (c, name) in list.iter_mut().zip(["Óscar", "nadia", "Ángel", "Beto"]) {
        c.customer.name = name.into();
    }
    let q = query(|q| (q.sort, q.dir) = (ConversationSort::Customer, SortDir::Asc));
    assert_eq!(ids(&list, &q), ["c", "d", "b", "a"]);
}

#[test]
fn ties_are_broken_by_id_ascending_in_both_directions() {
    let list: Vec<Conversation> = ["c", "a", "b"].into_iter().map(conv).collect();
    for dir in [SortDir::Asc, SortDir::Desc] {
        let q = query(|q| (q.sort, q.dir) = (ConversationSort::Transfers, dir));
        assert_eq!(ids(&list, &q), ["a", "b", "c"], "{dir}");
    }
}
