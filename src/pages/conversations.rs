//! The Conversations tab: search, filters, the count and the table.

use std::collections::{BTreeMap, BTreeSet};

use leptos::prelude::*;
use monitor_core::query::{ConversationQuery, UNASSIGNED};
use monitor_core::select::select_conversations;
use monitor_core::{Channel, ConversationStatus};

use crate::components::conversations_table::ConversationsTable;
use crate::components::error_view::ErrorView;
use crate::components::feed_status::StaleDataBanner;
use crate::components::multi_select::{Choice, MultiSelect};
use crate::components::search_box::SearchBox;
use crate::i18n::{fill, use_texts};
use crate::state::conversation_query::use_conversation_query;
use crate::state::live::use_live_board;

/// The statuses an active conversation can have, in filter order.
const ACTIVE_STATUSES: [ConversationStatus; 4] = [
    ConversationStatus::Queued,
    ConversationStatus::InProgress,
    ConversationStatus::Pending,
    ConversationStatus::Inactive,
];

#[component]
pub fn ConversationsPage() -> impl IntoView {
    let live = use_live_board();
    let t = use_texts();
    let url = use_conversation_query();
    let query = url.query;

    let rows = Memo::new(move |_| {
        live.board
            .with(|b| query.with(|q| select_conversations(b.conversations(), q)))
    });
    let total = Memo::new(move |_| live.board.with(|b| b.conversations().len()));

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

    let count = move || {
        fill(
            t.get().rows_shown,
            &[
                ("shown", &rows.with(Vec::len).to_string()),
                ("total", &total.get().to_string()),
            ],
        )
    };
    // A memo, so the table is not rebuilt each time `synced_at` moves.
    let has_data = Memo::new(move |_| live.has_data());
    let no_rows = move || has_data.get() && rows.with(Vec::is_empty);

    view! {
        <section class="page page--conversations">
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
                    <Show when=move || !query.with(ConversationQuery::is_default)>
                        <button class="button button--link" on:click=move |_| url.set(ConversationQuery::default())>
                            {move || t.get().clear_filters}
                        </button>
                    </Show>
                </div>
                <p class="toolbar__count" aria-live="off">{count}</p>
            </div>
            <StaleDataBanner />
            {move || {
                if has_data.get() {
                    view! {
                        <ConversationsTable
                            rows=rows
                            query=query
                            on_sort=Callback::new(move |sort| url.update(|q| {
                                if q.sort == sort { q.dir = q.dir.toggled() } else { q.sort = sort }
                            }))
                        />
                        <Show when=no_rows>
                            <p class="empty">{move || t.get().no_rows}</p>
                        </Show>
                    }
                    .into_any()
                } else if let Some(error) = live.error.get() {
                    view! {
                        <ErrorView
                            message=Signal::derive(move || error.message(t.get()))
                            on_retry=Callback::new(move |_| live.retry_now())
                        />
                    }
                    .into_any()
                } else {
                    view! { <p class="loading" role="status">{move || t.get().loading}</p> }.into_any()
                }
            }}
        </section>
    }
}

/// Parses an open enum (its `FromStr` cannot fail: unknown values are kept).
fn parse_open<T: std::str::FromStr<Err = std::convert::Infallible>>(raw: &str) -> T {
    match raw.parse() {
        Ok(value) => value,
        Err(never) => match never {},
    }
}
