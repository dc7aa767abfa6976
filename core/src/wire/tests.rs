use super::*;

#[test]
fn conversation_decodes_with_extra_fields_and_missing_optionals() {
    let json = r#"{
        "id": "c1", "channel": "whatsapp", "status": "queued",
        "customer": {"name": "Ana"},
        "department": {"id": "d1", "name": "Sales"},
        "created_at": "2026-11-21T10:00:00Z",
        "status_since": "2026-11-21T10:00:00Z",
        "brand_new_field": {"nested": true}
    }"#;
    let c: Conversation = serde_json::from_str(json).unwrap();
    assert_eq!(c.agent, None);
    assert_eq!(c.transfers, 0);
    assert_eq!(c.customer.phone, None);
}

#[test]
fn conversation_without_required_status_is_an_error() {
    let json = r#"{"id": "c1", "channel": "whatsapp",
        "customer": {"name": "Ana"}, "department": {"id": "d1", "name": "S"},
        "created_at": "2026-11-21T10:00:00Z", "status_since": "2026-11-21T10:00:00Z"}"#;
    let err = serde_json::from_str::<Conversation>(json).unwrap_err();
    assert!(err.to_string().contains("status"), "{err}");
}

#[test]
fn justification_is_trimmed_and_limited_in_characters_not_bytes() {
    assert_eq!(
        checked_justification("  cliente duplicado \n"),
        Ok("cliente duplicado")
    );
    assert_eq!(
        checked_justification(" \t\n "),
        Err(JustificationError::Blank)
    );
    let limit = "ñ".repeat(JUSTIFICATION_MAX_CHARS);
    assert_eq!(
        checked_justification(&format!(" {limit} ")),
        Ok(limit.as_str())
    );
    let over = format!("{limit}x");
    assert_eq!(
        checked_justification(&over),
        Err(JustificationError::TooLong(JUSTIFICATION_MAX_CHARS + 1))
    );
}

#[test]
fn bulk_end_result_keeps_unknown_outcomes_and_omits_an_absent_detail() {
    let r: BulkEndResult = serde_json::from_str(r#"{"id":"c1","outcome":"escalated"}"#).unwrap();
    assert_eq!(r.outcome, BulkEndOutcome::Other("escalated".into()));
    let ended = BulkEndResult {
        id: "c1".into(),
        outcome: BulkEndOutcome::Ended,
        detail: None,
    };
    assert_eq!(
        serde_json::to_string(&ended).unwrap(),
        r#"{"id":"c1","outcome":"ended"}"#
    );
}
