//! Atenciones in the "En curso" scope: the conversations going on, live,
//! with their indicators, the table, and (for supervisors) bulk end, saved
//! views, columns and export.

use std::collections::BTreeSet;

use leptos::prelude::*;
use monitor_core::agent_query::AgentQuery;
use monitor_core::board::Board;
use monitor_core::export::{conversation_cells, csv_text};
use monitor_core::indicators::ConversationIndicators;
use monitor_core::permissions::Permissions;
use monitor_core::query::ConversationQuery;
use monitor_core::wire::Timestamp;

use super::search::ConversationSearch;
use crate::components::conversations_table::ConversationsTable;
use crate::components::data_gate::DataGate;
use crate::components::export_button::{conversation_header, CsvFile, ExportButton};
use crate::components::feed_status::StaleDataBanner;
use crate::components::indicators::Indicators;
use crate::components::service_cards::ServiceCards;
use crate::components::wait_breakdown::WaitBreakdown;
use crate::i18n::{fill, format_count, tr, use_locale, use_texts, Texts};
use crate::pages::conversation_tools::{apply_default_view, ColumnsDialog, ViewsDialog};
use crate::state::actions::{use_actions, Dialog};
use crate::state::clock::use_clock;
use crate::state::live::use_live_board;
use crate::state::saved_views::SavedViewsStore;
use crate::state::service_figures::poll_service_figures;
use crate::state::url_query::UrlQuery;
use crate::state::views::{open_rows, AgentRows, ConversationRows};

/// The view tools' dialogs, one at a time.
#[derive(Clone, Copy, PartialEq)]
enum Panel {
    Views,
    Columns,
}

const VIEWS_BUTTON: &str = "views-button";
const COLUMNS_BUTTON: &str = "columns-button";

/// The ongoing conversations.
#[component]
pub fn OngoingConversations(
    url: UrlQuery<ConversationQuery>,
    permissions: Permissions,
) -> impl IntoView {
    let actions = use_actions();
    let live = use_live_board();
    let now = use_clock().now();
    let t = use_texts();
    let locale = use_locale();
    let query = url.query;
    let averages = permissions.sees_averages();
    let agents = permissions.can_view_agents();
    let bulk_end = permissions.can_bulk_end();
    let supervise = permissions.can_supervise();
    let trends = permissions.sees_trends();
    let service_figures = poll_service_figures(trends);

    let rows: ConversationRows = open_rows(query.into());
    let shown = Memo::new(move |_| rows.len());
    let total = Memo::new(move |_| live.with(Board::conversation_count));
    // Agent counts cover the departments the conversation filter selects.
    let agent_query = Memo::new(move |_| AgentQuery {
        departments: query.with(|q| q.departments.clone()),
        ..AgentQuery::default()
    });
    let agent_rows: Option<AgentRows> = agents.then(|| open_rows(agent_query.into()));
    let agent_numbers = Memo::new(move |_| agent_rows.map(|r| r.indicators()));
    let conversation_numbers = Signal::derive(move || {
        let now = now.get();
        rows.figures(|f| f.stats_at(now))
            .unwrap_or_else(ConversationIndicators::empty)
    });
    let wait_numbers = Signal::derive(move || {
        let now = now.get();
        rows.figures(|f| f.waits_at(now)).unwrap_or_default()
    });
    let breakdown = Callback::new(move |now: Timestamp| {
        rows.figures(|f| (f.departments_at(now), f.channels_at(now)))
            .unwrap_or_default()
    });

    // The selection never holds a row that is not in view: what is
    // checked is what "End selected" acts on.
    Effect::new(move |_| {
        rows.track();
        if actions.selection.with_untracked(BTreeSet::is_empty) {
            return;
        }
        let id = rows.id();
        let stale: Vec<String> = actions.selection.with_untracked(|s| {
            live.with_untracked(|b| {
                s.iter()
                    .filter(|c| !id.is_some_and(|id| b.conversation_view_has(id, c)))
                    .cloned()
                    .collect()
            })
        });
        if !stale.is_empty() {
            actions.selection.update(|s| {
                stale.iter().for_each(|id| {
                    s.remove(id);
                })
            });
        }
    });
    let all_selected = Memo::new(move |_| {
        let n = shown.get();
        let selected = actions.selection.with(BTreeSet::len);
        // The selection is a subset of the rows in view.
        n > 0 && selected >= n
    });
    let select_all = Callback::new(move |on: bool| {
        let ids: BTreeSet<String> = if on {
            rows.records_untracked()
                .iter()
                .map(|c| c.id.clone())
                .collect()
        } else {
            BTreeSet::new()
        };
        actions.selection.set(ids);
    });

    let store = SavedViewsStore::load();
    if supervise {
        apply_default_view(store, url);
    }
    let panel = RwSignal::new(None::<Panel>);
    let close_panel = Callback::new(move |_| panel.set(None));

    let export_file = Callback::new(move |(t, at): (&'static Texts, Timestamp)| {
        let records = rows.records_untracked();
        CsvFile {
            kind: "conversations",
            rows: records.len(),
            text: csv_text(&conversation_header(t), records.iter().map(|c| &**c), |c| {
                conversation_cells(c, at)
            }),
        }
    });

    let count = move || {
        fill(
            t.get().rows_shown,
            &[
                ("shown", &format_count(shown.get(), locale.get())),
                ("total", &format_count(total.get(), locale.get())),
            ],
        )
    };

    view! {
        <Indicators
            conversations=conversation_numbers
            waits=supervise.then_some(wait_numbers)
            agents=agent_numbers
            averages
        />
        <ServiceCards figures=service_figures averages trends />
        {supervise.then(|| view! { <WaitBreakdown breakdown /> })}
        <div class="toolbar" role="search">
            <ConversationSearch url rows_from=live.cell() />
            {bulk_end.then(|| view! {
                <div class="toolbar__bulk">
                    <span class="muted">{move || fill(t.get().selected_count, &[("n", &actions.selection.with(|s| s.len()).to_string())])}</span>
                    <button
                        class="button button--danger"
                        disabled=move || actions.selection.with(|s| s.is_empty())
                        on:click=move |_| actions.open(Dialog::BulkEnd(actions.selection.get_untracked().into_iter().collect()))
                    >
                        {tr(t, |t| t.end_selected)}
                    </button>
                </div>
            })}
            {supervise.then(|| view! {
                <div class="toolbar__export">
                    <button id=VIEWS_BUTTON class="button" aria-haspopup="dialog" on:click=move |_| panel.set(Some(Panel::Views))>
                        {tr(t, |t| t.views)}
                    </button>
                    <button id=COLUMNS_BUTTON class="button" aria-haspopup="dialog" on:click=move |_| panel.set(Some(Panel::Columns))>
                        {tr(t, |t| t.columns)}
                    </button>
                    <ExportButton file=export_file />
                </div>
            })}
            <p class="toolbar__count" aria-live="off">{count}</p>
        </div>
        {move || panel.get().map(|p| match p {
            Panel::Views => view! {
                <ViewsDialog store url on_close=close_panel return_focus=VIEWS_BUTTON />
            }.into_any(),
            Panel::Columns => view! {
                <ColumnsDialog url on_close=close_panel return_focus=COLUMNS_BUTTON />
            }.into_any(),
        })}
        <StaleDataBanner />
        <DataGate>
            <ConversationsTable
                total=shown
                rows_in=Callback::new(move |range| rows.rows_in(range))
                query=query
                on_sort=Callback::new(move |sort| url.update(|q| {
                    if q.sort == sort { q.dir = q.dir.toggled() } else { q.sort = sort }
                }))
                selectable=bulk_end
                all_selected
                on_select_all=select_all
            />
            <Show when=move || shown.get() == 0>
                <p class="empty">{tr(t, |t| t.no_rows)}</p>
            </Show>
        </DataGate>
    }
}
