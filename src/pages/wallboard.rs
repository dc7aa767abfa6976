//! The wallboard: large indicator tiles for a screen on the wall, readable
//! from across the room, with no controls. It shows the whole operation,
//! every department and channel, and rotates a spotlight through the
//! departments. It reads the same live board as the monitor and keeps
//! nothing that grows, so it can run for days without a reload.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use monitor_core::agent_query::AgentQuery;
use monitor_core::chart::{percent, Trend};
use monitor_core::elapsed::format_elapsed;
use monitor_core::indicators::waits::WaitNumbers;
use monitor_core::query::ConversationQuery;

use crate::components::feed_status::{ConnectionIndicator, StaleDataBanner};
use crate::components::trend_chart::TrendChart;
use crate::i18n::{format_count, tr, use_locale, use_texts, Locale, Texts};
use crate::state::clock::use_clock;
use crate::state::service_figures::poll_service_figures;
use crate::state::views::{open_rows, AgentRows, ConversationRows};

/// Seconds each department stays in the spotlight, unless `?rotate=` says.
const DEFAULT_ROTATE_SECS: i64 = 12;

const NOTHING: &str = "—";

/// One big number with its label; `level` tints it (and says so in text).
#[component]
fn Tile(
    #[prop(into)] label: Signal<&'static str>,
    #[prop(into)] value: Signal<String>,
    #[prop(optional, into)] alarm: Signal<bool>,
) -> impl IntoView {
    view! {
        <div class="tile" class:tile--alarm=move || alarm.get() role="group" aria-label=move || label.get()>
            <span class="tile__value">{move || value.get()}</span>
            <span class="tile__label" aria-hidden="true">{move || label.get()}</span>
        </div>
    }
}

fn time(d: Option<chrono::Duration>) -> String {
    d.map(format_elapsed).unwrap_or_else(|| NOTHING.to_owned())
}

/// A group's line of numbers, for the department and channel cards.
fn group_numbers(n: &WaitNumbers, t: &Texts, locale: Locale) -> Vec<(&'static str, String)> {
    vec![
        (t.status_queued, format_count(n.queued, locale)),
        (t.kpi_longest_wait, time(n.longest_wait)),
        (t.kpi_over_limit, format_count(n.critical, locale)),
        (t.kpi_awaiting, format_count(n.awaiting_reply, locale)),
    ]
}

/// A department's or channel's card.
fn group_card(
    name: String,
    n: WaitNumbers,
    t: &'static Texts,
    locale: Locale,
    spotlight: bool,
) -> impl IntoView {
    let alarm = n.critical > 0;
    let label = name.clone();
    view! {
        <article class="wall-card" class:wall-card--alarm=alarm class:wall-card--spotlight=spotlight aria-label=label>
            <h3 class="wall-card__name">
                {alarm.then(|| view! { <span class="wall-card__mark" aria-hidden="true">"⬢ "</span> })}
                {name}
            </h3>
            <dl class="wall-card__numbers">
                {group_numbers(&n, t, locale).into_iter().map(|(label, value)| view! {
                    <div><dt>{label}</dt><dd>{value}</dd></div>
                }).collect_view()}
            </dl>
        </article>
    }
}

#[component]
pub fn WallboardPage(
    /// Whether the profile sees agents (their tile).
    agents: bool,
    /// Whether the profile sees the last hour's trends (their charts).
    trends: bool,
) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let now = use_clock().now();
    let params = use_query_map();
    let rotate_secs = Memo::new(move |_| {
        params
            .with(|p| p.get("rotate"))
            .and_then(|r| r.parse::<i64>().ok())
            .filter(|s| (2..=3600).contains(s))
            .unwrap_or(DEFAULT_ROTATE_SECS)
    });
    // The whole board: the wallboard has no filters.
    let conversations: ConversationRows = open_rows(Signal::stored(ConversationQuery::default()));
    let agent_rows: AgentRows = open_rows(Signal::stored(AgentQuery::default()));
    let in_progress = Memo::new(move |_| conversations.figures(|f| f.in_progress()).unwrap_or(0));
    let online = Memo::new(move |_| agent_rows.indicators().online);
    let total = Memo::new(move |_| {
        let now = now.get();
        conversations
            .figures(|f| f.waits_at(now))
            .unwrap_or_default()
    });
    let count = move |f: fn(&WaitNumbers) -> usize| {
        Signal::derive(move || total.with(|n| format_count(f(n), locale.get())))
    };
    let departments = Memo::new(move |_| {
        let now = now.get();
        conversations
            .figures(|f| f.departments_at(now))
            .unwrap_or_default()
    });
    let channels = Memo::new(move |_| {
        let now = now.get();
        conversations
            .figures(|f| f.channels_at(now))
            .unwrap_or_default()
    });
    // The spotlight moves with the shared clock: no timer of its own.
    let spotlight = Memo::new(move |_| {
        let n = departments.with(Vec::len) as i64;
        (n > 0).then(|| (now.get().timestamp() / rotate_secs.get()).rem_euclid(n) as usize)
    });
    // The service level is polled, with the trends (not on the stream).
    let figures = poll_service_figures(trends);
    let service_level = Signal::derive(move || {
        figures.indicators.with(|i| {
            percent(
                i.as_ref()
                    .and_then(|i| i.last_30_minutes.overall.service_level),
            )
        })
    });
    let points = Signal::derive(move || {
        figures
            .trends
            .with(|s| s.as_ref().map(|s| s.points.clone()).unwrap_or_default())
    });
    let spotlit = move || {
        let i = spotlight.get()?;
        departments.with(|d| d.get(i).cloned())
    };

    view! {
        <div class="wallboard">
            <header class="wallboard__header">
                <h1>{tr(t, |t| t.wallboard)}</h1>
                <ConnectionIndicator />
            </header>
            <StaleDataBanner />
            <section class="wallboard__tiles" aria-label=tr(t, |t| t.wallboard_all)>
                <Tile label=tr(t, |t| t.status_queued) value=count(|n| n.queued) />
                <Tile
                    label=tr(t, |t| t.kpi_longest_wait)
                    value=Signal::derive(move || total.with(|n| time(n.longest_wait)))
                />
                <Tile
                    label=tr(t, |t| t.kpi_over_limit)
                    value=count(|n| n.critical)
                    alarm=Signal::derive(move || total.with(|n| n.critical > 0))
                />
                <Tile label=tr(t, |t| t.kpi_warning) value=count(|n| n.warning) />
                <Tile label=tr(t, |t| t.kpi_awaiting) value=count(|n| n.awaiting_reply) />
                <Tile
                    label=tr(t, |t| t.status_in_progress)
                    value=Signal::derive(move || format_count(in_progress.get(), locale.get()))
                />
                <Tile
                    label=tr(t, |t| t.kpi_service_level)
                    value=service_level
                />
                {agents.then(|| view! {
                    <Tile
                        label=tr(t, |t| t.presence_online)
                        value=Signal::derive(move || format_count(online.get(), locale.get()))
                    />
                })}
            </section>
            {trends.then(|| view! {
                <section class="wallboard__trends" aria-labelledby="wallboard-trends">
                    <h2 id="wallboard-trends">{tr(t, |t| t.kpi_last_hour_trend)}</h2>
                    {Trend::ALL.into_iter().map(|trend| view! { <TrendChart points trend /> }).collect_view()}
                </section>
            })}
            <section class="wallboard__spotlight" aria-live="off">
                {move || spotlit().map(|(d, n)| group_card(d.name, n, t.get(), locale.get(), true))}
            </section>
            <section class="wallboard__groups" aria-label=tr(t, |t| t.breakdown_by_department)>
                {move || {
                    let (t, locale) = (t.get(), locale.get());
                    departments.get().into_iter().map(|(d, n)| group_card(d.name, n, t, locale, false)).collect_view()
                }}
            </section>
            <section class="wallboard__groups" aria-label=tr(t, |t| t.wallboard_channels)>
                {move || {
                    let (t, locale) = (t.get(), locale.get());
                    channels.get()
                        .into_iter()
                        .map(|(c, n)| group_card(t.channel(&c), n, t, locale, false))
                        .collect_view()
                }}
            </section>
        </div>
    }
}
