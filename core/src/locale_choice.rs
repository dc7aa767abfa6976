//! Which language the monitor speaks, when several places have a say.
//!
//! An explicit `?lang=` in the address wins (a link or a test asks for a
//! language on purpose). Then the portal's choice, handed over with its
//! token; then the user's own preference from `/me`; then the
//! deployment's `default_locale`; then the browser's languages in order.
//! A source naming a language the monitor does not speak is skipped, so a
//! portal in French falls through to the user's preference, not to a
//! blank.

/// The candidates, each possibly absent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LocaleSources {
    /// `?lang=` in the monitor's own address.
    pub address: Option<String>,
    /// The language the portal sent with its token.
    pub portal: Option<String>,
    /// `locale` of the signed-in user (`/me`).
    pub user: Option<String>,
    /// `default_locale` of `config.json`.
    pub deployment: Option<String>,
    /// `navigator.languages`, most preferred first.
    pub browser: Vec<String>,
}

impl LocaleSources {
    /// The tags in order of precedence.
    pub fn in_order(&self) -> impl Iterator<Item = &str> {
        [&self.address, &self.portal, &self.user, &self.deployment]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .chain(self.browser.iter().map(String::as_str))
    }

    /// The first tag `speak` understands, as what it makes of it.
    pub fn choose<L>(&self, speak: impl Fn(&str) -> Option<L>) -> Option<L> {
        self.in_order().find_map(speak)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The languages of these tests: Spanish and English only.
    fn speak(tag: &str) -> Option<&'static str> {
        match tag.split('-').next()? {
            "es" => Some("es"),
            "en" => Some("en"),
            _ => None,
        }
    }

    fn tag(s: &str) -> Option<String> {
        Some(s.to_owned())
    }

    #[test]
    fn the_portal_wins_over_the_user_the_deployment_and_the_browser() {
        let sources = LocaleSources {
            address: None,
            portal: tag("en"),
            user: tag("es"),
            deployment: tag("es"),
            browser: vec!["es-AR".into()],
        };
        assert_eq!(sources.choose(speak), Some("en"));
    }

    #[test]
    fn each_source_is_used_when_the_ones_before_it_are_missing() {
        let mut sources = LocaleSources {
            address: tag("en"),
            portal: tag("es"),
            user: tag("en"),
            deployment: tag("es"),
            browser: vec!["en-GB".into()],
        };
        assert_eq!(sources.choose(speak), Some("en"), "the address");
        sources.address = None;
        assert_eq!(sources.choose(speak), Some("es"), "the portal");
        sources.portal = None;
        assert_eq!(sources.choose(speak), Some("en"), "the user");
        sources.user = None;
        assert_eq!(sources.choose(speak), Some("es"), "the deployment");
        sources.deployment = None;
        assert_eq!(sources.choose(speak), Some("en"), "the browser");
        sources.browser.clear();
        assert_eq!(sources.choose(speak), None);
    }

    #[test]
    fn a_language_the_monitor_does_not_speak_falls_through() {
        let sources = LocaleSources {
            address: tag("fr"),
            portal: tag("fr-CA"),
            user: None,
            deployment: tag("de"),
            browser: vec!["it".into(), "en-US".into()],
        };
        assert_eq!(sources.choose(speak), Some("en"));
    }
}
