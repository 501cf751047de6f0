//! The languages the window speaks, and which one the system asks for.

use unic_langid::{LanguageIdentifier, langid};

/// A language the window is translated into (every key in its `.ftl`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    English,
    German,
}

impl Language {
    /// Every language, in the order the Settings picker lists them.
    pub fn all() -> [Language; 2] {
        [Language::English, Language::German]
    }

    /// The code kept in settings and naming the `.ftl` folder.
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::German => "de",
        }
    }

    /// Its name in itself, so a reader finds it whatever is shown now.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::German => "Deutsch",
        }
    }

    /// For Fluent's plural rules.
    pub(super) fn langid(self) -> LanguageIdentifier {
        match self {
            Language::English => langid!("en"),
            Language::German => langid!("de"),
        }
    }

    /// The language of a POSIX locale (`de_DE.UTF-8`, `en_GB@euro`) or a
    /// code (`de`, `de-AT`); `C` and `POSIX` are English. None for a
    /// language without a translation.
    pub fn from_locale(locale: &str) -> Option<Language> {
        let locale = locale.trim();
        let end = locale.find(['.', '@']).unwrap_or(locale.len());
        let locale = &locale[..end];
        if locale == "C" || locale == "POSIX" {
            return Some(Language::English);
        }
        let primary = locale.split(['_', '-']).next().unwrap_or_default();
        Language::all()
            .into_iter()
            .find(|language| primary.eq_ignore_ascii_case(language.code()))
    }
}

/// The language the desktop session asks for: the first of `LC_ALL`,
/// `LC_MESSAGES` and `LANG` that is set (the order POSIX gives them),
/// English when that one has no translation.
pub fn system_language() -> Language {
    language_from_env(|name| std::env::var(name).ok())
}

fn language_from_env(var: impl Fn(&str) -> Option<String>) -> Language {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(var)
        .find(|value| !value.trim().is_empty())
        .and_then(|locale| Language::from_locale(&locale))
        .unwrap_or(Language::English)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_name_their_language() {
        assert_eq!(Language::from_locale("de_DE.UTF-8"), Some(Language::German));
        assert_eq!(Language::from_locale("de_AT@euro"), Some(Language::German));
        assert_eq!(Language::from_locale("de-CH"), Some(Language::German));
        assert_eq!(Language::from_locale("de"), Some(Language::German));
        assert_eq!(
            Language::from_locale("en_GB.UTF-8"),
            Some(Language::English)
        );
        assert_eq!(Language::from_locale("C"), Some(Language::English));
        assert_eq!(Language::from_locale("C.UTF-8"), Some(Language::English));
        assert_eq!(Language::from_locale("POSIX"), Some(Language::English));
        assert_eq!(Language::from_locale("fr_FR.UTF-8"), None);
        assert_eq!(Language::from_locale(""), None);
    }

    #[test]
    fn the_first_variable_set_decides() {
        fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
            let pairs: Vec<(String, String)> = pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect();
            move |name| {
                pairs
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.clone())
            }
        }
        let german = [
            ("LC_ALL", ""),
            ("LC_MESSAGES", "de_DE.UTF-8"),
            ("LANG", "en_US"),
        ];
        assert_eq!(language_from_env(env(&german)), Language::German);
        let english = [("LC_ALL", "C"), ("LANG", "de_DE.UTF-8")];
        assert_eq!(language_from_env(env(&english)), Language::English);
        let french = [("LANG", "fr_FR.UTF-8")];
        assert_eq!(language_from_env(env(&french)), Language::English);
        assert_eq!(language_from_env(env(&[])), Language::English);
    }

    #[test]
    fn codes_round_trip() {
        for language in Language::all() {
            assert_eq!(Language::from_locale(language.code()), Some(language));
            assert_eq!(language.langid().language.as_str(), language.code());
        }
    }
}
