//! The wait indicators per department and per channel, in a disclosure
//! under the cards: computed only while it is open.

use leptos::prelude::*;
use monitor_core::elapsed::format_elapsed;
use monitor_core::indicators::waits::WaitNumbers;
use monitor_core::wire::{DepartmentRef, Timestamp};
use monitor_core::Channel;

use crate::i18n::{format_count, tr, use_locale, use_texts, Texts};
use crate::state::clock::use_clock;

const NOTHING: &str = "—";

/// One group's numbers as table cells, in header order.
fn cells(n: &WaitNumbers, locale: crate::i18n::Locale) -> [String; 6] {
    let time =
        |d: Option<chrono::Duration>| d.map(format_elapsed).unwrap_or_else(|| NOTHING.into());
    [
        format_count(n.conversations, locale),
        format_count(n.queued, locale),
        time(n.longest_wait),
        format_count(n.warning, locale),
        format_count(n.critical, locale),
        format_count(n.awaiting_reply, locale),
    ]
}

fn headers(t: &Texts) -> [&'static str; 6] {
    [
        t.col_conversations,
        t.status_queued,
        t.kpi_longest_wait,
        t.kpi_warning,
        t.kpi_over_limit,
        t.kpi_awaiting,
    ]
}

/// A table of groups: their name, then their numbers.
#[component]
fn GroupTable(
    caption: Signal<&'static str>,
    first: Signal<&'static str>,
    #[prop(into)] rows: Signal<Vec<(String, WaitNumbers)>>,
) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    view! {
        <table class="breakdown__table">
            <caption>{move || caption.get()}</caption>
            <thead>
                <tr>
                    <th scope="col">{move || first.get()}</th>
                    {move || headers(t.get()).map(|h| view! { <th scope="col">{h}</th> }).collect_view()}
                </tr>
            </thead>
            <tbody>
                {move || rows.get().into_iter().map(|(name, n)| {
                    let over = n.critical > 0;
                    view! {
                        <tr class:breakdown__row--critical=over>
                            <th scope="row">{name}</th>
                            {cells(&n, locale.get()).map(|v| view! { <td>{v}</td> }).collect_view()}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// A breakdown at one instant: per department, then per channel.
pub type Breakdown = (
    Vec<(DepartmentRef, WaitNumbers)>,
    Vec<(Channel, WaitNumbers)>,
);

/// The per-department and per-channel tables for the rows in view.
#[component]
pub fn WaitBreakdown(
    /// The rows in view, grouped, at an instant; asked only while open.
    breakdown: Callback<Timestamp, Breakdown>,
) -> impl IntoView {
    let t = use_texts();
    let now = use_clock().now();
    let open = RwSignal::new(false);
    let tables = Memo::new(move |_| {
        if !open.get() {
            return Breakdown::default();
        }
        breakdown.run(now.get())
    });
    let departments = Signal::derive(move || {
        tables.with(|(d, _)| d.iter().map(|(d, n)| (d.name.clone(), *n)).collect())
    });
    let channels = Signal::derive(move || {
        let t = t.get();
        tables.with(|(_, c)| c.iter().map(|(c, n)| (t.channel(c), *n)).collect())
    });
    view! {
        <details
            class="breakdown"
            on:toggle=move |e| {
                use wasm_bindgen::JsCast;
                if let Some(el) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
                    open.set(el.open());
                }
            }
        >
            <summary>{tr(t, |t| t.breakdown)}</summary>
            <Show when=move || open.get()>
                <div class="breakdown__tables">
                    <GroupTable
                        caption=tr(t, |t| t.breakdown_by_department)
                        first=tr(t, |t| t.col_group)
                        rows=departments
                    />
                    <GroupTable
                        caption=tr(t, |t| t.breakdown_by_channel)
                        first=tr(t, |t| t.col_channel)
                        rows=channels
                    />
                </div>
            </Show>
        </details>
    }
}
