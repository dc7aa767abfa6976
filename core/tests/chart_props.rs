//! The charts' geometry: the path read back gives the values it was
//! drawn from, inside the box, broken where values are missing; the text
//! alternative's numbers are the series' own.

use monitor_core::chart::{line_path, percent, seconds, summary, Scale, Trend};
use monitor_core::kpi::TrendPoint;
use proptest::prelude::*;

/// The path's commands as (command, x, y); `l0 0` dots as ('l', 0, 0).
fn read(path: &str) -> Vec<(char, f64, f64)> {
    let mut out = Vec::new();
    let mut tokens = path.split_whitespace();
    while let Some(t) = tokens.next() {
        let (command, x) = t.split_at(1);
        let y = tokens.next().expect("a y for every x");
        out.push((
            command.chars().next().unwrap(),
            x.parse().unwrap(),
            y.parse().unwrap(),
        ));
    }
    out
}

fn values() -> impl Strategy<Value = Vec<Option<f64>>> {
    prop::collection::vec(prop::option::weighted(0.8, 0.0f64..500.0), 0..70)
}

proptest! {
    #[test]
    fn the_path_reads_back_as_the_present_values_inside_the_box(
        values in values(),
        width in 10.0f64..800.0,
        height in 10.0f64..300.0,
    ) {
        let scale = Scale::from_zero(&values, 5.0);
        let path = line_path(&values, scale, width, height);
        let drawn: Vec<(char, f64, f64)> =
            read(&path).into_iter().filter(|(c, _, _)| *c != 'l').collect();
        let present: Vec<(usize, f64)> = values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| (i, v)))
            .collect();
        prop_assert_eq!(drawn.len(), present.len());
        let step = if values.len() > 1 { width / (values.len() - 1) as f64 } else { 0.0 };
        for ((_, x, y), (i, v)) in drawn.iter().zip(&present) {
            prop_assert!((0.0..=width + 0.05).contains(x));
            prop_assert!((0.0..=height + 0.05).contains(y));
            prop_assert!((x - step * *i as f64).abs() <= 0.051);
            // Back from pixels to the value, within the rounding.
            let back = scale.max - y / height * (scale.max - scale.min);
            let pixel = (scale.max - scale.min) / height;
            prop_assert!((back - v).abs() <= pixel * 0.051 + 1e-9, "{} vs {}", back, v);
        }
        // A new line starts after each gap, and only there.
        let moves = drawn.iter().filter(|(c, _, _)| *c == 'M').count();
        let runs = values
            .iter()
            .enumerate()
            .filter(|(i, v)| v.is_some() && (*i == 0 || values[i - 1].is_none()))
            .count();
        prop_assert_eq!(moves, runs);
    }

    #[test]
    fn the_summary_is_first_last_min_and_max_of_the_present_values(values in values()) {
        let present: Vec<f64> = values.iter().flatten().copied().collect();
        match summary(&values) {
            None => prop_assert!(present.is_empty()),
            Some(s) => {
                prop_assert_eq!(s.first, present[0]);
                prop_assert_eq!(s.last, *present.last().unwrap());
                prop_assert_eq!(s.min, present.iter().copied().fold(f64::INFINITY, f64::min));
                prop_assert_eq!(s.max, present.iter().copied().fold(f64::NEG_INFINITY, f64::max));
            }
        }
    }

    #[test]
    fn the_scale_holds_every_value_and_starts_at_zero(values in values(), least in 0.0f64..100.0) {
        let s = Scale::from_zero(&values, least);
        prop_assert_eq!(s.min, 0.0);
        prop_assert!(s.max >= least);
        prop_assert!(values.iter().flatten().all(|v| *v <= s.max));
    }
}

#[test]
fn the_largest_value_is_at_the_top_and_zero_at_the_bottom() {
    let path = line_path(
        &[Some(0.0), Some(10.0)],
        Scale::from_zero(&[], 10.0),
        100.0,
        40.0,
    );
    assert_eq!(path, "M0 40 L100 0");
}

#[test]
fn a_value_alone_between_gaps_is_a_dot() {
    let path = line_path(&[None, Some(0.5), None], Scale::SHARE, 100.0, 10.0);
    assert_eq!(path, "M50 5 l0 0");
    assert_eq!(line_path(&[None, None], Scale::SHARE, 100.0, 10.0), "");
}

#[test]
fn shares_outside_zero_to_one_stay_in_the_box() {
    let path = line_path(&[Some(-1.0), Some(2.0)], Scale::SHARE, 10.0, 10.0);
    assert_eq!(path, "M0 10 L10 0");
}

#[test]
fn each_trend_takes_its_values_from_the_points() {
    let point = |queued, wait, level| TrendPoint {
        at: chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap(),
        queued,
        longest_wait_secs: wait,
        service_level: level,
    };
    let points = [point(0, None, None), point(3, Some(95.5), Some(0.8))];
    assert_eq!(Trend::Queue.series(&points), [Some(0.0), Some(3.0)]);
    // Nobody waiting is no wait; no wait ended is no service level.
    assert_eq!(Trend::LongestWait.series(&points), [Some(0.0), Some(95.5)]);
    assert_eq!(Trend::ServiceLevel.series(&points), [None, Some(0.8)]);
    assert_eq!(Trend::ServiceLevel.scale(&[]), Scale::SHARE);
    assert_eq!(Trend::LongestWait.scale(&[Some(10.0)]).max, 60.0);
}

#[test]
fn figures_read_as_percentages_and_timer_text() {
    assert_eq!(percent(Some(0.874)), "87%");
    assert_eq!(percent(None), "—");
    assert_eq!(seconds(Some(65.4)), "1:05");
    assert_eq!(seconds(None), "—");
}

proptest! {
    /// Figures come from the backend: whatever number it sends, the text
    /// is made without a panic (one would end the app).
    #[test]
    fn any_number_reads_without_a_panic(x in any::<f64>()) {
        let _ = seconds(Some(x));
        let _ = percent(Some(x));
        let values = [Some(x), Some(1.0)];
        let _ = line_path(&values, Scale::from_zero(&values, 5.0), 100.0, 20.0);
    }
}
