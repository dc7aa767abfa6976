//! Fuzzing the decoders the SPA runs on every payload: a panic in wasm kills
//! the app, so whatever arrives — random bytes, cut-off or mutated payloads,
//! junk of the wrong type, huge numbers, deep nesting, markup — must decode
//! or be an error. Short by default (256 cases per property); a long run:
//! `PROPTEST_CASES=200000 cargo test --release -p monitor-core --test decode_fuzz`.

mod fuzz;

use fuzz::mutate::{self, path, Doc, Junk, Mutation};
use fuzz::sites::{decoded_enum, decoded_text, with, ENUM_SITES, TEXT_SITES};
use fuzz::{config, decode, kind, sample, Kind, KINDS};
use monitor_core::event::{decode_event, name, StreamEvent};
use monitor_core::wire::ConversationsSnapshot;
use proptest::prelude::*;
use proptest::sample::Index;

/// Every event name the stream uses.
const NAMES: [&str; 5] = [
    name::CONVERSATION_UPSERT,
    name::CONVERSATION_REMOVE,
    name::AGENT_UPSERT,
    name::RESYNC,
    name::HEARTBEAT,
];

/// Known values of some enums, some in another enum's place.
const KNOWN_LOOKING: &str = "(queued|in_progress|online|offline|admin|agent|whatsapp|sms|bot)";

proptest! {
    #![proptest_config(config())]

    #[test]
    fn decode_event_never_panics_on_any_name_id_and_data(
        event in prop_oneof![
            proptest::sample::select(NAMES.to_vec()).prop_map(str::to_owned),
            any::<String>(),
        ],
        id in any::<String>(),
        data in any::<String>(),
    ) {
        let _ = decode_event(&event, &id, &data);
    }

    #[test]
    fn an_event_with_an_unknown_name_is_unknown_whatever_its_id_and_data(
        event in any::<String>().prop_filter("an unknown name", |e| !NAMES.contains(&e.as_str())),
        id in any::<String>(),
        data in any::<String>(),
    ) {
        prop_assert_eq!(
            decode_event(&event, &id, &data),
            Ok(StreamEvent::Unknown { name: event.clone() })
        );
    }

    #[test]
    fn every_decoder_survives_arbitrary_bytes(
        bytes in prop::collection::vec(any::<u8>(), 0..1024),
    ) {
        for kind in KINDS {
            let _ = decode(kind, &bytes);
        }
    }

    #[test]
    fn a_valid_payload_cut_short_is_an_error(kind in kind(), cut in any::<Index>()) {
        let text = sample(kind).to_string();
        let cut = cut.index(text.len());
        prop_assert!(decode(kind, &text.as_bytes()[..cut]).is_err());
    }

    #[test]
    fn a_valid_prefix_followed_by_arbitrary_bytes_never_panics(
        kind in kind(),
        cut in any::<Index>(),
        tail in prop::collection::vec(any::<u8>(), 0..256),
    ) {
        let text = sample(kind).to_string();
        let mut bytes = text.as_bytes()[..cut.index(text.len())].to_vec();
        bytes.extend(tail);
        for kind in KINDS {
            let _ = decode(kind, &bytes);
        }
    }

    #[test]
    fn mutated_payloads_decode_or_fail_without_panicking(
        kind in kind(),
        mutations in prop::collection::vec(mutate::mutation(), 1..5),
    ) {
        let mut doc = Doc::new(sample(kind));
        for mutation in mutations {
            doc.apply(mutation);
        }
        let text = doc.text();
        for kind in KINDS {
            let _ = decode(kind, text.as_bytes());
        }
    }

    #[test]
    fn a_snapshot_decoded_in_steps_is_the_snapshot_decoded_at_once(
        mutations in prop::collection::vec(mutate::mutation(), 0..4),
        rows in 1_usize..4,
    ) {
        let mut doc = Doc::new(sample(Kind::Conversations));
        for mutation in mutations {
            doc.apply(mutation);
        }
        let text = doc.text();
        let stepped = fuzz::in_steps(text.as_bytes(), rows);
        match serde_json::from_str::<ConversationsSnapshot>(&text) {
            Ok(whole) => prop_assert_eq!(stepped, Ok(format!("{whole:?}"))),
            Err(e) => prop_assert!(stepped.is_err(), "stepped decoding accepted what failed whole: {}", e),
        }
    }

    #[test]
    fn unknown_enum_values_decode_to_other_and_known_ones_to_their_variant(
        site in 0..ENUM_SITES.len(),
        value in prop_oneof![mutate::text(), KNOWN_LOOKING],
    ) {
        let (kind, at) = ENUM_SITES[site];
        let text = with(kind, at, Junk::Value(value.clone().into()));
        let decoded = decoded_enum(site, text.as_bytes());
        prop_assert!(decoded.is_some(), "{} at {} did not decode", value, at);
        let (wire, known, listed) = decoded.unwrap_or_default();
        prop_assert_eq!(&wire, &value);
        prop_assert_eq!(known, listed, "{:?} at {}", value, at);
    }

    #[test]
    fn unknown_fields_anywhere_are_ignored(
        kind in kind(),
        at in any::<Index>(),
        key in "x_[a-z0-9_]{0,10}",
        junk in mutate::value(),
    ) {
        let original = sample(kind);
        let mut doc = Doc::new(original.clone());
        doc.apply(Mutation::AddField(at, key, Junk::Value(junk)));
        let expected = decode(kind, original.to_string().as_bytes());
        prop_assert!(expected.is_ok());
        prop_assert_eq!(decode(kind, doc.text().as_bytes()), expected);
    }

    #[test]
    fn markup_and_unicode_in_text_fields_come_back_verbatim(
        site in 0..TEXT_SITES.len(),
        value in mutate::text(),
    ) {
        let (kind, at) = TEXT_SITES[site];
        let text = with(kind, at, Junk::Value(value.clone().into()));
        prop_assert_eq!(decoded_text(site, text.as_bytes()), Some(value));
    }

    #[test]
    fn counts_and_sequences_out_of_range_are_errors_never_wrapped(
        site in 0..4_usize,
        n in prop_oneof![
            any::<i128>(),
            -2_i128..=2,
            (i128::from(u32::MAX) - 2)..=(i128::from(u32::MAX) + 2),
            (i128::from(u64::MAX) - 2)..=(i128::from(u64::MAX) + 2),
        ],
    ) {
        let (kind, at, max) = [
            (Kind::Conversations, "sequence", i128::from(u64::MAX)),
            (Kind::Conversations, "conversations/0/transfers", i128::from(u32::MAX)),
            (Kind::Agents, "agents/0/capacity", i128::from(u32::MAX)),
            (Kind::Event(name::CONVERSATION_REMOVE), "after", i128::from(u64::MAX)),
        ][site];
        let text = with(kind, at, Junk::Raw(n.to_string()));
        let decoded = decode(kind, text.as_bytes());
        prop_assert_eq!(decoded.is_ok(), (0..=max).contains(&n), "{} at {}: {:?}", n, at, decoded);
        if let Ok(debug) = decoded {
            prop_assert!(debug.contains(&n.to_string()), "{} missing from {}", n, debug);
        }
    }

    #[test]
    fn timestamps_decode_exactly_when_they_parse_as_utc_times(
        value in prop_oneof![
            any::<String>(),
            (0_u32..100_000, 0_u32..20, 0_u32..40, 0_u32..30, 0_u32..70, 0_u32..70,
             proptest::sample::select(vec!["Z", "+00:00", "-03:00", "+25:00", "", ".123456789Z"]))
                .prop_map(|(y, mo, d, h, mi, s, zone)| {
                    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{zone}")
                }),
        ],
    ) {
        let at = "conversations/0/created_at";
        let text = with(Kind::Conversations, at, Junk::Value(value.clone().into()));
        let decoded = serde_json::from_str::<ConversationsSnapshot>(&text);
        let parsed = value.parse::<chrono::DateTime<chrono::Utc>>();
        prop_assert_eq!(decoded.is_ok(), parsed.is_ok(), "{:?}", value);
        if let (Ok(snapshot), Ok(time)) = (decoded, parsed) {
            prop_assert_eq!(snapshot.conversations[0].created_at, time);
        }
    }

    #[test]
    fn nesting_thousands_deep_is_skipped_in_an_unknown_field_and_refused_in_a_known_one(
        kind in kind(),
        at in any::<Index>(),
        depth in 200_usize..20_000,
        objects in any::<bool>(),
    ) {
        // Deeper than serde_json's recursion limit (128): skipping an unknown
        // field must not recurse, and decoding a known one must stop early.
        let nested = if objects {
            format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth))
        } else {
            format!("{}{}", "[".repeat(depth), "]".repeat(depth))
        };
        let original = sample(kind);
        let mut extra = Doc::new(original.clone());
        extra.apply(Mutation::AddField(at, "x_deep".into(), Junk::Raw(nested.clone())));
        prop_assert_eq!(
            decode(kind, extra.text().as_bytes()),
            decode(kind, original.to_string().as_bytes())
        );
        let mut replaced = Doc::new(original);
        replaced.apply(Mutation::Replace(at, Junk::Raw(nested)));
        prop_assert!(decode(kind, replaced.text().as_bytes()).is_err());
    }
}

#[test]
fn missing_optional_fields_decode_and_missing_required_ones_fail() {
    // (kind, path of the object, its required fields, its optional fields)
    let objects: [(Kind, &str, &[&str], &[&str]); 6] = [
        (
            Kind::Conversations,
            "",
            &["server_time", "sequence", "conversations"],
            &["next_cursor"],
        ),
        (
            Kind::Conversations,
            "conversations/0",
            &[
                "id",
                "channel",
                "status",
                "customer",
                "department",
                "created_at",
                "status_since",
            ],
            &["ticket", "agent", "updated_at", "finished_at", "transfers"],
        ),
        (
            Kind::Agents,
            "agents/0",
            &["id", "name", "status", "status_since"],
            &[
                "email",
                "active_conversations",
                "capacity",
                "transfers",
                "departments",
            ],
        ),
        (
            Kind::Messages,
            "messages/0",
            &["id", "author", "sent_at", "text"],
            &["author_name"],
        ),
        (
            Kind::Me,
            "",
            &["id", "name", "profile"],
            &["permissions", "locale"],
        ),
        (
            Kind::Event(name::CONVERSATION_UPSERT),
            "conversation/customer",
            &["name"],
            &["phone", "email"],
        ),
    ];
    for (kind, object, required, optional) in objects {
        for (fields, must_decode) in [(required, false), (optional, true)] {
            for field in fields {
                let mut doc = Doc::new(sample(kind));
                let at = if object.is_empty() {
                    field.to_string()
                } else {
                    format!("{object}/{field}")
                };
                doc.remove(&path(&at));
                let decoded = decode(kind, doc.text().as_bytes());
                assert_eq!(decoded.is_ok(), must_decode, "without {at}: {decoded:?}");
            }
        }
    }
}
