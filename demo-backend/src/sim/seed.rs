//! The seeded initial state, and the random pieces arrivals are made of.
//!
//! Everything is drawn from one ChaCha8 stream in a fixed order, and all
//! times are whole seconds before a fixed anchor, so the same seed gives a
//! byte-identical state.

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::{DurationRound, TimeDelta, Utc};
use monitor_core::wire::{Agent, AgentRef, Conversation, Customer, DepartmentRef, Timestamp};
use monitor_core::{AgentStatus, Channel, ConversationStatus};
use rand::seq::IndexedRandom;
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::layout;
use super::model::{ActiveStore, ConvRecord, FinishedStore, Opening, World};
use super::names::{
    ascii_slug, CHANNELS, DEPARTMENTS, EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, PHONE_PREFIXES,
};
use super::operation::Sizing;
use super::rota::{self, Duty};

/// The time the initial state is laid out before: the first seeding's time
/// in this process, to the second. Shared so that two simulations with the
/// same seed in one process (tests, benchmarks) are byte-identical.
pub fn anchor() -> Timestamp {
    static ANCHOR: OnceLock<Timestamp> = OnceLock::new();
    *ANCHOR.get_or_init(|| {
        let now = Utc::now();
        now.duration_trunc(TimeDelta::seconds(1)).unwrap_or(now)
    })
}

/// Index of one of `weights`, drawn with those weights (0 when all are zero).
pub fn pick_weighted(rng: &mut ChaCha8Rng, weights: impl Iterator<Item = u32> + Clone) -> usize {
    let total: u32 = weights.clone().sum();
    if total == 0 {
        return 0;
    }
    let mut ticket = rng.random_range(0..total);
    for (i, w) in weights.enumerate() {
        if ticket < w {
            return i;
        }
        ticket -= w;
    }
    0
}

pub fn department(rng: &mut ChaCha8Rng) -> usize {
    pick_weighted(rng, DEPARTMENTS.iter().map(|d| d.2))
}

pub fn channel(rng: &mut ChaCha8Rng) -> Channel {
    let i = pick_weighted(rng, CHANNELS.iter().map(|c| c.1));
    CHANNELS[i].0.parse().unwrap_or(Channel::Webchat)
}

fn full_name(rng: &mut ChaCha8Rng) -> (&'static str, &'static str) {
    let first = FIRST_NAMES.choose(rng).copied().unwrap_or("Ana");
    let last = LAST_NAMES.choose(rng).copied().unwrap_or("Silva");
    (first, last)
}

fn phone(rng: &mut ChaCha8Rng) -> String {
    let &(prefix, digits) = PHONE_PREFIXES.choose(rng).unwrap_or(&("+34", 9));
    let mut number = String::from(prefix);
    number.push(char::from(b'1' + rng.random_range(0..9u8)));
    for _ in 1..digits {
        number.push(char::from(b'0' + rng.random_range(0..10u8)));
    }
    number
}

/// A customer; phone-based channels always have a phone, e-mail always an e-mail.
pub fn customer(rng: &mut ChaCha8Rng, channel: &Channel) -> Customer {
    let (first, last) = full_name(rng);
    let phone_based = matches!(
        channel,
        Channel::Whatsapp | Channel::Sms | Channel::Telegram
    );
    let has_phone = phone_based || rng.random_bool(0.4);
    let has_email = *channel == Channel::Email || rng.random_bool(0.5);
    let phone = has_phone.then(|| phone(rng));
    let email = has_email.then(|| {
        let domain = EMAIL_DOMAINS.choose(rng).copied().unwrap_or("example.com");
        format!(
            "{}{}@{domain}",
            ascii_slug(&[first, last]),
            rng.random_range(1..100u32)
        )
    });
    Customer {
        name: format!("{first} {last}"),
        phone,
        email,
    }
}

pub fn conversation_id(number: u64) -> String {
    format!("c-{number:06}")
}

pub fn ticket(number: u64) -> String {
    format!("T-{}", 100_000 + number)
}

fn secs(s: i64) -> TimeDelta {
    TimeDelta::seconds(s)
}

/// A new queued conversation: it spent a little while with the bot before `now`.
pub fn arrival(
    rng: &mut ChaCha8Rng,
    number: u64,
    department: DepartmentRef,
    channel: Channel,
    customer: Customer,
    now: Timestamp,
) -> ConvRecord {
    let created_at = now - secs(rng.random_range(20..90));
    ConvRecord {
        conversation: Conversation {
            id: conversation_id(number),
            ticket: Some(ticket(number)),
            channel,
            status: ConversationStatus::Queued,
            customer,
            agent: None,
            department: department.clone(),
            created_at,
            updated_at: Some(now),
            status_since: now,
            finished_at: None,
            transfers: 0,
            last_message: None,
            end_justification: None,
            version: None,
        },
        opening: Opening {
            agent: None,
            department,
            until: now,
        },
        live: Vec::new(),
        actions: Vec::new(),
    }
}

/// `k` distinct departments, the busier ones likelier: staffing follows
/// where the arrivals go.
fn member_of(rng: &mut ChaCha8Rng, k: usize) -> Vec<usize> {
    let mut weights: Vec<u32> = DEPARTMENTS.iter().map(|d| d.2).collect();
    let mut chosen = Vec::with_capacity(k);
    for _ in 0..k.min(weights.len()) {
        let d = pick_weighted(rng, weights.iter().copied());
        weights[d] = 0;
        chosen.push(d);
    }
    chosen.sort_unstable();
    chosen
}

fn agents(
    rng: &mut ChaCha8Rng,
    seed: u64,
    count: usize,
    sizing: &Sizing,
    departments: &[DepartmentRef],
    now: Timestamp,
) -> Vec<Agent> {
    let mut seen_emails: HashMap<String, u32> = HashMap::new();
    (0..count)
        .map(|i| {
            let (first, last) = full_name(rng);
            let slug = ascii_slug(&[first, last]);
            let n = seen_emails.entry(slug.clone()).or_default();
            *n += 1;
            let email = match *n {
                1 => format!("{slug}@ops.example"),
                n => format!("{slug}{n}@ops.example"),
            };
            // The first agent is the `demo-agent` user: always reachable,
            // online, with room for conversations, in Sales and Support.
            let demo = i == 0;
            let member_of = if demo {
                vec![0, 1]
            } else {
                let k = rng.random_range(1..=3usize);
                member_of(rng, k)
            };
            let capacity = if demo {
                6
            } else {
                (sizing.capacity * rng.random_range(0.7..1.3))
                    .round()
                    .max(1.0) as u32
            };
            let (duty, since) = rota::duty(seed, i, now);
            let status = match duty {
                _ if demo => AgentStatus::Online,
                Duty::Working => AgentStatus::Online,
                Duty::Break => AgentStatus::Connected,
                Duty::Off => AgentStatus::Offline,
            };
            Agent {
                id: format!("a-{:04}", i + 1),
                name: format!("{first} {last}"),
                email: Some(email),
                status,
                status_since: since.max(now - secs(8 * 3600)),
                active_conversations: 0,
                capacity,
                transfers: rng.random_range(0..=4),
                departments: member_of.iter().map(|&d| departments[d].clone()).collect(),
                status_set_by: None,
            }
        })
        .collect()
}

/// Takes a free slot of a signed-in agent of department `d`, if any.
fn take_slot(
    rng: &mut ChaCha8Rng,
    free: &mut [Vec<usize>],
    agents: &mut [Agent],
    d: usize,
) -> Option<usize> {
    // Agents are dropped from the free lists lazily, when found full: an
    // agent of several departments fills up through any of them.
    while !free[d].is_empty() {
        let j = rng.random_range(0..free[d].len());
        let a = free[d][j];
        if agents[a].active_conversations < agents[a].capacity {
            agents[a].active_conversations += 1;
            return Some(a);
        }
        free[d].swap_remove(j);
    }
    None
}

/// The initial world, and when each served conversation was answered (the
/// simulation plans their ends from it).
pub struct Seeded {
    pub world: World,
    pub answered: Vec<(String, Timestamp)>,
}

/// Builds the initial world: the roster where its rota has it at `now`, and
/// `conversation_count` conversations laid out as a running operation has
/// them (`layout.rs`).
pub fn world(
    rng: &mut ChaCha8Rng,
    seed: u64,
    agent_count: usize,
    conversation_count: usize,
    sizing: &Sizing,
    now: Timestamp,
) -> Seeded {
    let departments: Vec<DepartmentRef> = DEPARTMENTS
        .iter()
        .map(|&(id, name, _)| DepartmentRef {
            id: id.into(),
            name: name.into(),
        })
        .collect();
    let mut agents = agents(rng, seed, agent_count, sizing, &departments, now);
    let dept_of = |r: &DepartmentRef| departments.iter().position(|d| d.id == r.id).unwrap_or(0);
    let mut members = vec![Vec::new(); departments.len()];
    for (a, agent) in agents.iter().enumerate() {
        for d in &agent.departments {
            members[dept_of(d)].push(a);
        }
    }
    let mut free: Vec<Vec<usize>> = members
        .iter()
        .map(|m| {
            // The demo agent only gets their forced conversations below, so
            // they start with room for more.
            let signed_in = |&a: &usize| a > 0 && agents[a].status != AgentStatus::Offline;
            m.iter().copied().filter(signed_in).collect()
        })
        .collect();

    let queue_share = layout::queue_share(sizing.load);
    let mut active = ActiveStore::default();
    let mut answered = Vec::new();
    for i in 0..conversation_count {
        let number = i as u64 + 1;
        // The demo agent starts with a few conversations of their own.
        let forced = (i < 3 && !agents.is_empty()).then(|| {
            let d = dept_of(&agents[0].departments[i % agents[0].departments.len()]);
            agents[0].active_conversations += 1;
            let status =
                [ConversationStatus::InProgress, ConversationStatus::Pending][i % 2].clone();
            (d, status, Some(0))
        });
        let (d, mut status, mut agent) = forced.unwrap_or_else(|| {
            let d = department(rng);
            let status = if rng.random_bool(queue_share) {
                ConversationStatus::Queued
            } else {
                layout::served_status(rng)
            };
            (d, status, None)
        });
        if status != ConversationStatus::Queued && agent.is_none() {
            agent = take_slot(rng, &mut free, &mut agents, d);
            if agent.is_none() {
                status = ConversationStatus::Queued;
            }
        }
        let channel = layout::channel(rng, status == ConversationStatus::Queued);
        let customer = customer(rng, &channel);
        let times = layout::times(rng, sizing, &channel, status, now);
        if let Some(at) = times.answered_at.filter(|_| agent.is_some()) {
            answered.push((conversation_id(number), at));
        }
        let department = departments[d].clone();
        let agent_ref = agent.map(|a| AgentRef {
            id: agents[a].id.clone(),
            name: agents[a].name.clone(),
        });
        active.insert(ConvRecord {
            conversation: Conversation {
                id: conversation_id(number),
                ticket: Some(ticket(number)),
                channel,
                status: times.status,
                customer,
                agent: agent_ref.clone(),
                department: department.clone(),
                created_at: times.created_at,
                updated_at: Some(times.updated_at),
                status_since: times.status_since,
                finished_at: None,
                transfers: times.transfers,
                last_message: None,
                end_justification: None,
                version: None,
            },
            opening: Opening {
                agent: agent_ref,
                department,
                until: times.updated_at,
            },
            live: Vec::new(),
            actions: Vec::new(),
        });
    }

    let agent_index = agents
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.clone(), i))
        .collect();
    let world = World {
        departments,
        agents,
        agent_index,
        members,
        active,
        finished: FinishedStore::default(),
    };
    Seeded { world, answered }
}
