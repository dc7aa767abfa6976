//! Which rows of a virtualized table are in the DOM.
//!
//! Tables render only the rows in view plus a small overscan, so the DOM and
//! the per-tick work stay the same size whether there are 100 or 50,000 rows.

use std::ops::Range;

/// The rows to render for a scroll position: those intersecting the viewport,
/// widened by `overscan` rows on each side, clamped to `0..total`.
pub fn visible_rows(
    scroll_top: f64,
    viewport_height: f64,
    row_height: f64,
    total: usize,
    overscan: usize,
) -> Range<usize> {
    // Also rejects NaN, which compares false with everything.
    if total == 0 || row_height.is_nan() || row_height <= 0.0 {
        return 0..0;
    }
    let top = if scroll_top.is_finite() {
        scroll_top.max(0.0)
    } else {
        0.0
    };
    let height = if viewport_height.is_finite() {
        viewport_height.max(0.0)
    } else {
        0.0
    };
    // `as usize` saturates on huge floats, so no overflow here.
    let first = (top / row_height).floor() as usize;
    let last = ((top + height) / row_height).ceil() as usize;
    let start = first.saturating_sub(overscan).min(total);
    let end = last.saturating_add(overscan).min(total).max(start);
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn top_of_a_long_list_renders_the_viewport_plus_overscan_below() {
        assert_eq!(visible_rows(0.0, 400.0, 40.0, 50_000, 5), 0..15);
    }

    #[test]
    fn scrolled_list_renders_overscan_on_both_sides() {
        assert_eq!(visible_rows(4000.0, 400.0, 40.0, 50_000, 5), 95..115);
    }

    #[test]
    fn end_of_the_list_is_clamped() {
        assert_eq!(visible_rows(1e9, 400.0, 40.0, 30, 5), 30..30);
        assert_eq!(visible_rows(1000.0, 400.0, 40.0, 30, 5), 20..30);
    }

    #[test]
    fn empty_or_degenerate_inputs_render_nothing_and_never_panic() {
        assert_eq!(visible_rows(0.0, 400.0, 40.0, 0, 5), 0..0);
        assert_eq!(visible_rows(0.0, 400.0, 0.0, 10, 5), 0..0);
        assert_eq!(visible_rows(f64::NAN, f64::INFINITY, 40.0, 10, 5), 0..5);
    }

    proptest! {
        #[test]
        fn rendered_rows_stay_bounded_by_the_viewport_not_the_data(
            top in 0.0f64..1e7, height in 0.0f64..2000.0, total in 0usize..100_000, overscan in 0usize..20
        ) {
            let r = visible_rows(top, height, 40.0, total, overscan);
            prop_assert!(r.start <= r.end && r.end <= total);
            prop_assert!(r.len() <= (height / 40.0).ceil() as usize + 1 + 2 * overscan);
        }
    }
}
