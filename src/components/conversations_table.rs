//! The Conversations table, virtualized: filtering and sorting happen in
//! `core` over the full set and yield indices; only the rows in view (plus
//! an overscan) are in the DOM, whatever the number of conversations.

use leptos::ev;
use leptos::prelude::*;
use monitor_core::query::{ConversationQuery, ConversationSort, SortDir};
use monitor_core::viewport::visible_rows;
use monitor_core::wire::Conversation;

use super::conversation_row::ConversationRow;
use crate::i18n::{use_texts, Texts};
use crate::state::live::use_live_board;

/// Fixed row height in px; must match `.table__row` in style/main.css.
const ROW_HEIGHT: f64 = 44.0;
/// Rows rendered beyond each edge of the viewport, so fast scrolling shows no gaps.
const OVERSCAN: usize = 8;
/// Before the first measurement, assume a typical viewport.
const DEFAULT_VIEWPORT: f64 = 800.0;

struct Column {
    label: fn(&Texts) -> &'static str,
    sort: Option<ConversationSort>,
}

const COLUMNS: [Column; 11] = [
    Column {
        label: |t| t.col_channel,
        sort: Some(ConversationSort::Channel),
    },
    Column {
        label: |t| t.col_status,
        sort: Some(ConversationSort::Status),
    },
    Column {
        label: |t| t.col_customer,
        sort: Some(ConversationSort::Customer),
    },
    Column {
        label: |t| t.col_agent,
        sort: Some(ConversationSort::Agent),
    },
    Column {
        label: |t| t.col_group,
        sort: Some(ConversationSort::Department),
    },
    Column {
        label: |t| t.col_created,
        sort: Some(ConversationSort::Created),
    },
    Column {
        label: |t| t.col_updated,
        sort: Some(ConversationSort::Updated),
    },
    Column {
        label: |t| t.col_time_in_status,
        sort: Some(ConversationSort::TimeInStatus),
    },
    Column {
        label: |t| t.col_duration,
        sort: Some(ConversationSort::Duration),
    },
    Column {
        label: |t| t.col_transfers,
        sort: Some(ConversationSort::Transfers),
    },
    Column {
        label: |t| t.col_options,
        sort: None,
    },
];

/// The table of conversations.
#[component]
pub fn ConversationsTable(
    /// Indices into the board's conversations, in display order.
    #[prop(into)]
    rows: Signal<Vec<usize>>,
    /// The applied query (for the sort indicators).
    #[prop(into)]
    query: Signal<ConversationQuery>,
    /// Called when a sortable column header is activated.
    on_sort: Callback<ConversationSort>,
) -> impl IntoView {
    let live = use_live_board();
    let t = use_texts();
    let scroller = NodeRef::<leptos::html::Div>::new();
    let scroll_top = RwSignal::new(0.0);
    let viewport = RwSignal::new(DEFAULT_VIEWPORT);

    let measure = move || {
        if let Some(el) = scroller.get_untracked() {
            viewport.set(f64::from(el.client_height()));
        }
    };
    Effect::new(move |_| {
        if scroller.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    let total = Memo::new(move |_| rows.with(Vec::len));
    let range = Memo::new(move |_| {
        visible_rows(
            scroll_top.get(),
            viewport.get(),
            ROW_HEIGHT,
            total.get(),
            OVERSCAN,
        )
    });
    let visible = Memo::new(move |_| {
        let range = range.get();
        rows.with(|rows| {
            live.board.with(|board| {
                let all = board.conversations();
                rows.get(range)
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|&i| all.get(i).cloned())
                    .collect::<Vec<Conversation>>()
            })
        })
    });

    let header = COLUMNS
        .iter()
        .map(|column| {
            let label = column.label;
            let sort = column.sort;
            let aria_sort = move || {
                let q = query.get();
                match sort {
                    Some(s) if s == q.sort => match q.dir {
                        SortDir::Asc => "ascending",
                        SortDir::Desc => "descending",
                    },
                    _ => "none",
                }
            };
            let content = match sort {
                Some(s) => view! {
                    <button class="table__sort" on:click=move |_| on_sort.run(s)>
                        {move || label(t.get())}
                        <span class="table__sort-mark" aria-hidden="true"></span>
                    </button>
                }
                .into_any(),
                None => view! { <span>{move || label(t.get())}</span> }.into_any(),
            };
            view! {
                <div class="table__head-cell" role="columnheader" aria-sort=aria_sort>
                    {content}
                </div>
            }
        })
        .collect_view();

    view! {
        <div
            class="table table--conversations"
            role="table"
            aria-label=move || t.get().conversations_table
            aria-rowcount=move || total.get() + 1
            node_ref=scroller
            on:scroll=move |_| {
                if let Some(el) = scroller.get_untracked() {
                    scroll_top.set(f64::from(el.scroll_top()));
                }
            }
        >
            <div class="table__head" role="rowgroup">
                <div class="table__row table__row--head" role="row" aria-rowindex="1">
                    {header}
                </div>
            </div>
            <div
                class="table__body"
                role="rowgroup"
                style:height=move || format!("{}px", total.get() as f64 * ROW_HEIGHT)
            >
                <div
                    class="table__window"
                    style:transform=move || {
                        format!("translateY({}px)", range.get().start as f64 * ROW_HEIGHT)
                    }
                >
                    <ForEnumerate
                        each=move || visible.get()
                        key=|conversation| conversation.clone()
                        children=move |index, conversation| {
                            let row_index = Signal::derive(move || {
                                range.get().start + index.get() + 2
                            });
                            view! { <ConversationRow conversation row_index /> }
                        }
                    />
                </div>
            </div>
        </div>
    }
}
