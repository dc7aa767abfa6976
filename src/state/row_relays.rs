//! Per-generation copies of the app-wide signals that table rows read.
//!
//! reactive_graph 0.2 never prunes a signal's subscriber list: an effect
//! or memo that is dropped stays in the list of every signal it read (a
//! weak handle, and the allocation behind it) until that signal itself is
//! dropped. A row of a live table lives seconds; the locale, the clock and
//! the selection live all day. Read directly, every row ever shown would
//! leave its effects behind: about 76 bytes per read, some 700 bytes per
//! conversation row, 8 MB a minute on a board sorted by the latest change
//! at 200 events a second.
//!
//! So the virtual table gives each generation of its rows (see
//! `ROWS_PER_LIST` there) fresh copies of those signals, read by the rows
//! through the same `use_…` calls. When the generation is rebuilt its
//! copies are dropped, and with them the dead rows' entries; each copy
//! leaves one entry behind in its source, once per generation.

use std::collections::BTreeSet;

use leptos::prelude::*;

use super::actions::ConversationActions;
use super::clock::{use_clock, Clock};
use crate::i18n::{use_locale, Locale, LocaleSignal};

/// What a conversation row reads of the page's actions: the selection and
/// whose options menu is open.
#[derive(Clone, Copy)]
pub struct RowReads {
    pub selection: Memo<BTreeSet<String>>,
    /// The id of the conversation whose options menu is open.
    pub menu: Memo<Option<String>>,
}

/// One generation's copies of the clock, the locale and (on a page with
/// conversation actions) the actions' reads. Made under an owner the table
/// drops once the generation's rows are gone, and provided to those rows.
#[derive(Clone, Copy)]
pub struct RowRelays {
    clock: Clock,
    locale: RwSignal<Locale>,
    reads: Option<RowReads>,
}

impl RowRelays {
    /// Copies of what is in context now.
    pub fn copy_context() -> Self {
        Self {
            clock: use_clock().relay(),
            locale: mirror(use_locale()),
            reads: use_context::<ConversationActions>().map(row_reads),
        }
    }

    /// Makes the copies what rows below read.
    pub fn provide(self) {
        provide_context(self.clock);
        provide_context(LocaleSignal(self.locale));
        if let Some(reads) = self.reads {
            provide_context(reads);
        }
    }
}

/// The row reads in context, or read straight from the actions (a row
/// rendered outside a virtual table).
pub fn use_row_reads() -> Option<RowReads> {
    use_context::<RowReads>().or_else(|| use_context::<ConversationActions>().map(row_reads))
}

fn row_reads(actions: ConversationActions) -> RowReads {
    RowReads {
        selection: Memo::new(move |_| actions.selection.get()),
        menu: Memo::new(move |_| {
            actions
                .menu
                .with(|m| m.as_ref().map(|a| a.conversation.id.clone()))
        }),
    }
}

/// A signal that follows `source` (written only by it): readers of the
/// copy are not subscribers of the source.
pub fn mirror<T: Clone + PartialEq + Send + Sync + 'static>(source: RwSignal<T>) -> RwSignal<T> {
    let copy = RwSignal::new(source.get_untracked());
    // `try_`: a run queued as the copy is dropped must not panic.
    Effect::new(move |_| {
        let Some(value) = source.try_get() else {
            return;
        };
        if copy.try_with_untracked(|c| *c != value) == Some(true) {
            copy.try_set(value);
        }
    });
    copy
}
