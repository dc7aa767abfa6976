//! The finished conversations of a date range: loaded page by page from
//! the backend (`scope=finished`) into a board of their own, so that the
//! Atenciones tab searches, filters and sorts them exactly as it does the
//! ongoing ones. Rows show as each page arrives; a new range starts over
//! and cancels the pages of the old one.

use leptos::prelude::*;
use leptos::task::spawn_local;
use monitor_core::board::{Board, Input};
use monitor_core::wire::{ConversationsSnapshot, Timestamp};
use wasm_bindgen::JsValue;
use web_sys::AbortController;

use super::board_cell::BoardCell;
use crate::api::{ApiClient, ApiError};

/// Most finished conversations kept for one range; past it the list says
/// so and asks for a shorter range.
pub const MOST_ROWS: usize = 20_000;

/// A range's finished conversations and how their loading goes.
#[derive(Clone, Copy)]
pub struct Archive {
    pub cell: BoardCell,
    /// Pages are still arriving.
    pub loading: RwSignal<bool>,
    /// Why the last page could not be loaded (shown with Retry).
    pub problem: RwSignal<Option<ApiError>>,
    /// The range holds more than [`MOST_ROWS`]: the rest was not loaded.
    pub truncated: RwSignal<bool>,
    /// Bumped by each new load: a page of an older one is dropped.
    generation: StoredValue<u64>,
    abort: StoredValue<Option<send_wrapper::SendWrapper<AbortController>>>,
}

impl Archive {
    /// An empty archive; it stops loading when the calling owner is disposed.
    pub fn new(thresholds: monitor_core::thresholds::WaitThresholds) -> Self {
        let archive = Self {
            cell: BoardCell::new(Board::with_thresholds(thresholds)),
            loading: RwSignal::new(false),
            problem: RwSignal::new(None),
            truncated: RwSignal::new(false),
            generation: StoredValue::new(0),
            abort: StoredValue::new(None),
        };
        on_cleanup(move || archive.cancel());
        archive
    }

    fn cancel(&self) {
        if let Some(Some(controller)) = self.abort.try_get_value() {
            controller.abort();
        }
    }

    /// Loads the conversations finished from the local midnight starting
    /// `from` to the one ending `to` (local dates, `YYYY-MM-DD`), replacing
    /// what was there.
    pub fn load(&self, api: ApiClient, from: String, to: String) {
        self.cancel();
        let generation = self.generation.get_value() + 1;
        self.generation.set_value(generation);
        let controller = AbortController::new().ok();
        let signal = controller.as_ref().map(AbortController::signal);
        self.abort
            .set_value(controller.map(send_wrapper::SendWrapper::new));
        // Empty, keeping its open views (they simply find no rows now).
        self.cell.update_quietly(|b| {
            b.stage(Input::Conversations(ConversationsSnapshot {
                server_time: Timestamp::UNIX_EPOCH,
                sequence: 0,
                conversations: Vec::new(),
                next_cursor: None,
            }));
            b.flush();
        });
        self.cell.bump();
        self.loading.set(true);
        self.problem.set(None);
        self.truncated.set(false);
        let archive = *self;
        spawn_local(async move {
            let mut cursor: Option<String> = None;
            let mut loaded = 0usize;
            loop {
                let path = page_path(&from, &to, cursor.as_deref());
                let page = api
                    .get_conversations(&path, "finished conversations", signal.as_ref())
                    .await;
                if archive.generation.try_get_value() != Some(generation) {
                    return;
                }
                let page = match page {
                    Ok(page) => page,
                    // The session ends where every 401 does (`api::unauthorized`).
                    Err(ApiError::Unauthorized) => return,
                    Err(e) => {
                        archive.problem.set(Some(e));
                        archive.loading.set(false);
                        return;
                    }
                };
                loaded += page.conversations.len();
                archive.cell.update_quietly(|b| {
                    for c in page.conversations {
                        b.stage(Input::Archived(c));
                    }
                    b.flush();
                });
                archive.cell.bump();
                match page.next_cursor {
                    Some(next) if loaded < MOST_ROWS => cursor = Some(next),
                    Some(_) => {
                        archive.truncated.set(true);
                        break;
                    }
                    None => break,
                }
            }
            archive.loading.set(false);
        });
    }
}

/// The request for one page of the range.
fn page_path(from: &str, to: &str, cursor: Option<&str>) -> String {
    let mut path = "/monitor/conversations?scope=finished".to_owned();
    for (key, value) in [
        ("from", local_midnight_utc(from, 0)),
        ("to", local_midnight_utc(to, 1)),
        ("cursor", cursor.map(str::to_owned)),
    ] {
        if let Some(value) = value {
            path.push_str(&format!("&{key}={}", js_sys::encode_uri_component(&value)));
        }
    }
    path
}

/// The UTC instant of local midnight starting `date` (`YYYY-MM-DD`), `days` later.
fn local_midnight_utc(date: &str, days: u32) -> Option<String> {
    let start = js_sys::Date::new(&format!("{date}T00:00:00").into());
    if start.get_time().is_nan() {
        return None;
    }
    start.set_date(start.get_date() + days);
    start.to_iso_string().as_string()
}

/// The local date (`YYYY-MM-DD`) of the day starting at `day_start`.
pub fn local_date(day_start: Timestamp) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(day_start.timestamp_millis() as f64));
    format!(
        "{:04}-{:02}-{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date()
    )
}
