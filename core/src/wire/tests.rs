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

/// Issue 14: a transfer with `agentId` (camel case) queued the conversation,
/// because the misspelt field was ignored and `agent_id` defaulted to none.
#[test]
fn requests_refuse_an_unknown_field_and_name_it() {
    let refused = [
        serde_json::from_str::<TransferRequest>(r#"{"department_id": "d1", "agentId": "a1"}"#)
            .map(drop),
        serde_json::from_str::<EndRequest>(r#"{"justification": "x", "reason": "y"}"#).map(drop),
        serde_json::from_str::<BulkEndRequest>(r#"{"ids": [], "justification": "x", "all": true}"#)
            .map(drop),
        serde_json::from_str::<SetPresenceRequest>(r#"{"status": "online", "until": 5}"#).map(drop),
    ];
    for (result, field) in refused
        .into_iter()
        .zip(["agentId", "reason", "all", "until"])
    {
        let err = result.expect_err(field);
        assert!(err.to_string().contains(&format!("`{field}`")), "{err}");
    }
    let transfer: TransferRequest =
        serde_json::from_str(r#"{"department_id": "d1", "agent_id": "a1"}"#).unwrap();
    assert_eq!(transfer.agent_id.as_deref(), Some("a1"));
}
