//! Transcripts: a generated opening (deterministic from the seed and the
//! conversation id) followed by the messages the simulation produced.

use monitor_core::wire::{Message, Timestamp};
use monitor_core::Author;
use rand::seq::IndexedRandom;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::model::ConvRecord;
use super::names::{AGENT_LINES, CUSTOMER_LINES, DEPARTMENTS, OPENERS};

pub const BOT_NAME: &str = "Asistente virtual";

/// FNV-1a: a hash that is stable across Rust versions and platforms, so a
/// transcript is the same on every run with the same seed.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn first_word(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

/// The whole transcript of a conversation, oldest first.
pub fn transcript(seed: u64, record: &ConvRecord) -> Vec<Message> {
    let mut messages = opening(seed, record);
    messages.extend(record.live.iter().cloned());
    messages
}

/// The newest message of the transcript: the last one the simulation
/// produced, or else the opening's last, generated for it.
pub fn last(seed: u64, record: &ConvRecord) -> Option<Message> {
    match record.live.last() {
        Some(message) => Some(message.clone()),
        None => opening(seed, record).pop(),
    }
}

fn opening(seed: u64, record: &ConvRecord) -> Vec<Message> {
    let c = &record.conversation;
    let o = &record.opening;
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ fnv1a(c.id.as_bytes()));
    let customer = c.customer.name.as_str();
    let dept = o.department.name.as_str();
    let openers = DEPARTMENTS
        .iter()
        .position(|d| d.0 == o.department.id)
        .and_then(|i| OPENERS.get(i))
        .copied()
        .unwrap_or(OPENERS[0]);

    let bot = Some(BOT_NAME.to_owned());
    let mut lines: Vec<(Author, Option<String>, String)> = vec![
        (
            Author::Bot,
            bot.clone(),
            format!(
                "¡Hola {}! Soy el asistente virtual. ¿En qué te puedo ayudar?",
                first_word(customer)
            ),
        ),
        (
            Author::Customer,
            Some(customer.to_owned()),
            openers
                .choose(&mut rng)
                .copied()
                .unwrap_or_default()
                .to_owned(),
        ),
        (
            Author::Bot,
            bot,
            format!("Te comunico con el equipo de {dept}. En breve te atiende una persona."),
        ),
        (Author::System, None, format!("En cola: {dept}")),
    ];
    if let Some(agent) = &o.agent {
        let agent_name = Some(agent.name.clone());
        lines.push((Author::System, None, format!("Asignada a {}", agent.name)));
        lines.push((
            Author::Agent,
            agent_name.clone(),
            format!(
                "Hola {}, soy {}. Ya reviso tu caso.",
                first_word(customer),
                first_word(&agent.name)
            ),
        ));
        for turn in 0..rng.random_range(0..=4usize) {
            let (author, name, pool) = if turn % 2 == 0 {
                (Author::Customer, Some(customer.to_owned()), CUSTOMER_LINES)
            } else {
                (Author::Agent, agent_name.clone(), AGENT_LINES)
            };
            let text = pool
                .choose(&mut rng)
                .copied()
                .unwrap_or_default()
                .to_owned();
            lines.push((author, name, text));
        }
    }

    let last = lines.len().saturating_sub(1).max(1) as i64;
    let span = (o.until - c.created_at).num_milliseconds().max(0);
    lines
        .into_iter()
        .enumerate()
        .map(|(i, (author, author_name, text))| Message {
            id: format!("{}-m{}", c.id, i + 1),
            author,
            author_name,
            sent_at: at(c.created_at, span * i as i64 / last),
            text,
        })
        .collect()
}

fn at(start: Timestamp, millis: i64) -> Timestamp {
    start + chrono::TimeDelta::milliseconds(millis)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::{seed, Sim, SimConfig};

    fn sim() -> Sim {
        Sim::new(
            SimConfig {
                seed: 3,
                agents: 10,
                conversations: 40,
                ..SimConfig::default()
            },
            seed::anchor(),
        )
    }

    #[test]
    fn transcript_is_deterministic_ordered_and_within_the_conversation() {
        let sim = sim();
        for record in sim.world().active.iter() {
            let a = transcript(3, record);
            assert_eq!(a, transcript(3, record));
            assert!(a.len() >= 4);
            assert!(a.windows(2).all(|w| w[0].sent_at <= w[1].sent_at));
            let c = &record.conversation;
            assert!(a[0].sent_at >= c.created_at);
            assert_eq!(a.last().map(|m| m.sent_at), c.updated_at);
            let has_agent_message = a.iter().any(|m| m.author == Author::Agent);
            assert_eq!(has_agent_message, c.agent.is_some(), "{}", c.id);
        }
    }

    #[test]
    fn another_seed_gives_another_transcript() {
        let sim = sim();
        let differs = sim
            .world()
            .active
            .iter()
            .any(|r| transcript(3, r) != transcript(4, r));
        assert!(differs);
    }
}
