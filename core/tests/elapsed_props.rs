//! Properties of the timer text.

use chrono::Duration;
use monitor_core::format_elapsed;
use proptest::prelude::*;

/// Reads a timer text back into seconds, checking its shape on the way:
/// "m:ss", "h:mm:ss" or "Nd hh:mm:ss", with padded fields below 60 / 24.
fn parse_seconds(text: &str) -> Option<i64> {
    let (days, clock) = match text.split_once("d ") {
        Some((d, rest)) => (Some(d.parse::<i64>().ok()?), rest),
        None => (None, text),
    };
    let fields: Vec<&str> = clock.split(':').collect();
    let number = |s: &str, padded: bool, limit: i64| {
        let n = s.parse::<i64>().ok().filter(|n| (0..limit).contains(n))?;
        (!padded || s.len() == 2).then_some(n)
    };
    let (h, m, s) = match (days, fields.as_slice()) {
        (Some(_), [h, m, s]) => (
            number(h, true, 24)?,
            number(m, true, 60)?,
            number(s, true, 60)?,
        ),
        (None, [h, m, s]) => (
            number(h, false, 24)?,
            number(m, true, 60)?,
            number(s, true, 60)?,
        ),
        (None, [m, s]) => (0, number(m, false, 60)?, number(s, true, 60)?),
        _ => return None,
    };
    Some(days.unwrap_or(0) * 86_400 + h * 3_600 + m * 60 + s)
}

proptest! {
    #[test]
    fn any_milliseconds_format_into_a_well_formed_text(ms in any::<i64>()) {
        // chrono cannot hold i64::MIN milliseconds; every other value is valid.
        if let Some(d) = Duration::try_milliseconds(ms) {
            let text = format_elapsed(d);
            prop_assert_eq!(parse_seconds(&text), Some((ms / 1_000).max(0)), "{}", text);
        }
    }

    #[test]
    fn a_longer_duration_never_reads_as_fewer_seconds(a in 0..i64::MAX, b in 0..i64::MAX) {
        let (short, long) = (a.min(b), a.max(b));
        let read = |ms| parse_seconds(&format_elapsed(Duration::milliseconds(ms)));
        prop_assert!(read(short) <= read(long));
    }

    #[test]
    fn durations_around_the_unit_boundaries_read_back_exactly(
        base in prop::sample::select(vec![0i64, 60, 3_600, 86_400, 10 * 86_400]),
        delta in -2i64..=2,
    ) {
        let seconds = base + delta;
        let text = format_elapsed(Duration::seconds(seconds));
        prop_assert_eq!(parse_seconds(&text), Some(seconds.max(0)), "{}", text);
    }
}
