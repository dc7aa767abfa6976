//! Atenciones in the "Finalizadas" scope: the conversations finished in a
//! date range (today unless chosen), loaded from the backend page by page,
//! with the same search, filters and sortable columns as the ongoing ones,
//! plus when each finished and why it was ended.

use leptos::prelude::*;
use monitor_core::export::{conversation_cells, csv_text};
use monitor_core::permissions::Permissions;
use monitor_core::query::ConversationQuery;
use monitor_core::wire::Timestamp;

use super::search::ConversationSearch;
use crate::components::export_button::{conversation_header, CsvFile, ExportButton};
use crate::components::finished_table::FinishedTable;
use crate::i18n::{fill, format_count, tr, use_locale, use_texts, Texts};
use crate::state::archive::{local_date, Archive, MOST_ROWS};
use crate::state::clock::use_clock;
use crate::state::config::use_config;
use crate::state::session::use_api;
use crate::state::url_query::UrlQuery;
use crate::state::views::{open_rows_on, ConversationRows};

/// The finished conversations of the chosen days.
#[component]
pub fn FinishedConversations(
    url: UrlQuery<ConversationQuery>,
    permissions: Permissions,
) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let api = use_api();
    let query = url.query;
    let archive = Archive::new(use_config().wait_thresholds);
    let rows: ConversationRows = open_rows_on(archive.cell, query.into());
    let shown = Memo::new(move |_| rows.len());

    // A day not chosen is today by the server-corrected clock, as every
    // "today" in the app (known once the server has said its time; it
    // moves on at midnight).
    let today = use_clock().today();
    let day = move |chosen: fn(&ConversationQuery) -> &Option<String>| {
        Memo::new(move |_| {
            query
                .with(|q| chosen(q).clone())
                .unwrap_or_else(|| local_date(today.get()))
        })
    };
    let (from, to) = (day(|q| &q.from), day(|q| &q.to));
    // A new range loads afresh; the search and filters need no request.
    let load = StoredValue::new(api);
    Effect::new(move |_| {
        let (from, to) = (from.get(), to.get());
        load.with_value(|api| archive.load(api.clone(), from, to));
    });
    let retry = move |_| {
        load.with_value(|api| archive.load(api.clone(), from.get_untracked(), to.get_untracked()));
    };

    let export_file = Callback::new(move |(t, at): (&'static Texts, Timestamp)| {
        let records = rows.records_untracked();
        CsvFile {
            kind: "finished",
            rows: records.len(),
            text: csv_text(&conversation_header(t), records.iter().map(|c| &**c), |c| {
                conversation_cells(c, at)
            }),
        }
    });
    let date_field = move |id: &'static str,
                           label: fn(&Texts) -> &'static str,
                           value: Memo<String>,
                           write: fn(&mut ConversationQuery, Option<String>)| {
        view! {
            <label class="date-field" for=id>
                <span>{move || label(t.get())}</span>
                <input
                    id=id
                    type="date"
                    prop:value=move || value.get()
                    on:change=move |e| {
                        let date = Some(event_target_value(&e)).filter(|d| !d.is_empty());
                        url.update(|q| write(q, date));
                    }
                />
            </label>
        }
    };
    let count = move || {
        let t = t.get();
        let mut text = fill(
            t.finished_shown,
            &[("n", &format_count(shown.get(), locale.get()))],
        );
        if archive.loading.get() {
            text.push_str(" · ");
            text.push_str(t.loading);
        }
        text
    };

    view! {
        <div class="toolbar" role="search">
            <ConversationSearch url rows_from=archive.cell />
            <div class="toolbar__dates" role="group" aria-label=tr(t, |t| t.finished_dates)>
                {date_field("finished-from", |t| t.date_from, from, |q, d| q.from = d)}
                {date_field("finished-to", |t| t.date_to, to, |q, d| q.to = d)}
            </div>
            {permissions.can_supervise().then(|| view! {
                <div class="toolbar__export"><ExportButton file=export_file /></div>
            })}
            <p class="toolbar__count" role="status">{count}</p>
        </div>
        {move || archive.problem.get().map(|p| view! {
            <div class="banner banner--warning" role="alert">
                <span class="banner__text">{move || p.message(t.get())}</span>
                <button class="button" on:click=retry>
                    {tr(t, |t| t.retry)}
                </button>
            </div>
        })}
        <Show when=move || archive.truncated.get()>
            <div class="banner banner--info" role="status">
                <span class="banner__text">
                    {move || fill(t.get().finished_truncated, &[("max", &format_count(MOST_ROWS, locale.get()))])}
                </span>
            </div>
        </Show>
        <FinishedTable
            total=shown
            rows_in=Callback::new(move |range| rows.rows_in(range))
            query=query
            on_sort=Callback::new(move |sort| url.update(|q| {
                if q.sort == sort { q.dir = q.dir.toggled() } else { q.sort = sort }
            }))
        />
        <Show when=move || shown.get() == 0 && !archive.loading.get() && archive.problem.with(Option::is_none)>
            <p class="empty">{tr(t, |t| t.no_finished)}</p>
        </Show>
    }
}
