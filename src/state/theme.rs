//! Light or dark: the portal's choice when embedded, otherwise the user's
//! system preference (CSS `prefers-color-scheme`).

use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    pub fn from_name(name: &str) -> Option<Theme> {
        match name {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

#[derive(Clone, Copy)]
struct ThemeSignal(RwSignal<Option<Theme>>);

/// Provides the theme and keeps `<html data-theme>` in step (absent = follow the system).
pub fn provide_theme() {
    let from_url =
        web_sys::UrlSearchParams::new_with_str(&window().location().search().unwrap_or_default())
            .ok()
            .and_then(|p| p.get("theme"))
            .and_then(|t| Theme::from_name(&t));
    let theme = RwSignal::new(from_url);
    provide_context(ThemeSignal(theme));
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = match theme.get() {
                Some(t) => root.set_attribute("data-theme", t.as_str()),
                None => root.remove_attribute("data-theme"),
            };
        }
    });
}

pub fn use_theme() -> RwSignal<Option<Theme>> {
    use_context::<ThemeSignal>()
        .map(|t| t.0)
        .unwrap_or_else(|| RwSignal::new(None))
}
