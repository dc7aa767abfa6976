//! The service indicators beside the live counts: service level,
//! abandonment, speed of answer, handled and handle time for the day and
//! the last 30 minutes, and the last hour's trends with their
//! sparklines. The figures are polled (`state::service_figures`); this
//! only lays them out. Averages and trends are shown only when the
//! profile may see them (the backend sends averages as null otherwise).

use leptos::prelude::*;
use monitor_core::chart::{percent, seconds, Trend};
use monitor_core::kpi::{Figures, IndicatorsSnapshot, TrendPoint};

use super::trend_chart::{trend_name, trend_value, Sparkline};
use crate::i18n::{fill, format_count, tr, use_locale, use_texts, Locale, Texts};
use crate::state::clock::use_clock;
use crate::state::service_figures::ServiceFigures;
use crate::state::timing::time_of_day;

/// Which window of the indicators a group shows.
#[derive(Clone, Copy)]
enum Span {
    Day,
    Recent,
}

/// One figure of a window: its name and its text.
type Entry = (fn(&Texts) -> &'static str, fn(&Figures, Locale) -> String);

/// Everyone's figures, then the averages.
const MAIN: [Entry; 3] = [
    (|t| t.kpi_service_level, |f, _| percent(f.service_level)),
    (|t| t.kpi_abandonment, |f, _| percent(f.abandonment_rate)),
    (
        |t| t.kpi_handled,
        |f, l| format_count(f.handled as usize, l),
    ),
];
/// Occupancy is not among them: it is a figure of now, not of a window,
/// and the live cards already show it from the stream, fresher than a poll.
const AVERAGES: [Entry; 2] = [
    (
        |t| t.kpi_speed_of_answer,
        |f, _| seconds(f.average_speed_of_answer_secs),
    ),
    (|t| t.kpi_handle_time, |f, _| seconds(f.average_handle_secs)),
];

/// One labelled figure; the card's accessible name is its label.
#[component]
fn FigureCard(
    #[prop(into)] label: Signal<&'static str>,
    #[prop(into)] value: Signal<String>,
    /// A sparkline under the value.
    #[prop(optional)]
    children: Option<Children>,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    view! {
        <div class=format!("kpi {class}") role="group" aria-label=move || label.get()>
            <span class="kpi__label" aria-hidden="true">{move || label.get()}</span>
            <span class="kpi__value">{move || value.get()}</span>
            {children.map(|c| c())}
        </div>
    }
}

/// One window's cards.
fn window_group(
    indicators: RwSignal<Option<IndicatorsSnapshot>>,
    span: Span,
    averages: bool,
) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let title = move || match span {
        Span::Day => t.get().kpi_today,
        Span::Recent => t.get().kpi_last_30_minutes,
    };
    let entries = MAIN
        .iter()
        .chain(averages.then_some(&AVERAGES).into_iter().flatten())
        .copied();
    let cards = entries
        .map(|(label, text)| {
            let value = Memo::new(move |_| {
                indicators.with(|i| match i {
                    Some(i) => {
                        let window = match span {
                            Span::Day => &i.day,
                            Span::Recent => &i.last_30_minutes,
                        };
                        text(&window.overall, locale.get())
                    }
                    None => "—".to_owned(),
                })
            });
            view! { <FigureCard label=Signal::derive(move || label(t.get())) value /> }
        })
        .collect_view();
    view! {
        <div class="service__group" role="group" aria-label=title>
            <h3 class="service__window" aria-hidden="true">{title}</h3>
            {cards}
        </div>
    }
}

/// The trends' cards: each trend's latest value over its sparkline.
fn trends_group(points: Signal<Vec<TrendPoint>>) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let cards = Trend::ALL
        .into_iter()
        .map(|trend| {
            let value = Memo::new(move |_| {
                points.with(|p| {
                    let last = trend.series(p).last().copied().flatten();
                    trend_value(trend, last, locale.get())
                })
            });
            view! {
                <FigureCard label=Signal::derive(move || trend_name(t.get(), trend)) value class="kpi--trend">
                    <Sparkline points trend />
                </FigureCard>
            }
        })
        .collect_view();
    view! {
        <div class="service__group" role="group" aria-label=tr(t, |t| t.kpi_last_hour_trend)>
            <h3 class="service__window" aria-hidden="true">{tr(t, |t| t.kpi_last_hour_trend)}</h3>
            {cards}
        </div>
    }
}

/// The service indicators region.
#[component]
pub fn ServiceCards(
    /// The polled figures.
    figures: ServiceFigures,
    /// Whether the averages are shown (by permission).
    averages: bool,
    /// Whether the trends are shown (by permission).
    trends: bool,
) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let local = use_clock().local_ms();
    let stale = Memo::new(move |_| figures.stale_at(local.get()));
    let points = Signal::derive(move || {
        figures
            .trends
            .with(|s| s.as_ref().map(|s| s.points.clone()).unwrap_or_default())
    });
    let failure = move || {
        figures.error.with(|e| {
            e.as_ref()
                .map(|e| format!("{} {}", t.get().figures_failed, e.message(t.get())))
        })
    };
    let stale_text = move || {
        let at = figures.fetched_at.get().unwrap_or_default();
        fill(
            t.get().figures_stale,
            &[("time", &time_of_day(at, locale.get().as_str()))],
        )
    };
    view! {
        <section
            class="service"
            class:service--stale=move || stale.get()
            aria-label=tr(t, |t| t.service_indicators)
        >
            {move || failure().map(|text| view! { <p class="service__notice" role="alert">{text}</p> })}
            <Show when=move || stale.get()>
                <p class="service__notice" role="status">{stale_text}</p>
            </Show>
            {window_group(figures.indicators, Span::Day, averages)}
            {window_group(figures.indicators, Span::Recent, averages)}
            {trends.then(|| trends_group(points))}
        </section>
    }
}
