//! A tab's rows: a view open on the live board for as long as the page
//! that asked for it, answering that page's query. The query is handed to
//! the board when something reads the rows, so a keystroke costs one
//! incremental update, whoever reads first; every reader then sees the
//! same answer.

use std::ops::Range;
use std::sync::Arc;

use leptos::prelude::*;
use monitor_core::agent_query::AgentQuery;
use monitor_core::board::{AgentView, Board, ConversationView};
use monitor_core::indicators::AgentIndicators;
use monitor_core::live::summary::ConversationFigures;
use monitor_core::live::{RowKey, ViewId};
use monitor_core::query::ConversationQuery;
use monitor_core::wire::{Agent, Conversation};

use super::board_cell::BoardCell;
use super::live::use_live_board;

/// One row as a table renders it: its identity, its version (a changed
/// row gets a new one, so only changed rows are rebuilt) and its record.
#[derive(Debug)]
pub struct LiveRow<R> {
    pub key: RowKey,
    pub version: u64,
    pub record: Arc<R>,
}

impl<R> Clone for LiveRow<R> {
    fn clone(&self) -> Self {
        Self {
            key: self.key,
            version: self.version,
            record: self.record.clone(),
        }
    }
}

impl<R> PartialEq for LiveRow<R> {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key && self.version == other.version
    }
}

/// What the board offers for one kind of row.
pub trait Kind: Send + Sync + 'static {
    type Record: Send + Sync + 'static;
    type Query: Clone + PartialEq + Send + Sync + 'static;
    type View: 'static;
    fn open(board: &mut Board, query: Self::Query) -> ViewId;
    fn set_query(board: &mut Board, id: ViewId, query: Self::Query);
    fn close(board: &mut Board, id: ViewId);
    fn view(board: &Board, id: ViewId) -> Option<&Self::View>;
    fn keys(view: &Self::View) -> &[RowKey];
    fn revision(view: &Self::View) -> u64;
    fn record(board: &Board, key: RowKey) -> Option<(&Arc<Self::Record>, u64)>;
}

/// Conversations.
pub struct Conversations;
/// Agents.
pub struct Agents;

impl Kind for Conversations {
    type Record = Conversation;
    type Query = ConversationQuery;
    type View = ConversationView;
    fn open(board: &mut Board, query: ConversationQuery) -> ViewId {
        board.open_conversation_view(query)
    }
    fn set_query(board: &mut Board, id: ViewId, query: ConversationQuery) {
        board.set_conversation_query(id, query);
    }
    fn close(board: &mut Board, id: ViewId) {
        board.close_conversation_view(id);
    }
    fn view(board: &Board, id: ViewId) -> Option<&ConversationView> {
        board.conversation_view(id)
    }
    fn keys(view: &ConversationView) -> &[RowKey] {
        view.rows()
    }
    fn revision(view: &ConversationView) -> u64 {
        view.revision()
    }
    fn record(board: &Board, key: RowKey) -> Option<(&Arc<Conversation>, u64)> {
        board.conversation_at(key)
    }
}

impl Kind for Agents {
    type Record = Agent;
    type Query = AgentQuery;
    type View = AgentView;
    fn open(board: &mut Board, query: AgentQuery) -> ViewId {
        board.open_agent_view(query)
    }
    fn set_query(board: &mut Board, id: ViewId, query: AgentQuery) {
        board.set_agent_query(id, query);
    }
    fn close(board: &mut Board, id: ViewId) {
        board.close_agent_view(id);
    }
    fn view(board: &Board, id: ViewId) -> Option<&AgentView> {
        board.agent_view(id)
    }
    fn keys(view: &AgentView) -> &[RowKey] {
        view.rows()
    }
    fn revision(view: &AgentView) -> u64 {
        view.revision()
    }
    fn record(board: &Board, key: RowKey) -> Option<(&Arc<Agent>, u64)> {
        board.agent_at(key)
    }
}

impl Rows<Conversations> {
    /// The view's indicator figures (to read at the clock's now), re-read
    /// when the view changes.
    pub fn figures<T>(&self, f: impl FnOnce(&ConversationFigures<'_>) -> T) -> Option<T> {
        let id = self.id?;
        self.revision.try_get();
        self.cell
            .with_untracked(|b| b.conversation_figures(id).map(|figures| f(&figures)))
    }
}

impl Rows<Agents> {
    /// The view's agent indicators, re-read when the view changes.
    pub fn indicators(&self) -> AgentIndicators {
        let Some(id) = self.id else {
            return AgentIndicators::default();
        };
        self.revision.try_get();
        self.cell
            .with_untracked(|b| b.agent_indicators(id))
            .unwrap_or_default()
    }
}

/// A page's rows of one kind, for the page's life.
pub struct Rows<K: Kind> {
    cell: BoardCell,
    /// `None` once the board is gone (its owner was disposed).
    id: Option<ViewId>,
    /// The view's revision: it changes when the rows or figures may have.
    revision: Memo<u64>,
    _kind: std::marker::PhantomData<fn() -> K>,
}

impl<K: Kind> Clone for Rows<K> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K: Kind> Copy for Rows<K> {}

pub type ConversationRows = Rows<Conversations>;
pub type AgentRows = Rows<Agents>;

/// Opens a view on the live board answering `query` (as it changes) until
/// the calling owner is disposed.
pub fn open_rows<K: Kind>(query: Signal<K::Query>) -> Rows<K> {
    open_rows_on(use_live_board().cell(), query)
}

/// Opens a view on the board in `cell` answering `query`.
pub fn open_rows_on<K: Kind>(cell: BoardCell, query: Signal<K::Query>) -> Rows<K> {
    let id = cell.update_quietly(|b| K::open(b, query.get_untracked()));
    on_cleanup(move || {
        if let Some(id) = id {
            cell.update_quietly(|b| K::close(b, id));
        }
    });
    // Reads its signals first: the board is borrowed only inside, and no
    // signal is read while it is.
    let revision = Memo::new(move |_| {
        cell.revision().track();
        let query = query.get();
        id.and_then(|id| {
            cell.update_quietly(|b| {
                K::set_query(b, id, query);
                K::view(b, id).map_or(0, K::revision)
            })
        })
        .unwrap_or(0)
    });
    Rows {
        cell,
        id,
        revision,
        _kind: std::marker::PhantomData,
    }
}

impl<K: Kind> Rows<K> {
    /// Reads the view (and the board it lives on), re-running the caller
    /// when the view changes.
    pub fn with<T>(&self, f: impl FnOnce(Option<&K::View>, &Board) -> T) -> T {
        // `get`, not `track`: the view must be brought up to date before
        // the board is borrowed below.
        self.revision.try_get();
        self.with_untracked(f)
    }

    pub fn with_untracked<T>(&self, f: impl FnOnce(Option<&K::View>, &Board) -> T) -> T {
        let id = self.id;
        self.cell
            .with_untracked(|b| f(id.and_then(|id| K::view(b, id)), b))
    }

    /// The view's handle on the board.
    pub fn id(&self) -> Option<ViewId> {
        self.id
    }

    /// How many rows the view has.
    pub fn len(&self) -> usize {
        self.with(|v, _| v.map_or(0, |v| K::keys(v).len()))
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The rows at these positions, in order.
    pub fn rows_in(&self, range: Range<usize>) -> Vec<LiveRow<K::Record>> {
        self.with(|v, b| {
            let keys = v.map_or(&[][..], K::keys);
            keys.get(range)
                .unwrap_or_default()
                .iter()
                .filter_map(|&key| {
                    K::record(b, key).map(|(record, version)| LiveRow {
                        key,
                        version,
                        record: record.clone(),
                    })
                })
                .collect()
        })
    }

    /// Every record of the view, in order, re-read when the view changes.
    pub fn records_tracked(&self) -> Vec<Arc<K::Record>> {
        self.track();
        self.records_untracked()
    }

    /// Every record of the view, in order (for select-all and export).
    pub fn records_untracked(&self) -> Vec<Arc<K::Record>> {
        self.with_untracked(|v, b| {
            v.map_or(&[][..], K::keys)
                .iter()
                .filter_map(|&key| K::record(b, key).map(|(r, _)| r.clone()))
                .collect()
        })
    }

    /// The view's revision, for memos that depend on the rows.
    pub fn track(&self) {
        self.revision.try_get();
    }
}
