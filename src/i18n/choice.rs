//! Keeps the monitor's language on the first one its sources speak, in
//! the order `monitor_core::locale_choice` gives: the address, the portal,
//! the user's preference, the deployment's default, the browser. Each
//! source is filled in as it becomes known (the deployment with
//! `config.json`, the user with `/me`, the portal with its token), and the
//! language follows.

use leptos::prelude::*;
use monitor_core::locale_choice::LocaleSources;

use super::Locale;

/// The language when no source names one the monitor speaks.
const FALLBACK: Locale = Locale::Es;

/// The sources of the current language, in context.
#[derive(Clone, Copy)]
pub struct LocaleChoice(RwSignal<LocaleSources>);

impl LocaleChoice {
    /// The language the portal handed over with its token.
    pub fn set_portal(&self, tag: String) {
        self.0.update(|s| s.portal = Some(tag));
    }

    /// The signed-in user's preference (`None` once nobody is signed in).
    pub fn set_user(&self, tag: Option<String>) {
        if self.0.with_untracked(|s| s.user != tag) {
            self.0.update(|s| s.user = tag);
        }
    }

    /// The deployment's `default_locale`.
    pub fn set_deployment(&self, tag: Option<String>) {
        self.0.update(|s| s.deployment = tag);
    }
}

/// The language the sources choose.
fn chosen(sources: &LocaleSources) -> Locale {
    sources.choose(Locale::from_tag).unwrap_or(FALLBACK)
}

/// Provides the language and its sources; the address and the browser are
/// known at once.
pub(super) fn provide(locale: RwSignal<Locale>) {
    let sources = RwSignal::new(LocaleSources {
        address: address_language(),
        browser: browser_languages(),
        ..LocaleSources::default()
    });
    locale.set(chosen(&sources.get_untracked()));
    provide_context(LocaleChoice(sources));
    Effect::new(move |_| {
        let wanted = sources.with(chosen);
        if locale.get_untracked() != wanted {
            locale.set(wanted);
        }
    });
}

pub fn use_locale_choice() -> LocaleChoice {
    expect_context::<LocaleChoice>()
}

/// `?lang=` of the address the monitor was opened with.
fn address_language() -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get("lang")
}

fn browser_languages() -> Vec<String> {
    web_sys::window()
        .map(|w| {
            w.navigator()
                .languages()
                .iter()
                .filter_map(|l| l.as_string())
                .collect()
        })
        .unwrap_or_default()
}
