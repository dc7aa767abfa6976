//! A virtualized, sortable table: only the rows in view (plus an overscan)
//! are in the DOM, whatever the number of rows, with table semantics kept
//! for assistive technology (`aria-rowcount`, `aria-rowindex`, `aria-sort`).
//! Which rows exist and in what order is decided by `core`, not here.

use std::hash::Hash;
use std::ops::Range;

use leptos::ev;
use leptos::prelude::*;
use monitor_core::query::SortDir;
use monitor_core::viewport::visible_rows;

use super::elapsed::OnScreen;
use crate::i18n::{use_texts, Texts};
use crate::state::row_relays::RowRelays;

/// Fixed row height in px; must match `--row-height` in style/main.css.
pub const ROW_HEIGHT: f64 = 44.0;
/// Rows rendered beyond each edge of the viewport, so fast scrolling shows no gaps.
const OVERSCAN: usize = 8;
/// Before the first measurement, assume a typical viewport.
const DEFAULT_VIEWPORT: f64 = 800.0;
/// Rows built under one list before the list is built afresh. reactive_graph
/// 0.2 keeps what a dropped row leaves behind until the row's parent owner
/// and the signals it read are dropped: a weak handle to its owner in the
/// list's parent (about 80 bytes) and one to each of its effects in every
/// signal they read (see `row_relays`; about 700 bytes for a conversation
/// row). A live board sorted by the latest change re-renders its top rows
/// at every event, so now and then the rows in view are rebuilt under a new
/// parent, with fresh copies of the signals they read: at most this many
/// rows' leftovers are held (tests/row_owners.rs: 7.2 MB over 40,000 rows
/// without the bound, 0.13 MB with it), and a rebuild costs one render of
/// the rows in view.
const ROWS_PER_LIST: usize = 2_000;

/// A column: its header text and, if sortable, the sort key it selects.
#[derive(Clone, Copy)]
pub struct Column<S: 'static> {
    pub label: fn(&Texts) -> &'static str,
    pub sort: Option<S>,
}

/// A row grid set at run time: CSS `grid-template-columns`, and the width
/// below which the table scrolls sideways instead of squeezing columns.
#[derive(Clone, Debug, PartialEq)]
pub struct GridTemplate {
    pub columns: String,
    pub min_width_px: u32,
}

/// A table over `total` rows, rendering `rows_in(range)` for the range in view.
#[component]
pub fn VirtualTable<S, T, K, RowFn, RowView>(
    /// The table's accessible name.
    #[prop(into)]
    label: Signal<&'static str>,
    /// Class modifier naming the grid layout (`table--{modifier}`).
    modifier: &'static str,
    /// The columns, in order.
    columns: Vec<Column<S>>,
    /// How many rows the table has (after filters).
    #[prop(into)]
    total: Signal<usize>,
    /// The rows at these positions, in display order (read reactively).
    rows_in: Callback<Range<usize>, Vec<T>>,
    /// The current sort, for `aria-sort` on the headers.
    #[prop(into)]
    sorted_by: Signal<(S, SortDir)>,
    /// Called when a sortable header is activated.
    on_sort: Callback<S>,
    /// A row's identity: a changed key re-renders that row.
    key: fn(&T) -> K,
    /// Renders one row, given its 1-based `aria-rowindex` (the header is 1).
    row: RowFn,
    /// An extra first header cell without a sort (e.g. select-all).
    #[prop(default = None)]
    lead: Option<ViewFn>,
    /// The grid of a table whose columns vary (chosen by the user); without
    /// it, the stylesheet's grid for `table--{modifier}` applies.
    #[prop(optional)]
    grid: Option<GridTemplate>,
) -> impl IntoView
where
    S: Copy + PartialEq + Send + Sync + 'static,
    T: Clone + PartialEq + Send + Sync + 'static,
    K: Eq + Hash + 'static,
    RowFn: Fn(T, Signal<usize>) -> RowView + Clone + Send + 'static,
    RowView: IntoView + 'static,
{
    let t = use_texts();
    let scroller = NodeRef::<leptos::html::Div>::new();
    let scroll_top = RwSignal::new(0.0);
    let viewport = RwSignal::new(DEFAULT_VIEWPORT);

    // Whether the rows are wider than the table (it scrolls sideways):
    // only then is the first column kept in view, as sticky cells cost
    // compositing work on every frame.
    let scrolls_sideways = RwSignal::new(false);
    let measure = move || {
        if let Some(el) = scroller.get_untracked() {
            viewport.set(f64::from(el.client_height()));
            let sideways = el.scroll_width() > el.client_width();
            if scrolls_sideways.get_untracked() != sideways {
                scrolls_sideways.set(sideways);
            }
        }
    };
    Effect::new(move |_| {
        if scroller.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    let range = Memo::new(move |_| {
        visible_rows(
            scroll_top.get(),
            viewport.get(),
            ROW_HEIGHT,
            total.get(),
            OVERSCAN,
        )
    });
    let visible = Memo::new(move |_| rows_in.run(range.get()));
    // Rows built under the current list, and the list's generation (see
    // ROWS_PER_LIST). Never while focus is in the table: a rebuilt row
    // would drop it.
    let built = StoredValue::new(0usize);
    let list = RwSignal::new(0u32);
    Effect::new(move |_| {
        visible.track();
        if built.get_value() < ROWS_PER_LIST {
            return;
        }
        let focused_inside = scroller
            .get_untracked()
            .zip(document().active_element())
            .is_some_and(|(table, focused)| table.contains(Some(&focused)));
        if !focused_inside {
            built.set_value(0);
            list.update(|n| *n = n.wrapping_add(1));
        }
    });
    // The rows actually in the viewport (no overscan): only they tick.
    let in_view = Memo::new(move |_| {
        visible_rows(scroll_top.get(), viewport.get(), ROW_HEIGHT, total.get(), 0)
    });
    // Each generation of rows reads copies of the app-wide signals and of
    // the table's range (see `row_relays`), made under an owner of their
    // own: the previous generation's copies are dropped a task later, once
    // its rows are gone (sooner, a row still being torn down would read a
    // dropped signal).
    let table_owner = Owner::current();
    let relays_owner = StoredValue::new(None::<Owner>);
    let next_relays = Callback::new(move |()| {
        let owner = table_owner.as_ref().map_or_else(Owner::new, Owner::child);
        let made = owner.with(|| {
            (
                RowRelays::copy_context(),
                Memo::new(move |_| range.get()),
                Memo::new(move |_| in_view.get()),
            )
        });
        if let Some(previous) = relays_owner
            .try_update_value(|o| o.replace(owner))
            .flatten()
        {
            set_timeout(move || previous.cleanup(), std::time::Duration::ZERO);
        }
        made
    });
    on_cleanup(move || {
        if let Some(owner) = relays_owner.try_update_value(Option::take).flatten() {
            owner.cleanup();
        }
    });

    let header = columns
        .into_iter()
        .map(|column| {
            let label = column.label;
            let sort = column.sort;
            let aria_sort = move || match sort {
                Some(s) if s == sorted_by.get().0 => match sorted_by.get().1 {
                    SortDir::Asc => "ascending",
                    SortDir::Desc => "descending",
                },
                _ => "none",
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

    // Custom properties read by the stylesheet: set through the CSSOM, which
    // the strict CSP (no inline style attributes) allows.
    let (grid_columns, grid_min_width) = match grid {
        Some(g) => (Some(g.columns), Some(format!("{}px", g.min_width_px))),
        None => (None, None),
    };
    view! {
        <div
            class=format!("table table--{modifier}")
            class:table--sideways=move || scrolls_sideways.get()
            style:--grid-columns=grid_columns
            style:--grid-min-width=grid_min_width
            role="table"
            aria-label=move || label.get()
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
                    {lead.map(|lead| view! {
                        <div class="table__head-cell table__cell--select" role="columnheader">{lead.run()}</div>
                    })}
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
                    {move || {
                        list.track();
                        let (relays, range, in_view) = next_relays.run(());
                        relays.provide();
                        let row = row.clone();
                        view! {
                            <ForEnumerate
                                each=move || visible.get()
                                key=key
                                children=move |index, item| {
                                    built.update_value(|n| *n += 1);
                                    let row_index = Signal::derive(move || range.get().start + index.get() + 2);
                                    let on_screen = Memo::new(move |_| {
                                        in_view.with(|v| v.contains(&(range.get().start + index.get())))
                                    });
                                    provide_context(OnScreen(on_screen.into()));
                                    row(item, row_index)
                                }
                            />
                        }
                    }}
                </div>
            </div>
        </div>
    }
}
