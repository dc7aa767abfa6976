//! The Conversations tab: search, filters, the count and the table.

use std::collections::{BTreeMap, BTreeSet};

use leptos::prelude::*;
use monitor_core::export::{conversation_cells, csv_text};
use monitor_core::indicators::{agent_indicators, ConversationStats};
use monitor_core::query::{ConversationQuery, UNASSIGNED};
use monitor_core::select::select_conversations;
use monitor_core::wire::Timestamp;
use monitor_core::{Channel, ConversationStatus};

use super::conversation_tools::{apply_default_view, ColumnsDialog, ViewsDialog};
use super::parse_open;
use crate::components::conversations_table::ConversationsTable;
use crate::components::data_gate::DataGate;
use crate::components::export_button::{conversation_header, CsvFile, ExportButton};
use crate::components::feed_status::StaleDataBanner;
use crate::components::indicators::Indicators;
use crate::components::multi_select::{Choice, MultiSelect};
use crate::components::search_box::SearchBox;
use crate::components::wait_breakdown::WaitBreakdown;
use crate::i18n::{fill, format_count, use_locale, use_texts, Texts};
use crate::state::actions::{use_actions, Dialog};
use crate::state::clock::use_clock;
use crate::state::live::use_live_board;
use crate::state::saved_views::SavedViewsStore;
use crate::state::url_query::use_url_query;

/// The statuses an active conversation can have, in filter order.
const ACTIVE_STATUSES: [ConversationStatus; 4] = [
    ConversationStatus::Queued,
    ConversationStatus::InProgress,
    ConversationStatus::Pending,
    ConversationStatus::Inactive,
];

/// The view tools' dialogs, one at a time.
#[derive(Clone, Copy, PartialEq)]
enum Panel {
    Views,
    Columns,
}

const VIEWS_BUTTON: &str = "views-button";
const COLUMNS_BUTTON: &str = "columns-button";

#[component]
pub fn ConversationsPage(
    /// Whether the profile sees averages.
    averages: bool,
    /// Whether the profile sees agents (and so their counts).
    agents: bool,
    /// Whether the profile may end conversations in bulk.
    bulk_end: bool,
) -> impl IntoView {
    let actions = use_actions();
    let live = use_live_board();
    let now = use_clock().now();
    let t = use_texts();
    let locale = use_locale();
    let url = use_url_query::<ConversationQuery>();
    let query = url.query;

    let rows = Memo::new(move |_| {
        live.board
            .with(|b| query.with(|q| select_conversations(b.conversations(), q)))
    });
    let total = Memo::new(move |_| live.board.with(|b| b.conversations().len()));
    let conversation_stats = Memo::new(move |_| {
        live.board
            .with(|b| rows.with(|r| ConversationStats::from_rows(b.conversations(), r)))
    });
    let wait_stats = live.wait_stats(rows.into());
    // Agent counts cover the departments the conversation filter selects.
    let agent_numbers = Memo::new(move |_| {
        agents.then(|| {
            live.board.with(|b| {
                query.with(|q| {
                    let rows: Vec<usize> = b
                        .agents()
                        .iter()
                        .enumerate()
                        .filter(|(_, a)| {
                            q.departments.is_empty()
                                || a.departments.iter().any(|d| q.departments.contains(&d.id))
                        })
                        .map(|(i, _)| i)
                        .collect();
                    agent_indicators(b.agents(), &rows)
                })
            })
        })
    });

    let status_choices = Signal::derive(move || {
        let t = t.get();
        ACTIVE_STATUSES
            .iter()
            .map(|s| Choice {
                value: s.as_str().to_owned(),
                text: t.status(s),
            })
            .collect()
    });
    let channel_choices = Signal::derive(move || {
        let t = t.get();
        Channel::KNOWN
            .iter()
            .map(|c| Choice {
                value: c.as_str().to_owned(),
                text: t.channel(c),
            })
            .collect()
    });
    // Agents and departments come from the conversations on the board; these
    // are read only while their list is open.
    let agent_choices = Signal::derive(move || {
        let mut agents = BTreeMap::new();
        live.board.with(|b| {
            for c in b.conversations() {
                if let Some(a) = &c.agent {
                    agents.entry(a.name.clone()).or_insert_with(|| a.id.clone());
                }
            }
        });
        let unassigned = Choice {
            value: UNASSIGNED.to_owned(),
            text: t.get().unassigned.to_owned(),
        };
        std::iter::once(unassigned)
            .chain(
                agents
                    .into_iter()
                    .map(|(text, value)| Choice { value, text }),
            )
            .collect()
    });
    let department_choices = Signal::derive(move || {
        let mut departments = BTreeMap::new();
        live.board.with(|b| {
            for c in b.conversations() {
                departments
                    .entry(c.department.name.clone())
                    .or_insert_with(|| c.department.id.clone());
            }
        });
        departments
            .into_iter()
            .map(|(text, value)| Choice { value, text })
            .collect()
    });

    let selected_statuses = Signal::derive(move || {
        query.with(|q| q.statuses.iter().map(|s| s.as_str().to_owned()).collect())
    });
    let selected_channels = Signal::derive(move || {
        query.with(|q| q.channels.iter().map(|c| c.as_str().to_owned()).collect())
    });
    let selected_agents = Signal::derive(move || query.with(|q| q.agents.clone()));
    let selected_departments = Signal::derive(move || query.with(|q| q.departments.clone()));

    let store = SavedViewsStore::load();
    apply_default_view(store, url);
    let panel = RwSignal::new(None::<Panel>);
    let close_panel = Callback::new(move |_| panel.set(None));

    let export_file = Callback::new(move |(t, at): (&'static Texts, Timestamp)| {
        live.board.with_untracked(|b| {
            rows.with_untracked(|r| CsvFile {
                kind: "conversations",
                rows: r.len(),
                text: csv_text(&conversation_header(t), b.conversations(), r, |c| {
                    conversation_cells(c, at)
                }),
            })
        })
    });

    let count = move || {
        fill(
            t.get().rows_shown,
            &[
                ("shown", &format_count(rows.with(Vec::len), locale.get())),
                ("total", &format_count(total.get(), locale.get())),
            ],
        )
    };

    view! {
        <section class="page page--conversations">
            <Indicators
                conversations=Signal::derive(move || conversation_stats.with(|s| s.at(now.get())))
                waits=Signal::derive(move || wait_stats.with(|s| s.total_at(now.get())))
                agents=agent_numbers
                averages
            />
            <WaitBreakdown stats=wait_stats />
            <div class="toolbar" role="search">
                <SearchBox
                    label=Signal::derive(move || t.get().search)
                    placeholder=Signal::derive(move || t.get().search_placeholder)
                    value=Signal::derive(move || query.with(|q| q.search.clone()))
                    on_input=Callback::new(move |text: String| url.update(|q| q.search = text))
                />
                <div class="toolbar__filters" role="group" aria-label=move || t.get().filters>
                    <MultiSelect
                        label=Signal::derive(move || t.get().filter_status)
                        choices=status_choices
                        selected=selected_statuses
                        on_change=Callback::new(move |set: BTreeSet<String>| {
                            url.update(|q| q.statuses = set.iter().map(|s| parse_open(s)).collect())
                        })
                    />
                    <MultiSelect
                        label=Signal::derive(move || t.get().filter_agent)
                        choices=agent_choices
                        selected=selected_agents
                        on_change=Callback::new(move |set: BTreeSet<String>| url.update(|q| q.agents = set))
                    />
                    <MultiSelect
                        label=Signal::derive(move || t.get().filter_department)
                        choices=department_choices
                        selected=selected_departments
                        on_change=Callback::new(move |set: BTreeSet<String>| url.update(|q| q.departments = set))
                    />
                    <MultiSelect
                        label=Signal::derive(move || t.get().filter_channel)
                        choices=channel_choices
                        selected=selected_channels
                        on_change=Callback::new(move |set: BTreeSet<String>| {
                            url.update(|q| q.channels = set.iter().map(|s| parse_open(s)).collect())
                        })
                    />
                    <label class="toggle">
                        <input
                            type="checkbox"
                            prop:checked=move || query.with(|q| q.awaiting)
                            on:change=move |e| {
                                let on = event_target_checked(&e);
                                url.update(|q| q.awaiting = on)
                            }
                        />
                        {move || t.get().filter_awaiting}
                    </label>
                    <Show when=move || !query.with(ConversationQuery::is_unfiltered)>
                        <button class="button button--link" on:click=move |_| url.update(|q| *q = q.without_filters())>
                            {move || t.get().clear_filters}
                        </button>
                    </Show>
                </div>
                {bulk_end.then(|| view! {
                    <div class="toolbar__bulk">
                        <span class="muted">{move || fill(t.get().selected_count, &[("n", &actions.selection.with(|s| s.len()).to_string())])}</span>
                        <button
                            class="button button--danger"
                            disabled=move || actions.selection.with(|s| s.is_empty())
                            on:click=move |_| actions.open(Dialog::BulkEnd(actions.selection.get_untracked().into_iter().collect()))
                        >
                            {move || t.get().end_selected}
                        </button>
                    </div>
                })}
                <div class="toolbar__export">
                    <button id=VIEWS_BUTTON class="button" aria-haspopup="dialog" on:click=move |_| panel.set(Some(Panel::Views))>
                        {move || t.get().views}
                    </button>
                    <button id=COLUMNS_BUTTON class="button" aria-haspopup="dialog" on:click=move |_| panel.set(Some(Panel::Columns))>
                        {move || t.get().columns}
                    </button>
                    <ExportButton file=export_file />
                </div>
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
                    rows=rows
                    query=query
                    on_sort=Callback::new(move |sort| url.update(|q| {
                        if q.sort == sort { q.dir = q.dir.toggled() } else { q.sort = sort }
                    }))
                    selectable=bulk_end
                />
                <Show when=move || rows.with(Vec::is_empty)>
                    <p class="empty">{move || t.get().no_rows}</p>
                </Show>
            </DataGate>
        </section>
    }
}
