//! Timer text: how long a conversation or agent has been in its state.

use std::fmt::Write;

use chrono::Duration;

const MINUTE: i64 = 60;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

/// Formats a duration for a timer cell: `"m:ss"` under an hour (`"0:05"`,
/// `"12:34"`), `"h:mm:ss"` under a day (`"1:02:03"`) and `"Nd hh:mm:ss"`
/// beyond (`"2d 03:04:05"`). Sub-second parts are dropped, so the text only
/// changes on whole seconds. A negative duration (the browser's clock ahead
/// of the server's, or a timestamp a little in the future) shows `"0:00"`
/// rather than a confusing minus sign.
pub fn format_elapsed(d: Duration) -> String {
    // `num_seconds` truncates toward zero, so -0.5 s is 0 and shows "0:00" too.
    let total = d.num_seconds().max(0);
    let (days, rest) = (total / DAY, total % DAY);
    let (hours, rest) = (rest / HOUR, rest % HOUR);
    let (minutes, seconds) = (rest / MINUTE, rest % MINUTE);
    let mut out = String::with_capacity(12);
    // Writing into a String cannot fail; the results are ignored on purpose.
    let _ = if days > 0 {
        write!(out, "{days}d {hours:02}:{minutes:02}:{seconds:02}")
    } else if hours > 0 {
        write!(out, "{hours}:{minutes:02}:{seconds:02}")
    } else {
        write!(out, "{minutes}:{seconds:02}")
    };
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: i64) -> Duration {
        Duration::seconds(s)
    }

    #[test]
    fn under_a_minute_shows_zero_minutes_and_padded_seconds() {
        assert_eq!(format_elapsed(secs(0)), "0:00");
        assert_eq!(format_elapsed(secs(5)), "0:05");
        assert_eq!(format_elapsed(secs(59)), "0:59");
    }

    #[test]
    fn under_an_hour_shows_unpadded_minutes() {
        assert_eq!(format_elapsed(secs(60)), "1:00");
        assert_eq!(format_elapsed(secs(12 * 60 + 34)), "12:34");
        assert_eq!(format_elapsed(secs(HOUR - 1)), "59:59");
    }

    #[test]
    fn under_a_day_shows_hours_with_padded_minutes() {
        assert_eq!(format_elapsed(secs(HOUR)), "1:00:00");
        assert_eq!(format_elapsed(secs(HOUR + 2 * 60 + 3)), "1:02:03");
        assert_eq!(format_elapsed(secs(DAY - 1)), "23:59:59");
    }

    #[test]
    fn a_day_or_more_shows_days_and_padded_hours() {
        assert_eq!(format_elapsed(secs(DAY)), "1d 00:00:00");
        assert_eq!(
            format_elapsed(secs(2 * DAY + 3 * HOUR + 4 * 60 + 5)),
            "2d 03:04:05"
        );
        assert_eq!(format_elapsed(secs(123 * DAY)), "123d 00:00:00");
    }

    #[test]
    fn fractions_of_a_second_are_dropped() {
        assert_eq!(format_elapsed(Duration::milliseconds(5_999)), "0:05");
    }

    #[test]
    fn negative_durations_from_clock_skew_show_zero() {
        assert_eq!(format_elapsed(secs(-1)), "0:00");
        assert_eq!(format_elapsed(Duration::milliseconds(-400)), "0:00");
        assert_eq!(format_elapsed(Duration::MIN), "0:00");
    }

    #[test]
    fn the_largest_duration_formats_without_overflow() {
        // Duration::MAX is i64::MAX milliseconds.
        assert_eq!(format_elapsed(Duration::MAX), "106751991167d 07:12:55");
    }
}
