use super::*;
use crate::enums::Author;
use crate::test_support::{at, conversation, last_message};

fn conv(
    department: &str,
    channel: Channel,
    status: ConversationStatus,
    since: i64,
) -> Conversation {
    let mut c = conversation(&format!("{department}-{since}"));
    c.channel = channel;
    c.status = status;
    c.department = DepartmentRef {
        id: department.into(),
        name: department.to_uppercase(),
    };
    (c.created_at, c.status_since) = (at(since), at(since));
    c
}

fn all(rows: &[Conversation]) -> Vec<usize> {
    (0..rows.len()).collect()
}

#[test]
fn counts_crossings_per_group_at_any_instant() {
    use ConversationStatus::{InProgress, Queued};
    let rows = vec![
        conv("sales", Channel::Whatsapp, Queued, 0),
        conv("sales", Channel::Webchat, Queued, 200),
        conv("support", Channel::Whatsapp, Queued, 250),
        conv("support", Channel::Whatsapp, InProgress, 0),
    ];
    let stats = WaitStats::from_rows(&rows, &all(&rows), &WaitThresholds::default());

    // At 350 s: the first has waited 350 s (critical at 300), the second
    // 150 s (warning at 120), the third 100 s (normal); in progress for
    // 350 s is normal (its warning is at 900 s).
    let total = stats.total_at(at(350));
    assert_eq!((total.queued, total.warning, total.critical), (3, 1, 1));
    assert_eq!(total.longest_wait, Some(Duration::seconds(350)));

    let departments = stats.departments_at(at(350));
    let names: Vec<&str> = departments.iter().map(|(d, _)| d.name.as_str()).collect();
    assert_eq!(names, ["SALES", "SUPPORT"]);
    assert_eq!(
        (departments[0].1.warning, departments[0].1.critical),
        (1, 1)
    );
    assert_eq!(
        (departments[1].1.warning, departments[1].1.critical),
        (0, 0)
    );
    assert_eq!(departments[1].1.longest_wait, Some(Duration::seconds(100)));

    let channels = stats.channels_at(at(350));
    assert_eq!(channels[0].0, Channel::Whatsapp);
    assert_eq!(
        (channels[0].1.conversations, channels[0].1.critical),
        (3, 1)
    );

    // Later everything queued is critical, and the in-progress one warns.
    let later = stats.total_at(at(1000));
    assert_eq!((later.warning, later.critical), (1, 3));
}

#[test]
fn per_department_limits_decide_who_is_over() {
    let thresholds: WaitThresholds = serde_json::from_str(
        r#"{"departments": {"vip": {"queue": {"warning_secs": 5, "critical_secs": 10}}}}"#,
    )
    .unwrap();
    let rows = vec![
        conv("vip", Channel::Sms, ConversationStatus::Queued, 0),
        conv("base", Channel::Sms, ConversationStatus::Queued, 0),
    ];
    let stats = WaitStats::from_rows(&rows, &all(&rows), &thresholds);
    let total = stats.total_at(at(11));
    assert_eq!((total.warning, total.critical), (0, 1));
}

#[test]
fn awaiting_reply_counts_and_longest() {
    let mut rows = vec![
        conv("d", Channel::Email, ConversationStatus::InProgress, 0),
        conv("d", Channel::Email, ConversationStatus::InProgress, 0),
        conv("d", Channel::Email, ConversationStatus::InProgress, 0),
    ];
    rows[0].last_message = last_message(Author::Customer, 40);
    rows[1].last_message = last_message(Author::Customer, 70);
    rows[2].last_message = last_message(Author::Agent, 10);
    let stats = WaitStats::from_rows(&rows, &all(&rows), &WaitThresholds::default());
    let total = stats.total_at(at(100));
    assert_eq!(total.awaiting_reply, 2);
    assert_eq!(total.longest_awaiting, Some(Duration::seconds(60)));
}

#[test]
fn only_the_rows_in_view_count_and_empty_groups_say_none() {
    let rows = vec![
        conv("a", Channel::Sms, ConversationStatus::Queued, 0),
        conv("b", Channel::Sms, ConversationStatus::Queued, 0),
    ];
    let stats = WaitStats::from_rows(&rows, &[1, 7], &WaitThresholds::default());
    assert_eq!(stats.total_at(at(1)).conversations, 1);
    assert_eq!(stats.departments_at(at(1)).len(), 1);
    let empty = WaitStats::from_rows(&rows, &[], &WaitThresholds::default());
    assert_eq!(empty.total_at(at(1)), WaitNumbers::default());
}

#[test]
fn a_clock_behind_the_data_counts_no_wait() {
    let rows = vec![conv("a", Channel::Sms, ConversationStatus::Queued, 100)];
    let stats = WaitStats::from_rows(&rows, &all(&rows), &WaitThresholds::default());
    assert_eq!(stats.total_at(at(50)).longest_wait, Some(Duration::zero()));
}
