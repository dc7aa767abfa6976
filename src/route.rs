//! The monitor's pages as the router knows them: one enum, so a link, a
//! selected tab and a route are never strings compared by hand.

/// A page of the signed-in monitor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Page {
    /// "Atenciones": the conversations, ongoing or finished.
    Conversations,
    /// "Agentes" (profiles that may see agents).
    Agents,
    /// The wall display (profiles with the supervisor's tools).
    Wallboard,
}

impl Page {
    /// The path under the app's base, as the router matches it.
    pub fn path(self) -> &'static str {
        match self {
            Page::Conversations => "/",
            Page::Agents => "/agents",
            Page::Wallboard => "/wallboard",
        }
    }

    /// A link to the page from inside the app served under `base`, keeping
    /// the language choice (not another page's filters).
    pub fn href(self, base: &str, lang: Option<&str>) -> String {
        match lang {
            Some(lang) => format!("{base}{}?lang={lang}", self.path()),
            None => format!("{base}{}", self.path()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_stay_under_the_base_and_keep_only_the_language() {
        assert_eq!(
            Page::Agents.href("/monitor", Some("es")),
            "/monitor/agents?lang=es"
        );
        assert_eq!(Page::Conversations.href("", None), "/");
        assert_eq!(
            Page::Wallboard.href("", Some("pt-BR")),
            "/wallboard?lang=pt-BR"
        );
    }
}
