//! The monitor's words in Spanish, Brazilian Portuguese and English.
//!
//! Each language is one `Texts` value: a struct literal, so the compiler
//! rejects a language with a missing string. Dates and numbers are formatted
//! by the browser's `Intl` for the same locale.

mod choice;
mod en;
mod es;
pub mod intl;
mod pt_br;
mod texts;

use leptos::prelude::*;

pub use choice::{use_locale_choice, LocaleChoice};
pub use texts::Texts;

/// A language the monitor speaks. `as_str` is the BCP 47 tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Locale {
    Es,
    PtBr,
    En,
}

impl Locale {
    pub const ALL: [Locale; 3] = [Locale::Es, Locale::PtBr, Locale::En];

    pub fn as_str(self) -> &'static str {
        match self {
            Locale::Es => "es",
            Locale::PtBr => "pt-BR",
            Locale::En => "en",
        }
    }

    /// Best match for a language tag ("pt", "pt-BR", "en-US", "es-AR" …).
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "es" => Some(Locale::Es),
            "pt" => Some(Locale::PtBr),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Locale::Es => &es::TEXTS,
            Locale::PtBr => &pt_br::TEXTS,
            Locale::En => &en::TEXTS,
        }
    }
}

/// Fills `{name}` placeholders of a template.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_owned(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

/// The current locale, in context.
#[derive(Clone, Copy)]
pub struct LocaleSignal(pub RwSignal<Locale>);

/// Provides the language, chosen from its sources (see [`choice`]).
pub fn provide_locale() {
    let locale = RwSignal::new(Locale::Es);
    provide_context(LocaleSignal(locale));
    choice::provide(locale);
}

pub fn use_locale() -> RwSignal<Locale> {
    use_context::<LocaleSignal>()
        .map(|l| l.0)
        .unwrap_or_else(|| RwSignal::new(Locale::En))
}

/// The texts of the current locale, as a reactive read.
pub fn use_texts() -> Signal<&'static Texts> {
    let locale = use_locale();
    Signal::derive(move || locale.get().texts())
}

/// One string of the interface as a reactive read: `tr(t, |t| t.search)`.
///
/// Every label goes through this one function and one concrete type
/// (`Signal<&'static str>`, which the view renders as text or as an
/// attribute): a `move || t.get().label` closure in a view is a type of
/// its own, and the view glue is compiled again for each of them.
pub fn tr(t: Signal<&'static Texts>, pick: fn(&Texts) -> &'static str) -> Signal<&'static str> {
    Signal::derive(move || pick(t.get()))
}

/// A count formatted for the locale ("50,000" in English, "50.000" in Spanish).
pub fn format_count(n: usize, locale: Locale) -> String {
    intl::format(locale.as_str(), intl::Kind::Count, n as f64).unwrap_or_else(|| n.to_string())
}
