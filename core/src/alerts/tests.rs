use super::*;
use crate::test_support::{at, conversation};

fn queued(id: &str, since: i64) -> Conversation {
    let mut c = conversation(id);
    (c.created_at, c.status_since) = (at(since), at(since));
    c
}

fn critical_only() -> AlertSettings {
    AlertSettings {
        critical: true,
        ..AlertSettings::default()
    }
}

fn ids(alerts: &[Alert]) -> Vec<&str> {
    alerts
        .iter()
        .filter_map(|a| match a {
            Alert::Critical { id, .. } => Some(id.as_str()),
            Alert::Queue { .. } => None,
        })
        .collect()
}

#[test]
fn a_crossing_alerts_once_and_what_was_critical_before_is_known() {
    let t = WaitThresholds::default(); // queue critical at 300 s
    let settings = critical_only();
    let mut tracker = AlertTracker::default();
    let board = vec![queued("old", -1000), queued("new", 0)];
    // Switching on: "old" is already critical, so it is known, not alerted.
    assert!(tracker.check(&board, &t, &settings, at(10)).is_empty());
    // "new" crosses at 300 s: one alert, with its wait.
    let alerts = tracker.check(&board, &t, &settings, at(301));
    assert_eq!(ids(&alerts), ["new"]);
    assert!(
        matches!(&alerts[0], Alert::Critical { waited, .. } if *waited == Duration::seconds(301))
    );
    // Never again while it stays.
    assert!(tracker.check(&board, &t, &settings, at(302)).is_empty());
    assert!(tracker.check(&board, &t, &settings, at(5000)).is_empty());
}

#[test]
fn once_per_conversation_even_if_it_drops_below_and_crosses_again() {
    let t = WaitThresholds::default();
    let settings = critical_only();
    let mut tracker = AlertTracker::default();
    let mut board = vec![queued("c", 0)];
    tracker.check(&board, &t, &settings, at(0));
    assert_eq!(ids(&tracker.check(&board, &t, &settings, at(300))), ["c"]);
    // Picked up and queued again: its wait restarts, and passes 300 s again.
    board[0].status_since = at(400);
    assert!(tracker.check(&board, &t, &settings, at(401)).is_empty());
    assert!(tracker.check(&board, &t, &settings, at(800)).is_empty());
}

#[test]
fn memory_is_bounded_by_the_board() {
    let t = WaitThresholds::default();
    let settings = critical_only();
    let mut tracker = AlertTracker::default();
    tracker.check(&[], &t, &settings, at(0));
    let board: Vec<_> = (0..100).map(|i| queued(&format!("c{i}"), 0)).collect();
    assert_eq!(tracker.check(&board, &t, &settings, at(300)).len(), 100);
    tracker.check(&board[..10], &t, &settings, at(301));
    assert_eq!(tracker.known.len(), 10);
}

#[test]
fn switched_off_nothing_alerts_and_on_again_takes_the_present_as_known() {
    let t = WaitThresholds::default();
    let mut tracker = AlertTracker::default();
    let board = vec![queued("c", 0)];
    let off = AlertSettings::default();
    assert!(tracker.check(&board, &t, &off, at(1000)).is_empty());
    assert!(tracker
        .check(&board, &t, &critical_only(), at(1001))
        .is_empty());
}

#[test]
fn the_queue_alerts_when_it_reaches_the_size_and_rearms_below_it() {
    let t = WaitThresholds::default();
    let settings = AlertSettings {
        queue_size: Some(3),
        ..AlertSettings::default()
    };
    let mut tracker = AlertTracker::default();
    let two: Vec<_> = (0..2).map(|i| queued(&format!("c{i}"), 0)).collect();
    let three: Vec<_> = (0..3).map(|i| queued(&format!("c{i}"), 0)).collect();
    assert!(tracker.check(&two, &t, &settings, at(0)).is_empty());
    assert_eq!(
        tracker.check(&three, &t, &settings, at(1)),
        [Alert::Queue {
            queued: 3,
            limit: 3
        }]
    );
    assert!(tracker.check(&three, &t, &settings, at(2)).is_empty());
    assert!(tracker.check(&two, &t, &settings, at(3)).is_empty());
    assert_eq!(tracker.check(&three, &t, &settings, at(4)).len(), 1);
    // A new size takes the queue as it is.
    let four = AlertSettings {
        queue_size: Some(2),
        ..settings
    };
    assert!(tracker.check(&three, &t, &four, at(5)).is_empty());
}

#[test]
fn settings_survive_storage_and_fill_in_defaults() {
    let s: AlertSettings = serde_json::from_str(r#"{"critical": true}"#).unwrap();
    assert!(s.critical && s.sound && s.notify && s.mute_while_focused);
    assert!(s.any());
    assert!(!AlertSettings::default().any());
}
