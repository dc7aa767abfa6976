//! The Agents tab: presence and load of every agent in scope, with search,
//! filters, sort and indicators that follow them.

use std::collections::{BTreeMap, BTreeSet};

use leptos::prelude::*;
use monitor_core::agent_query::AgentQuery;
use monitor_core::board::Board;
use monitor_core::export::{agent_cells, csv_text};
use monitor_core::indicators::ConversationIndicators;
use monitor_core::permissions::Permissions;
use monitor_core::query::ConversationQuery;
use monitor_core::wire::Timestamp;
use monitor_core::AgentStatus;

use super::agent_detail::AgentDialog;
use super::parse_open;
use crate::components::agent_row::agent_details_button_id;
use crate::components::agents_table::AgentsTable;
use crate::components::data_gate::DataGate;
use crate::components::export_button::{agent_header, CsvFile, ExportButton};
use crate::components::feed_status::StaleDataBanner;
use crate::components::indicators::Indicators;
use crate::components::multi_select::{Choice, MultiSelect};
use crate::components::search_box::SearchBox;
use crate::i18n::{fill, format_count, tr, use_locale, use_texts, Texts};
use crate::state::clock::use_clock;
use crate::state::live::use_live_board;
use crate::state::url_query::use_url_query;
use crate::state::views::{open_rows, AgentRows, ConversationRows};

#[component]
pub fn AgentsPage(
    /// Whether the profile sees averages.
    averages: bool,
) -> impl IntoView {
    let live = use_live_board();
    let t = use_texts();
    let locale = use_locale();
    let now = use_clock().now();
    let url = use_url_query::<AgentQuery>();
    let query = url.query;

    let rows: AgentRows = open_rows(query.into());
    let shown = Memo::new(move |_| rows.len());
    let total = Memo::new(move |_| live.with(Board::agent_count));

    // Conversation indicators cover the departments the agent filter selects.
    let conversation_query = Memo::new(move |_| ConversationQuery {
        departments: query.with(|q| q.departments.clone()),
        ..ConversationQuery::default()
    });
    let conversations: ConversationRows = open_rows(conversation_query.into());
    let conversation_numbers = Signal::derive(move || {
        let now = now.get();
        conversations
            .figures(|f| f.stats_at(now))
            .unwrap_or_else(ConversationIndicators::empty)
    });
    let wait_numbers = Signal::derive(move || {
        let now = now.get();
        conversations
            .figures(|f| f.waits_at(now))
            .unwrap_or_default()
    });
    let agent_numbers = Memo::new(move |_| Some(rows.indicators()));

    let status_choices = Signal::derive(move || {
        let t = t.get();
        AgentStatus::KNOWN
            .iter()
            .map(|s| Choice {
                value: s.as_str().to_owned(),
                text: t.presence(s),
            })
            .collect()
    });
    let department_choices = Signal::derive(move || {
        let mut departments = BTreeMap::new();
        live.with(|b| {
            for d in b.agents().flat_map(|a| a.departments.iter()) {
                departments
                    .entry(d.name.clone())
                    .or_insert_with(|| d.id.clone());
            }
        });
        departments
            .into_iter()
            .map(|(text, value)| Choice { value, text })
            .collect()
    });
    let details = RwSignal::new(None::<String>);
    let can_set_presence = use_context::<Permissions>().is_some_and(|p| p.can_set_agent_presence());

    let export_file = Callback::new(move |(t, at): (&'static Texts, Timestamp)| {
        let records = rows.records_untracked();
        CsvFile {
            kind: "agents",
            rows: records.len(),
            text: csv_text(&agent_header(t), records.iter().map(|a| &**a), |a| {
                agent_cells(a, at)
            }),
        }
    });

    let count = move || {
        fill(
            t.get().agents_shown,
            &[
                ("shown", &format_count(shown.get(), locale.get())),
                ("total", &format_count(total.get(), locale.get())),
            ],
        )
    };

    view! {
        <section class="page page--agents">
            <Indicators
                conversations=conversation_numbers
                waits=Some(wait_numbers)
                agents=agent_numbers
                averages
            />
            {move || details.get().map(|id| {
                let return_focus = agent_details_button_id(&id);
                view! {
                    <AgentDialog
                        id
                        can_set_presence
                        on_close=Callback::new(move |_| details.set(None))
                        return_focus
                    />
                }
            })}
            <div class="toolbar" role="search">
                <SearchBox
                    label=tr(t, |t| t.search)
                    placeholder=tr(t, |t| t.search_agents_placeholder)
                    value=Memo::new(move |_| query.with(|q| q.search.clone()))
                    on_input=Callback::new(move |text: String| url.update_typing(|q| q.search = text))
                />
                <div class="toolbar__filters" role="group" aria-label=tr(t, |t| t.filters)>
                    <MultiSelect
                        label=tr(t, |t| t.filter_status)
                        choices=status_choices
                        selected=Signal::derive(move || query.with(|q| q.statuses.iter().map(|s| s.as_str().to_owned()).collect()))
                        on_change=Callback::new(move |set: BTreeSet<String>| {
                            url.update(|q| q.statuses = set.iter().map(|s| parse_open(s)).collect())
                        })
                    />
                    <MultiSelect
                        label=tr(t, |t| t.filter_department)
                        choices=department_choices
                        selected=Signal::derive(move || query.with(|q| q.departments.clone()))
                        on_change=Callback::new(move |set: BTreeSet<String>| url.update(|q| q.departments = set))
                    />
                    <Show when=move || !query.with(AgentQuery::is_default)>
                        <button class="button button--link" on:click=move |_| url.set(AgentQuery::default())>
                            {tr(t, |t| t.clear_filters)}
                        </button>
                    </Show>
                </div>
                <div class="toolbar__export">
                    <ExportButton file=export_file />
                </div>
                <p class="toolbar__count">{count}</p>
            </div>
            <StaleDataBanner />
            <DataGate>
                <AgentsTable
                    total=shown
                    rows_in=Callback::new(move |range| rows.rows_in(range))
                    query=query
                    on_sort=Callback::new(move |sort| url.update(|q| {
                        if q.sort == sort { q.dir = q.dir.toggled() } else { q.sort = sort }
                    }))
                    on_details=Callback::new(move |id| details.set(Some(id)))
                />
                <Show when=move || shown.get() == 0>
                    <p class="empty">{tr(t, |t| t.no_agents)}</p>
                </Show>
            </DataGate>
        </section>
    }
}
