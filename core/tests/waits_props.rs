//! The wait indicators equal a direct count over the rows with the level
//! of each one, at any instant and for any limits.

mod common;

use chrono::{DateTime, Duration};
use common::conv;
use monitor_core::indicators::waits::WaitStats;
use monitor_core::thresholds::{DepartmentLimits, Limits, WaitLevel, WaitThresholds};
use monitor_core::wire::{Conversation, Timestamp};
use monitor_core::ConversationStatus;
use proptest::prelude::*;
use proptest::sample::select;

fn instant() -> impl Strategy<Value = Timestamp> {
    (-7_200_000i64..7_200_000).prop_map(|ms| {
        DateTime::from_timestamp(1_790_000_000, 0).unwrap_or_default() + Duration::milliseconds(ms)
    })
}

fn limits() -> impl Strategy<Value = Limits> {
    (0u64..3_000, 0u64..3_000).prop_map(|(a, b)| Limits {
        warning_secs: a.min(b),
        critical_secs: a.max(b),
    })
}

fn thresholds() -> impl Strategy<Value = WaitThresholds> {
    (limits(), limits(), proptest::option::of(limits())).prop_map(|(queue, status, d2)| {
        let mut t = WaitThresholds {
            queue,
            status,
            ..WaitThresholds::default()
        };
        t.departments.insert(
            "d2".into(),
            DepartmentLimits {
                queue: d2,
                status: None,
            },
        );
        t
    })
}

fn conversation() -> impl Strategy<Value = Conversation> {
    (
        select(vec![
            ConversationStatus::Queued,
            ConversationStatus::InProgress,
            ConversationStatus::Pending,
            ConversationStatus::Finished,
        ]),
        select(vec!["d1", "d2", "d3"]),
        instant(),
    )
        .prop_map(|(status, department, since)| {
            let mut c = conv("c");
            c.status = status;
            c.department.id = department.into();
            c.status_since = since;
            c
        })
}

proptest! {
    #[test]
    fn counts_match_each_rows_level(
        rows in proptest::collection::vec(conversation(), 0..60),
        thresholds in thresholds(),
        now in instant(),
    ) {
        let all: Vec<usize> = (0..rows.len()).collect();
        let stats = WaitStats::from_rows(&rows, &all, &thresholds);
        let total = stats.total_at(now);
        let level_count = |level| rows.iter().filter(|c| thresholds.level(c, now) == level).count();
        prop_assert_eq!(total.critical, level_count(WaitLevel::Critical));
        prop_assert_eq!(total.warning, level_count(WaitLevel::Warning));
        let longest = rows
            .iter()
            .filter(|c| c.status == ConversationStatus::Queued)
            .map(|c| (now - c.status_since).max(Duration::zero()))
            .max();
        prop_assert_eq!(total.longest_wait, longest);
        let by_department: usize = stats.departments_at(now).iter().map(|(_, n)| n.critical).sum();
        let by_channel: usize = stats.channels_at(now).iter().map(|(_, n)| n.critical).sum();
        prop_assert_eq!(by_department, total.critical);
        prop_assert_eq!(by_channel, total.critical);
    }
}
