//! The one place that decides what a 401 means for the signed-in session.
//! The session registers what to do (ask the portal for a token when
//! embedded, else the sign-in screen: both by ending the session, which the
//! embedding answers by asking its portal); every request of a session's
//! client reports its 401 here. Call sites only stop what they were doing,
//! and the dialogs keep their drafts. A client trying a token (sign-in, a
//! token from the portal) does not report: a refused candidate is not an
//! ended session.

use std::cell::RefCell;
use std::rc::Rc;

thread_local! {
    static HANDLER: RefCell<Option<Rc<dyn Fn()>>> = RefCell::new(None);
}

/// What a session's 401 does, from now on.
pub fn on_unauthorized(handler: impl Fn() + 'static) {
    HANDLER.with(|h| *h.borrow_mut() = Some(Rc::new(handler)));
}

/// A session's request got 401.
pub(super) fn report() {
    // Cloned out first: the handler may register a new one (a new session).
    if let Some(handler) = HANDLER.with(|h| h.borrow().clone()) {
        handler();
    }
}
