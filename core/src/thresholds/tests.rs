use super::*;
use crate::enums::Channel;
use crate::test_support::{at, conversation};

fn conv(department: &str, status: ConversationStatus) -> Conversation {
    let mut c = conversation("c1");
    c.channel = Channel::Webchat;
    c.status = status;
    c.department.id = department.into();
    c.department.name = department.into();
    c
}

fn parse(json: &str) -> Result<WaitThresholds, serde_json::Error> {
    serde_json::from_str(json)
}

#[test]
fn defaults_apply_to_every_department() {
    let t = WaitThresholds::default();
    let queued = conv("any", ConversationStatus::Queued);
    assert_eq!(t.level(&queued, at(119)), WaitLevel::Normal);
    assert_eq!(t.level(&queued, at(120)), WaitLevel::Warning);
    assert_eq!(t.level(&queued, at(299)), WaitLevel::Warning);
    assert_eq!(t.level(&queued, at(300)), WaitLevel::Critical);
    let pending = conv("any", ConversationStatus::Pending);
    assert_eq!(t.level(&pending, at(300)), WaitLevel::Normal);
    assert_eq!(t.level(&pending, at(900)), WaitLevel::Warning);
    assert_eq!(t.level(&pending, at(1800)), WaitLevel::Critical);
}

#[test]
fn a_department_override_replaces_only_what_it_names() {
    let t =
        parse(r#"{"departments": {"vip": {"queue": {"warning_secs": 10, "critical_secs": 30}}}}"#)
            .unwrap();
    let vip_queued = conv("vip", ConversationStatus::Queued);
    assert_eq!(t.level(&vip_queued, at(10)), WaitLevel::Warning);
    assert_eq!(t.level(&vip_queued, at(30)), WaitLevel::Critical);
    // Its other statuses keep the default status limits…
    let vip_pending = conv("vip", ConversationStatus::Pending);
    assert_eq!(t.level(&vip_pending, at(30)), WaitLevel::Normal);
    // …and other departments keep the default queue limits.
    let other = conv("sales", ConversationStatus::Queued);
    assert_eq!(t.level(&other, at(30)), WaitLevel::Normal);
}

#[test]
fn unknown_statuses_take_the_status_limits_and_finished_none() {
    let t = WaitThresholds::default();
    let odd = conv("d", ConversationStatus::Other("escalated".into()));
    assert_eq!(t.level(&odd, at(1800)), WaitLevel::Critical);
    let done = conv("d", ConversationStatus::Finished);
    assert_eq!(t.crossings(&done), None);
    assert_eq!(t.level(&done, at(1_000_000)), WaitLevel::Normal);
}

#[test]
fn a_clock_behind_status_since_is_normal_not_negative() {
    let t = WaitThresholds::default();
    let c = conv("d", ConversationStatus::Queued);
    assert_eq!(t.level(&c, at(-60)), WaitLevel::Normal);
}

#[test]
fn enormous_limits_mean_never_instead_of_overflowing() {
    let t = parse(r#"{"queue": {"warning_secs": 18446744073709551615, "critical_secs": 18446744073709551615}}"#)
        .unwrap();
    let c = conv("d", ConversationStatus::Queued);
    assert_eq!(t.level(&c, at(10_000_000_000)), WaitLevel::Normal);
}

#[test]
fn limits_in_the_wrong_order_are_named_in_the_error() {
    let t =
        parse(r#"{"departments": {"vip": {"status": {"warning_secs": 60, "critical_secs": 10}}}}"#)
            .unwrap();
    let err = t.check().unwrap_err();
    assert!(err.contains("departments.vip.status"), "{err}");
    assert!(WaitThresholds::default().check().is_ok());
}

#[test]
fn typos_are_refused_rather_than_ignored() {
    assert!(parse(r#"{"queu": {"warning_secs": 1, "critical_secs": 2}}"#).is_err());
    assert!(parse(r#"{"queue": {"warning": 1, "critical_secs": 2}}"#).is_err());
}

#[test]
fn levels_only_rise_as_time_passes() {
    let t = WaitThresholds::default();
    let c = conv("d", ConversationStatus::Queued);
    let levels: Vec<WaitLevel> = (0..400).map(|s| t.level(&c, at(s))).collect();
    assert!(levels.windows(2).all(|w| w[0] <= w[1]));
}
