//! The rows' `last_message`: the preview rule, and the row agreeing with the
//! transcript however messages were added.

use std::collections::HashMap;

use chrono::TimeDelta;
use monitor_core::event::Change;
use monitor_core::wire::{Timestamp, UserRef};
use monitor_core::{Author, ConversationStatus};

use super::{last_message, preview, PREVIEW_MAX_CHARS};
use crate::sim::model::ConvRecord;
use crate::sim::transcript::transcript;
use crate::sim::{seed, Sim, SimConfig};

#[test]
fn short_text_is_kept_whole() {
    let exact = "a".repeat(PREVIEW_MAX_CHARS);
    assert_eq!(preview(&exact), exact);
    assert_eq!(preview(""), "");
}

#[test]
fn long_text_is_cut_on_a_character_boundary_with_an_ellipsis() {
    let over = format!("{}é", "€".repeat(PREVIEW_MAX_CHARS));
    let short = preview(&over);
    assert_eq!(short.chars().count(), PREVIEW_MAX_CHARS);
    assert_eq!(short, format!("{}…", "€".repeat(PREVIEW_MAX_CHARS - 1)));
}

#[test]
fn a_cut_right_after_a_space_does_not_leave_it_before_the_ellipsis() {
    let text = format!("{} siguiente palabra", "ñ".repeat(PREVIEW_MAX_CHARS - 2));
    assert_eq!(
        preview(&text),
        format!("{}…", "ñ".repeat(PREVIEW_MAX_CHARS - 2))
    );
}

fn sim(conversations: usize) -> Sim {
    Sim::new(
        SimConfig {
            seed: 13,
            agents: conversations / 8,
            conversations,
            ..SimConfig::default()
        },
        seed::anchor(),
    )
}

/// Asserts that a row's `last_message` and `updated_at` are its
/// transcript's last message, as `GET …/messages` serves it.
fn assert_row_matches_transcript(seed: u64, record: &ConvRecord) {
    let c = &record.conversation;
    let last = transcript(seed, record).pop().expect("a transcript");
    assert_eq!(c.last_message, Some(last_message(&last)), "{}", c.id);
    assert_eq!(c.updated_at, Some(last.sent_at), "{}", c.id);
}

/// Every active and kept finished conversation's row against its transcript.
fn assert_rows_match_transcripts(sim: &Sim) {
    let world = sim.world();
    for record in world.active.iter() {
        assert_row_matches_transcript(sim.seed(), record);
    }
    for serial in world.finished.first_serial()..world.finished.end_serial() {
        let record = world.finished.at_serial(serial).expect("kept");
        assert_row_matches_transcript(sim.seed(), record);
    }
}

/// The share of served conversations (in progress or pending) whose last
/// message is the customer's: those awaiting a reply.
fn awaiting_reply(sim: &Sim) -> f64 {
    let served: Vec<_> = sim
        .world()
        .active
        .iter()
        .map(|r| &r.conversation)
        .filter(|c| {
            matches!(
                c.status,
                ConversationStatus::InProgress | ConversationStatus::Pending
            )
        })
        .collect();
    let waiting = served
        .iter()
        .filter(|c| {
            c.last_message
                .as_ref()
                .is_some_and(|m| m.author == Author::Customer)
        })
        .count();
    waiting as f64 / served.len().max(1) as f64
}

fn admin() -> UserRef {
    UserRef {
        id: "u-admin".into(),
        name: "Admin Demo".into(),
    }
}

#[test]
fn seeded_rows_carry_their_transcripts_last_message_and_a_share_await_a_reply() {
    let sim = sim(2_000);
    assert_rows_match_transcripts(&sim);
    let share = awaiting_reply(&sim);
    assert!((0.3..=0.5).contains(&share), "{share}");
}

#[test]
fn an_injected_message_becomes_the_rows_last_message_as_a_preview() {
    let mut sim = sim(300);
    let id = sim.world().active.at(5).conversation.id.clone();
    let long = "¿Me pueden ayudar con la factura? ".repeat(10);
    let now = seed::anchor() + TimeDelta::seconds(1);

    assert!(sim.inject_message(&id, Author::Customer, &long, now));

    let record = sim.world().active.get(&id).unwrap();
    assert_row_matches_transcript(sim.seed(), record);
    let row = record.conversation.last_message.as_ref().unwrap();
    assert_eq!((row.author.clone(), row.sent_at), (Author::Customer, now));
    assert!(row.text.chars().count() <= PREVIEW_MAX_CHARS);
    assert!(row.text.ends_with('…'));
}

#[test]
fn rows_follow_their_transcripts_through_ticks_transfers_and_ends() {
    let mut sim = sim(300);
    let mut now: Timestamp = seed::anchor();
    for _ in 0..3_000 {
        now += TimeDelta::milliseconds(200);
        sim.advance(1, now);
    }
    assert_rows_match_transcripts(&sim);
    assert!(sim.world().finished.len() > 50, "finishes were checked too");

    let served = |sim: &Sim| {
        sim.world()
            .active
            .iter()
            .find(|r| r.conversation.agent.is_some())
            .map(|r| r.conversation.id.clone())
            .unwrap()
    };
    now += TimeDelta::seconds(1);
    let id = served(&sim);
    let other = sim
        .world()
        .departments
        .iter()
        .find(|d| {
            d.id != sim
                .world()
                .active
                .get(&id)
                .unwrap()
                .conversation
                .department
                .id
        })
        .map(|d| d.id.clone())
        .unwrap();
    let moved = sim
        .transfer_conversation(&id, &other, None, &admin(), now)
        .unwrap();
    assert_eq!(moved.last_message.map(|m| m.author), Some(Author::System));
    let id = served(&sim);
    let ended = sim
        .end_conversation(&id, &"Sin respuesta ".repeat(20), &admin(), now)
        .unwrap();
    assert_eq!(ended.updated_at, Some(now));
    assert_rows_match_transcripts(&sim);
}

#[test]
fn over_time_customers_write_and_get_answered_and_a_share_keeps_waiting() {
    let mut sim = sim(300);
    let mut authors: HashMap<String, Author> = sim
        .world()
        .active
        .iter()
        .filter_map(|r| {
            let m = r.conversation.last_message.as_ref()?;
            Some((r.conversation.id.clone(), m.author.clone()))
        })
        .collect();
    let (mut answered, mut wrote_again) = (0, 0);
    let mut now = seed::anchor();
    for _ in 0..3_000 {
        let sequence = sim.journal().sequence();
        now += TimeDelta::milliseconds(200);
        sim.advance(1, now);
        for entry in sim.journal().since(sequence).unwrap() {
            let Change::ConversationUpsert(c) = &entry.change else {
                continue;
            };
            let Some(author) = c.last_message.as_ref().map(|m| m.author.clone()) else {
                continue;
            };
            match (authors.insert(c.id.clone(), author.clone()), author) {
                (Some(Author::Customer), Author::Agent) => answered += 1,
                (Some(Author::Agent), Author::Customer) => wrote_again += 1,
                _ => {}
            }
        }
    }
    assert!(
        answered > 50 && wrote_again > 50,
        "{answered} / {wrote_again}"
    );
    let share = awaiting_reply(&sim);
    assert!((0.28..=0.55).contains(&share), "{share}");
}
