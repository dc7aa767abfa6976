//! Random rows and queries for the property tests: the same kinds of
//! names, accents, phones and filters in every test that draws them.

/// Conversations and their queries.
pub mod conversations {
    use monitor_core::wire::{Conversation, LastMessage};
    use monitor_core::{
        Author, Channel, ConversationQuery, ConversationSort, ConversationStatus, SortDir,
        UNASSIGNED,
    };
    use proptest::prelude::*;
    use proptest::sample::select;

    use crate::common::{agent, at_minute, conv, department};

    /// Names with their folded form, so the reference needs no folding code.
    pub const NAMES: &[(&str, &str)] = &[
        ("Ana", "ana"),
        ("ÁNA", "ana"),
        ("Mariana", "mariana"),
        ("João", "joao"),
        ("joao", "joao"),
        ("José Núñez", "jose nunez"),
        ("Çelik", "celik"),
        ("Zoë", "zoe"),
        ("", ""),
    ];
    pub const AGENTS: &[(&str, &str)] = &[("u1", "Bruno"), ("u2", "Ana Paula"), ("u3", "Zé")];
    /// Ticket numbers; "T-100010" and "t-100010" differ only in case.
    pub const TICKETS: &[&str] = &["T-100001", "T-100010", "t-100010", "T-99"];
    pub const PHONES: &[&str] = &["+55 11 98765-4321", "(21) 3456-7890", "600123123"];
    pub const WORDS: &[&str] = &[
        "ana", "JOAO", "nuñez", "bruno", "zoe", "11 9876", "3456", "mail", "x", "t-1000", "10010",
    ];

    pub fn status() -> impl Strategy<Value = ConversationStatus> {
        select(vec![
            ConversationStatus::Queued,
            ConversationStatus::InProgress,
            ConversationStatus::Pending,
            ConversationStatus::Inactive,
            ConversationStatus::Other("escalated".into()),
        ])
    }

    pub fn channel() -> impl Strategy<Value = Channel> {
        select(vec![
            Channel::Whatsapp,
            Channel::Email,
            Channel::Sms,
            Channel::Other("line".into()),
        ])
    }

    pub fn conversation() -> impl Strategy<Value = Conversation> {
        (
            (
                status(),
                channel(),
                0..NAMES.len(),
                prop::option::of(0..AGENTS.len()),
            ),
            (0..3usize, prop::option::of(0..PHONES.len()), any::<bool>()),
            (0..4i64, 0..4i64, prop::option::of(0..4i64), 0..3u32),
            (
                prop::option::of(select(vec![Author::Customer, Author::Agent, Author::Bot])),
                prop::option::of(select(TICKETS)),
                prop::option::of(0..6i64),
            ),
        )
            .prop_map(
                |(
                    (status, channel, name, agent_at),
                    (dept, phone, email),
                    times,
                    (last_author, ticket, finished),
                )| {
                    let (created, since, updated, transfers) = times;
                    let mut c = conv("");
                    c.ticket = ticket.map(str::to_owned);
                    c.finished_at = finished.map(|f| at_minute(created + f));
                    c.status = status;
                    c.channel = channel;
                    c.customer.name = NAMES[name].0.into();
                    c.customer.phone = phone.map(|p| PHONES[p].into());
                    c.customer.email = email.then(|| format!("c{name}@mail.com"));
                    c.agent = agent_at.and_then(|a| agent(AGENTS[a].0, AGENTS[a].1));
                    c.department =
                        department(&format!("d{dept}"), ["Vendas", "ventas", "Soporte"][dept]);
                    c.created_at = at_minute(created);
                    c.status_since = at_minute(since);
                    c.updated_at = updated.map(at_minute);
                    c.transfers = transfers;
                    c.last_message = last_author.map(|author| LastMessage {
                        author,
                        sent_at: at_minute(3),
                        text: String::new(),
                    });
                    c
                },
            )
    }

    /// Up to 40 conversations with unique ids.
    pub fn conversations() -> impl Strategy<Value = Vec<Conversation>> {
        prop::collection::vec(conversation(), 0..40).prop_map(|mut list| {
            for (i, c) in list.iter_mut().enumerate() {
                c.id = format!("c{i}");
            }
            list
        })
    }

    pub fn query() -> impl Strategy<Value = ConversationQuery> {
        (
            prop::collection::vec(select(WORDS), 0..3),
            prop::collection::btree_set(status(), 0..3),
            prop::collection::btree_set(select(vec![UNASSIGNED, "u1", "u2", "u9"]), 0..3),
            prop::collection::btree_set(select(vec!["d0", "d1", "d2"]), 0..2),
            prop::collection::btree_set(channel(), 0..3),
            select(ConversationSort::ALL),
            select(vec![SortDir::Asc, SortDir::Desc]),
            any::<bool>(),
        )
            .prop_map(
                |(words, statuses, agents, departments, channels, sort, dir, awaiting)| {
                    ConversationQuery {
                        search: words.join(" "),
                        statuses,
                        agents: agents.into_iter().map(String::from).collect(),
                        departments: departments.into_iter().map(String::from).collect(),
                        channels,
                        awaiting,
                        sort,
                        dir,
                        ..ConversationQuery::default()
                    }
                },
            )
    }
}

/// Agents and their queries.
pub mod agents {
    use monitor_core::wire::Agent;
    use monitor_core::{AgentQuery, AgentSort, AgentStatus, SortDir};
    use proptest::prelude::*;
    use proptest::sample::select;

    use crate::common::{agent_row, at_minute, department};

    pub const NAMES: &[&str] = &[
        "Ana",
        "ÁNA",
        "Mariana",
        "João",
        "joao",
        "José Núñez",
        "Zoë",
        "",
    ];
    pub const DEPARTMENTS: &[(&str, &str)] = &[
        ("d0", "Vendas"),
        ("d1", "ventas"),
        ("d2", "Atención"),
        ("d3", "atencion"),
        // A prefix of another name: only the separator orders "Aten, …" and "Atención".
        ("d4", "Aten"),
    ];
    pub const WORDS: &[&str] = &["ana", "JOAO", "nuñez", "zoe", "mail", "a1", "x"];

    pub fn status() -> impl Strategy<Value = AgentStatus> {
        select(vec![
            AgentStatus::Online,
            AgentStatus::Connected,
            AgentStatus::Offline,
            AgentStatus::Other("away".into()),
        ])
    }

    pub fn agent() -> impl Strategy<Value = Agent> {
        (
            (0..NAMES.len(), any::<bool>(), status(), 0..4i64),
            (0..4u32, 0..4u32, 0..3u32),
            prop::collection::vec(0..DEPARTMENTS.len(), 0..3),
        )
            .prop_map(|((name, email, status, since), counts, departments)| {
                let (active, capacity, transfers) = counts;
                let mut a = agent_row("");
                a.name = NAMES[name].into();
                a.email = email.then(|| format!("a{name}@mail.com"));
                a.status = status;
                a.status_since = at_minute(since);
                a.active_conversations = active;
                a.capacity = capacity;
                a.transfers = transfers;
                a.departments = departments
                    .into_iter()
                    .map(|d| department(DEPARTMENTS[d].0, DEPARTMENTS[d].1))
                    .collect();
                a
            })
    }

    /// Up to 40 agents with unique ids.
    pub fn agents() -> impl Strategy<Value = Vec<Agent>> {
        prop::collection::vec(agent(), 0..40).prop_map(|mut list| {
            for (i, a) in list.iter_mut().enumerate() {
                a.id = format!("u{i}");
            }
            list
        })
    }

    pub fn query() -> impl Strategy<Value = AgentQuery> {
        (
            prop::collection::vec(select(WORDS), 0..3),
            prop::collection::btree_set(status(), 0..3),
            prop::collection::btree_set(select(vec!["d0", "d1", "d2", "d9"]), 0..3),
            select(AgentSort::ALL),
            select(vec![SortDir::Asc, SortDir::Desc]),
        )
            .prop_map(|(words, statuses, departments, sort, dir)| AgentQuery {
                search: words.join(" "),
                statuses,
                departments: departments.into_iter().map(String::from).collect(),
                sort,
                dir,
            })
    }
}
