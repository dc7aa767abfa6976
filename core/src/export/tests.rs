use chrono::DateTime;

use super::*;
use crate::enums::{AgentStatus, Author, Channel, ConversationStatus};
use crate::wire::{AgentRef, Customer, DepartmentRef, LastMessage};

fn at(secs: i64) -> Timestamp {
    DateTime::from_timestamp(1_790_000_000 + secs, 0).unwrap_or_default()
}

fn conv(id: &str, name: &str) -> Conversation {
    Conversation {
        id: id.into(),
        ticket: Some("T-1".into()),
        channel: Channel::Whatsapp,
        status: ConversationStatus::InProgress,
        customer: Customer {
            name: name.into(),
            phone: Some("+55 11 98765-4321".into()),
            email: None,
        },
        agent: Some(AgentRef {
            id: "a1".into(),
            name: "Bruno".into(),
        }),
        department: DepartmentRef {
            id: "d1".into(),
            name: "Ventas, Norte".into(),
        },
        created_at: at(0),
        updated_at: Some(at(30)),
        status_since: at(10),
        finished_at: None,
        transfers: 2,
        last_message: Some(LastMessage {
            author: Author::Customer,
            sent_at: at(30),
            text: "hola".into(),
        }),
        end_justification: None,
        version: None,
    }
}

fn read(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn header() -> Vec<&'static str> {
    ConversationField::ALL.iter().map(|f| f.as_str()).collect()
}

#[test]
fn the_file_parses_back_to_the_rows_in_order() {
    let items = [
        conv("c1", "Ana \"la jefa\"\nPérez"),
        conv("c2", "João"),
        conv("c3", "Zoe"),
    ];
    let text = csv_text(&header(), [&items[2], &items[0]], |c| {
        conversation_cells(c, at(100))
    });
    assert!(text.starts_with(BYTE_ORDER_MARK));
    let records = read(&text);
    assert_eq!(records.len(), 3);
    assert_eq!(records[0], header());
    assert_eq!(records[1][0], "c3");
    assert_eq!(records[2][0], "c1");
    // Quotes, newlines and commas survive the round trip.
    assert_eq!(records[2][4], "Ana \"la jefa\"\nPérez");
    assert_eq!(records[2][8], "Ventas, Norte");
    assert!(text.contains("\r\n"));
}

#[test]
fn times_are_iso_utc_and_durations_whole_seconds() {
    let cells = conversation_cells(&conv("c1", "Ana"), at(100));
    let field = |f: ConversationField| {
        let i = ConversationField::ALL.iter().position(|x| *x == f).unwrap();
        cells[i].clone()
    };
    assert_eq!(field(ConversationField::CreatedAt), "2026-09-21T14:13:20Z");
    assert_eq!(field(ConversationField::TimeInStatusSecs), "90");
    assert_eq!(field(ConversationField::DurationSecs), "100");
    assert_eq!(field(ConversationField::AwaitingReplySince), iso(at(30)));
    assert_eq!(field(ConversationField::Channel), "whatsapp");
    assert_eq!(field(ConversationField::Status), "in_progress");
}

#[test]
fn formulas_are_neutralized_but_plain_text_is_untouched() {
    assert_eq!(neutralized("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
    assert_eq!(neutralized("@SUM(A1)"), "'@SUM(A1)");
    assert_eq!(neutralized("+55 11 98765-4321"), "'+55 11 98765-4321");
    assert_eq!(neutralized("-1"), "'-1");
    assert_eq!(neutralized("Ana = Bia"), "Ana = Bia");
    assert_eq!(neutralized(""), "");
}

#[test]
fn agents_export_their_departments_in_one_cell() {
    let agent = Agent {
        id: "a1".into(),
        name: "Bruno".into(),
        email: Some("b@x.io".into()),
        status: AgentStatus::Online,
        status_since: at(0),
        active_conversations: 2,
        capacity: 5,
        transfers: 1,
        departments: vec![
            DepartmentRef {
                id: "d1".into(),
                name: "Ventas".into(),
            },
            DepartmentRef {
                id: "d2".into(),
                name: "Soporte".into(),
            },
        ],
        status_set_by: None,
    };
    let header: Vec<&str> = AgentField::ALL.iter().map(|f| f.as_str()).collect();
    let records = read(&csv_text(&header, [&agent], |a| agent_cells(a, at(60))));
    assert_eq!(records[1][1], "Bruno");
    assert_eq!(records[1][3], "online");
    assert_eq!(records[1][5], "60");
    assert_eq!(records[1][9], "Ventas; Soporte");
}

#[test]
fn an_empty_view_is_just_the_header() {
    let items: Vec<Conversation> = Vec::new();
    let records = read(&csv_text(&header(), items.iter().take(0), |c| {
        conversation_cells(c, at(0))
    }));
    assert_eq!(records, vec![header()]);
}
