//! The last hour as a line: a sparkline on an indicator card, or a larger
//! chart on the wallboard. Inline SVG drawn in `currentColor`, so it
//! follows the theme's text colour; the geometry comes from
//! `monitor_core::chart`. The SVG is an image whose accessible name says
//! the numbers (first, now, lowest, highest): a screen reader hears what
//! the eye sees.

use leptos::prelude::*;
use monitor_core::chart::{line_path, percent, seconds, summary, Trend};
use monitor_core::kpi::TrendPoint;

use crate::i18n::{fill, format_count, tr, use_locale, use_texts, Locale, Texts};

/// The trend's name, as its card and chart are labelled.
pub fn trend_name(t: &Texts, trend: Trend) -> &'static str {
    match trend {
        Trend::Queue => t.status_queued,
        Trend::LongestWait => t.kpi_longest_wait,
        Trend::ServiceLevel => t.kpi_service_level,
    }
}

/// One of the trend's values as text, the way its card shows it.
pub fn trend_value(trend: Trend, v: Option<f64>, locale: Locale) -> String {
    match trend {
        Trend::Queue => v.map_or_else(
            || "—".to_owned(),
            |n| format_count(n.max(0.0).round() as usize, locale),
        ),
        Trend::LongestWait => seconds(v),
        Trend::ServiceLevel => percent(v),
    }
}

/// The text alternative of a trend's chart.
fn trend_label(t: &Texts, trend: Trend, values: &[Option<f64>], locale: Locale) -> String {
    let name = trend_name(t, trend);
    match summary(values) {
        None => fill(t.trend_no_data, &[("name", name)]),
        Some(s) => {
            let v = |x: f64| trend_value(trend, Some(x), locale);
            fill(
                t.trend_summary,
                &[
                    ("name", name),
                    ("first", &v(s.first)),
                    ("last", &v(s.last)),
                    ("min", &v(s.min)),
                    ("max", &v(s.max)),
                ],
            )
        }
    }
}

/// A drawn trend: its path in a `width` × `height` box, and its label.
fn drawn(
    points: Signal<Vec<TrendPoint>>,
    trend: Trend,
    width: f64,
    height: f64,
) -> (Memo<String>, Signal<String>) {
    let t = use_texts();
    let locale = use_locale();
    let values = Memo::new(move |_| points.with(|p| trend.series(p)));
    let path = Memo::new(move |_| values.with(|v| line_path(v, trend.scale(v), width, height)));
    let label =
        Signal::derive(move || values.with(|v| trend_label(t.get(), trend, v, locale.get())));
    (path, label)
}

/// A small line of the last hour, for an indicator card.
#[component]
pub fn Sparkline(
    /// The last hour, oldest point first.
    #[prop(into)]
    points: Signal<Vec<TrendPoint>>,
    /// Which of its values to draw.
    trend: Trend,
) -> impl IntoView {
    let (path, label) = drawn(points, trend, 120.0, 28.0);
    view! {
        <svg
            class=format!("sparkline sparkline--{}", trend.as_str())
            viewBox="-2 -2 124 32"
            preserveAspectRatio="none"
            role="img"
            aria-label=move || label.get()
        >
            <path class="sparkline__line" d=move || path.get() />
        </svg>
    }
}

const CHART_W: f64 = 600.0;
const CHART_H: f64 = 160.0;

/// A larger chart of the last hour, for the wallboard: the line over a
/// baseline, the scale's top value and the hour's two ends written beside
/// it (hidden from screen readers: the image's label says it all).
#[component]
pub fn TrendChart(
    /// The last hour, oldest point first.
    #[prop(into)]
    points: Signal<Vec<TrendPoint>>,
    /// Which of its values to draw.
    trend: Trend,
) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let (path, label) = drawn(points, trend, CHART_W, CHART_H);
    let top = Memo::new(move |_| {
        let values = points.with(|p| trend.series(p));
        trend_value(trend, Some(trend.scale(&values).max), locale.get())
    });
    let baseline = format!("M0 {CHART_H} H{CHART_W}");
    view! {
        <figure class=format!("trend-chart trend-chart--{}", trend.as_str())>
            <figcaption class="trend-chart__name">{move || trend_name(t.get(), trend)}</figcaption>
            <div class="trend-chart__plot">
                <span class="trend-chart__top" aria-hidden="true">{move || top.get()}</span>
                <svg
                    class="trend-chart__svg"
                    viewBox=format!("-4 -4 {} {}", CHART_W + 8.0, CHART_H + 8.0)
                    preserveAspectRatio="none"
                    role="img"
                    aria-label=move || label.get()
                >
                    <path class="trend-chart__axis" d=baseline />
                    <path class="trend-chart__line" d=move || path.get() />
                </svg>
                <span class="trend-chart__ends" aria-hidden="true">
                    <span>{tr(t, |t| t.chart_hour_ago)}</span>
                    <span>{tr(t, |t| t.chart_now)}</span>
                </span>
            </div>
        </figure>
    }
}
