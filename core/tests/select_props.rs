//! Properties of `select_conversations`, checked against plain reference
//! implementations written here (not against the code under test).

mod common;

use std::cmp::Ordering;
use std::collections::BTreeSet;

use common::arb::conversations::{channel, conversations, query, status, NAMES, WORDS};
use monitor_core::wire::Conversation;
use monitor_core::Author;
use monitor_core::{
    select::compare_conversations, select_conversations, Channel, ConversationQuery,
    ConversationSort, ConversationStatus, SortDir, UNASSIGNED,
};
use proptest::prelude::*;
use proptest::sample::select;

fn folded_name(name: &str) -> String {
    match NAMES.iter().find(|(n, _)| *n == name) {
        Some((_, folded)) => (*folded).to_owned(),
        // Agent and department names: only "Zé" has an accent.
        None => name.to_lowercase().replace('é', "e"),
    }
}

/// The reference filter: each kind written out plainly.
fn passes(c: &Conversation, q: &ConversationQuery) -> bool {
    let agent_id = c.agent.as_ref().map_or(UNASSIGNED, |a| a.id.as_str());
    (q.statuses.is_empty() || q.statuses.iter().any(|s| *s == c.status))
        && (q.channels.is_empty() || q.channels.iter().any(|ch| *ch == c.channel))
        && (q.departments.is_empty() || q.departments.iter().any(|d| *d == c.department.id))
        && (q.agents.is_empty() || q.agents.iter().any(|a| a == agent_id))
        && (!q.awaiting
            || c.last_message
                .as_ref()
                .is_some_and(|m| m.author == Author::Customer))
}

/// The reference search: lower-case and fold the few accents used above.
fn found(c: &Conversation, search: &str) -> bool {
    let fold = |s: &str| {
        s.to_lowercase()
            .replace(['á', 'ã'], "a")
            .replace('é', "e")
            .replace('ú', "u")
            .replace('ñ', "n")
            .replace('ç', "c")
            .replace('ë', "e")
    };
    let digits = |s: &str| {
        s.chars()
            .filter(|c| !" -()+".contains(*c))
            .collect::<String>()
    };
    let fields = [
        fold(&c.customer.name),
        fold(c.customer.email.as_deref().unwrap_or("")),
        fold(c.agent.as_ref().map_or("", |a| a.name.as_str())),
        fold(c.customer.phone.as_deref().unwrap_or("")),
        fold(c.ticket.as_deref().unwrap_or("")),
    ];
    search.split_whitespace().all(|word| {
        let w = fold(word);
        let d = digits(word);
        let phone = digits(c.customer.phone.as_deref().unwrap_or(""));
        fields.iter().any(|f| f.contains(&w))
            || (c.customer.phone.is_some()
                && !d.is_empty()
                && d.chars().all(|c| c.is_ascii_digit())
                && phone.contains(&d))
    })
}

/// The reference order of the sort key alone (before direction and ties).
fn key_order(a: &Conversation, b: &Conversation, sort: ConversationSort) -> Ordering {
    let status_rank = |s: &ConversationStatus| {
        let known = ConversationStatus::KNOWN.iter().position(|k| k == s);
        (known.unwrap_or(usize::MAX), s.as_str().to_owned())
    };
    let channel_rank = |c: &Channel| {
        (
            Channel::KNOWN
                .iter()
                .position(|k| k == c)
                .unwrap_or(usize::MAX),
            c.as_str().to_owned(),
        )
    };
    // `None` last: (true, …) sorts after (false, …).
    let agent_key = |c: &Conversation| {
        c.agent
            .as_ref()
            .map_or((true, String::new(), String::new()), |x| {
                (false, folded_name(&x.name), x.name.clone())
            })
    };
    let name_key = |n: &str| (folded_name(n), n.to_owned());
    match sort {
        ConversationSort::Ticket => {
            let ticket = |c: &Conversation| {
                c.ticket
                    .as_ref()
                    .map_or((true, String::new(), String::new()), |t| {
                        (false, t.to_lowercase(), t.clone())
                    })
            };
            ticket(a).cmp(&ticket(b))
        }
        ConversationSort::Channel => channel_rank(&a.channel).cmp(&channel_rank(&b.channel)),
        ConversationSort::Status => status_rank(&a.status).cmp(&status_rank(&b.status)),
        ConversationSort::Customer => name_key(&a.customer.name).cmp(&name_key(&b.customer.name)),
        ConversationSort::Agent => agent_key(a).cmp(&agent_key(b)),
        ConversationSort::Department => {
            name_key(&a.department.name).cmp(&name_key(&b.department.name))
        }
        ConversationSort::Created => a.created_at.cmp(&b.created_at),
        ConversationSort::Updated => {
            (a.updated_at.is_none(), a.updated_at).cmp(&(b.updated_at.is_none(), b.updated_at))
        }
        ConversationSort::TimeInStatus => b.status_since.cmp(&a.status_since),
        // Going on: the earlier it started the longer; finished: by length;
        // those going on first.
        ConversationSort::Duration => match (a.finished_at, b.finished_at) {
            (None, None) => b.created_at.cmp(&a.created_at),
            (None, Some(_)) => Ordering::Less,
            (Some(_), None) => Ordering::Greater,
            (Some(x), Some(y)) => (x - a.created_at).cmp(&(y - b.created_at)),
        },
        ConversationSort::Finished => {
            (a.finished_at.is_none(), a.finished_at).cmp(&(b.finished_at.is_none(), b.finished_at))
        }
        ConversationSort::Transfers => a.transfers.cmp(&b.transfers),
    }
}

fn selected_set(list: &[Conversation], q: &ConversationQuery) -> BTreeSet<usize> {
    select_conversations(list, q).into_iter().collect()
}

proptest! {
    #[test]
    fn the_result_holds_valid_indices_without_duplicates(list in conversations(), q in query()) {
        let selected = select_conversations(&list, &q);
        let unique: BTreeSet<usize> = selected.iter().copied().collect();
        prop_assert_eq!(unique.len(), selected.len());
        prop_assert!(selected.iter().all(|&i| i < list.len()));
    }

    #[test]
    fn a_row_is_shown_exactly_when_it_passes_the_filters_and_the_search(
        list in conversations(),
        q in query(),
    ) {
        let selected = selected_set(&list, &q);
        for (i, c) in list.iter().enumerate() {
            let expected = passes(c, &q) && found(c, &q.search);
            prop_assert_eq!(selected.contains(&i), expected, "row {:?} query {:?}", c, q);
        }
    }

    #[test]
    fn the_result_is_sorted_by_the_key_then_by_id(list in conversations(), q in query()) {
        let selected = select_conversations(&list, &q);
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
    fn the_table_order_agrees_with_compare_conversations(list in conversations(), q in query()) {
        // select_conversations precomputes name keys; the row-by-row
        // comparison the SPA may use for a single row must give the same order.
        let selected = select_conversations(&list, &q);
        for pair in selected.windows(2) {
            let (a, b) = (&list[pair[0]], &list[pair[1]]);
            prop_assert_eq!(compare_conversations(a, b, q.sort, q.dir), Ordering::Less);
        }
    }

    #[test]
    fn the_sort_never_changes_which_rows_are_shown(
        list in conversations(),
        q in query(),
        sort in select(ConversationSort::ALL),
    ) {
        let resorted = ConversationQuery { sort, dir: q.dir.toggled(), ..q.clone() };
        prop_assert_eq!(selected_set(&list, &q), selected_set(&list, &resorted));
    }

    #[test]
    fn adding_a_value_to_an_empty_filter_never_grows_the_result(
        list in conversations(),
        q in query(),
        s in status(),
        ch in channel(),
        agent_id in select(vec![UNASSIGNED, "u1", "u3"]),
    ) {
        let all = selected_set(&list, &q);
        let narrowed = [
            ConversationQuery { statuses: [s].into(), ..q.clone() },
            ConversationQuery { channels: [ch].into(), ..q.clone() },
            ConversationQuery { agents: [agent_id.to_owned()].into(), ..q.clone() },
            ConversationQuery { departments: ["d1".to_owned()].into(), ..q.clone() },
        ];
        for (empty, narrow) in [
            (q.statuses.is_empty(), &narrowed[0]),
            (q.channels.is_empty(), &narrowed[1]),
            (q.agents.is_empty(), &narrowed[2]),
            (q.departments.is_empty(), &narrowed[3]),
        ] {
            if empty {
                prop_assert!(selected_set(&list, narrow).is_subset(&all));
            }
        }
    }

    #[test]
    fn adding_a_value_to_a_non_empty_filter_never_shrinks_the_result(
        list in conversations(),
        q in query(),
        s in status(),
        agent_id in select(vec![UNASSIGNED, "u1", "u3"]),
    ) {
        let before = selected_set(&list, &q);
        let mut wider = q.clone();
        if !wider.statuses.is_empty() {
            wider.statuses.insert(s);
        }
        if !wider.agents.is_empty() {
            wider.agents.insert(agent_id.to_owned());
        }
        prop_assert!(before.is_subset(&selected_set(&list, &wider)));
    }

    #[test]
    fn another_search_word_never_grows_the_result(
        list in conversations(),
        q in query(),
        word in select(WORDS),
    ) {
        let longer = ConversationQuery { search: format!("{} {word}", q.search), ..q.clone() };
        prop_assert!(selected_set(&list, &longer).is_subset(&selected_set(&list, &q)));
    }
}
